using System.Text.Json;
using Spectre.Console.Testing;
using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// A run over seeds 1-3 of a claim that holds at odd seeds only: the replay line is printed and reported for the
/// seed that missed its recorded verdict, the aggregate is 2 of 3, and provenance.json records what ran while
/// results.json stays byte-identical between two runs.
/// </summary>
public class ReplayAndProvenanceTests
{
    private sealed class HoldsAtOddSeeds : Claim
    {
        public override string Id => "MC.holds-at-odd-seeds";
        public override PaperRef Paper => PaperRef.MarkovMachinery;
        public override string Section => "test";
        public override string Statement => "holds at odd seeds";
        public override string NegativeControl => "always refuted";
        public override int? SeedsNeeded => 2;
        protected override Outcome Check(ClaimContext context, Construction construction) =>
            construction == Construction.Faithful && context.Seed % 2 == 1
                ? new Observations().Expect("ok", true, "scripted").Conclude("odd seed")
                : new Observations().Expect("ok", false, "scripted").Conclude("even seed or sabotaged");
    }

    private static (int Code, string Out) Run(string outDir, string commandLine)
    {
        var registry = new ClaimRegistry([new HoldsAtOddSeeds()]);
        var options = VerifyOptions.Resolve(new VerifyRequest { Scale = Scale.Smoke, Seeds = [1, 2, 3], OutDir = outDir },
            registry, VerifyRunner.CodeVersion(), DateTimeOffset.UtcNow);
        var console = new TestConsole();
        int code = VerifyRunner.Run(options, registry, console, default, null, commandLine);
        return (code, console.Output);
    }

    [Fact]
    public void TheSeedThatMissedItsVerdictGetsAReplayLineAndTheAggregateCountsIt()
    {
        using var dir = new TempDir();
        var (code, output) = Run(dir["run"], "verify --seeds 1-3");
        Assert.Equal(1, code);
        const string replay = "dotnet run --project src/Verification.Cli -- verify --claim MC.holds-at-odd-seeds --seed 2 --scale smoke";
        Assert.Contains($"Replay MC.holds-at-odd-seeds@2: {replay}\n", output);
        Assert.DoesNotContain("Replay MC.holds-at-odd-seeds@1", output);
        var report = File.ReadAllText(dir["run/report.md"]);
        Assert.Contains(replay, report);
        Assert.Contains("| `MC.holds-at-odd-seeds` | 1: holds, 2: refuted, 3: holds | 2 of 3 | [0.21, 0.94] | 2 | as recorded |", report);
        using var results = JsonDocument.Parse(File.ReadAllText(dir["run/results.json"]));
        var over = results.RootElement.GetProperty("summary").GetProperty("overSeeds")[0];
        Assert.Equal((2, 3, 2, true), (over.GetProperty("asRecorded").GetInt32(), over.GetProperty("seeds").GetInt32(),
            over.GetProperty("needed").GetInt32(), over.GetProperty("holdsOverSeeds").GetBoolean()));
        Assert.Equal(3, results.RootElement.GetProperty("claims").GetArrayLength());
    }

    [Fact]
    public void ProvenanceRecordsWhatRanAndResultsStayByteIdentical()
    {
        using var dir = new TempDir();
        Run(dir["a"], "verify --seeds 1-3 --out a");
        Run(dir["b"], "verify --seeds 1-3 --out b");
        Assert.Equal(File.ReadAllBytes(dir["a/results.json"]), File.ReadAllBytes(dir["b/results.json"]));

        using var doc = JsonDocument.Parse(File.ReadAllText(dir["b/provenance.json"]));
        var p = doc.RootElement;
        Assert.Equal("verify --seeds 1-3 --out b", p.GetProperty("commandLine").GetString());
        foreach (var key in new[] { "gitCommit", "codeVersion", "runtime", "os", "cpuModel", "device", "torchSharp", "libtorch", "orTools" })
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty(key).GetString()), key);
        foreach (var key in new[] { "torchSharp", "libtorch", "orTools" })
            Assert.NotEqual("unknown", p.GetProperty(key).GetString());
        Assert.Equal(Environment.ProcessorCount, p.GetProperty("cores").GetInt32());
        Assert.True(p.GetProperty("startedAt").GetDateTimeOffset() <= p.GetProperty("endedAt").GetDateTimeOffset());
        var footer = File.ReadAllText(dir["b/report.md"]);
        Assert.Contains(PublishMarkdown.FooterMarker, footer);
        Assert.Contains("- command: `verify --seeds 1-3 --out b`", footer);
    }

    [Theory]
    [InlineData(new[] { "verify", "--out", "a b" }, "verify --out 'a b'")]
    [InlineData(new[] { "verify", "--claim", "it's" }, "verify --claim 'it'\\''s'")]
    [InlineData(new[] { "verify", "--seeds", "1-3,7" }, "verify --seeds 1-3,7")]
    public void TheCommandLineIsQuotedAsAShellTakesItBack(string[] args, string expected) =>
        Assert.Equal(expected, Provenance.Quote(args));
}
