using Spectre.Console.Testing;
using TorchSharp;
using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;
using Verification.Core.Runtime;
using Verification.Tests.Support;

namespace Verification.Tests.Claims;

/// <summary>
/// A claim that runs out of memory — the runtime refusing an array, or libtorch refusing a tensor (a c10::Error that
/// TorchSharp raises as an ExternalException) — is inconclusive with the reason, is not retried, and the run goes on with
/// the other claims. A full disk inside a check is not evidence about the claim: it stops the run.
/// </summary>
public class OutOfMemoryTests
{
    private sealed class Scripted(string id, Func<Construction, Outcome> check) : Claim
    {
        public int Calls { get; private set; }
        public override string Id => id;
        public override PaperRef Paper => PaperRef.MarkovMachinery;
        public override string Section => "test";
        public override string Statement => "scripted";
        public override string NegativeControl => "refuted";
        protected override Outcome Check(ClaimContext context, Construction construction)
        {
            Calls++;
            return check(construction);
        }
    }

    private static Outcome Holds(Construction k) => new Observations().Expect("ok", k == Construction.Faithful, "scripted").Conclude("ok");

    /// <summary>More elements than an array may have: the runtime throws OutOfMemoryException at once, allocating nothing.</summary>
    private static Outcome ManagedOom(Construction k) => new Observations().Measure("n", new double[int.MaxValue].Length).Conclude("unreachable");

    /// <summary>2^58 float32 = 1 EiB, beyond any address space: libtorch's CPU allocator fails whatever the overcommit policy.</summary>
    private static Outcome NativeOom(Construction k)
    {
        using var t = torch.empty(new long[] { 1L << 58 }, torch.ScalarType.Float32);
        return Holds(k);
    }

    [Theory]
    [InlineData("managed")]
    [InlineData("native")]
    public void AClaimOutOfMemoryIsInconclusiveWithTheReasonAndNotRetried(string kind)
    {
        var claim = new Scripted("MC.out-of-memory", k => k == Construction.Faithful ? (kind == "managed" ? ManagedOom(k) : NativeOom(k)) : Holds(k));
        var e = claim.Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Inconclusive, e.Verdict);
        Assert.StartsWith(kind == "managed" ? "out of memory: OutOfMemoryException: " : "out of memory: ExternalException: ", e.Reason);
        if (kind == "native") Assert.Contains("can't allocate memory", e.Reason);
        Assert.DoesNotContain("retried", e.Reason);
        Assert.Equal(2, claim.Calls);   // faithful once (not retried), control once
    }

    [Fact]
    public void TheRunGoesOnWithTheOtherClaimsAfterOneRanOutOfMemory()
    {
        using var dir = new TempDir();
        var registry = new ClaimRegistry([new Scripted("MC.out-of-memory", k => k == Construction.Faithful ? ManagedOom(k) : Holds(k)),
                                          new Scripted("MC.fine", Holds)]);
        var console = new TestConsole();
        var err = new StringWriter();
        int code = Program.Run(["verify", "--scale", "smoke", "--jobs", "1", "--out", dir["run"]], console, err, registry: registry);

        Assert.True(code == 1, err + console.Output);
        Assert.Equal("", err.ToString());
        var results = ResultsJson.Load(dir["run/results.json"]);
        Assert.Equal(Verdict.Inconclusive, results.Claims.Single(c => c.Id == "MC.out-of-memory").Verdict);
        Assert.StartsWith("out of memory: ", results.Claims.Single(c => c.Id == "MC.out-of-memory").Reason);
        Assert.Equal(Verdict.Holds, results.Claims.Single(c => c.Id == "MC.fine").Verdict);
    }

    [Fact]
    public void AFullDiskInsideACheckStopsTheRunInsteadOfMakingTheClaimInconclusive()
    {
        var claim = new Scripted("MC.full-disk", _ => throw new FileWriteException("/x/cell.json", new IOException("No space left on device", 28)));
        Assert.Throws<FileWriteException>(() => claim.Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu));
    }
}
