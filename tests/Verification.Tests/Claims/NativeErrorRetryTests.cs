// Issue #12, item 5: a check that dies with a native error is retried once from scratch; a second failure stays
// inconclusive; a managed crash is never retried.
using System.Runtime.InteropServices;
using Verification.Core.Claims;
using Verification.Core.Runtime;

namespace Verification.Tests.Claims;

public class NativeErrorRetryTests
{
    private sealed class Flaky(Func<Construction, int, Outcome> check) : Claim
    {
        private readonly Dictionary<Construction, int> calls = [];
        public int Calls(Construction k) => calls.GetValueOrDefault(k);
        public override string Id => "MC.flaky";
        public override PaperRef Paper => PaperRef.MarkovMachinery;
        public override string Section => "test";
        public override string Statement => "scripted";
        public override string NegativeControl => "scripted sabotage";
        protected override Outcome Check(ClaimContext context, Construction construction)
        {
            int call = calls[construction] = Calls(construction) + 1;
            return check(construction, call);
        }
    }

    private static Outcome Holds() => new Observations().Expect("ok", true, "scripted").Conclude("ok");
    private static Outcome Refuted() => new Observations().Expect("ok", false, "scripted").Conclude("off");

    [Fact]
    public void ANativeErrorIsRetriedOnceAndTheReasonSaysSo()
    {
        var claim = new Flaky((k, call) => call == 1 && k == Construction.Faithful
            ? throw new ExternalException("Unknown scalar type.")
            : k == Construction.Faithful ? Holds() : Refuted());
        var e = claim.Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Holds, e.Verdict);
        Assert.Equal(2, claim.Calls(Construction.Faithful));
        Assert.Equal(1, claim.Calls(Construction.Sabotaged));
        Assert.Contains("retried once from scratch after a native error: ExternalException: Unknown scalar type.", e.Reason);
    }

    [Fact]
    public void ASecondNativeErrorStaysInconclusive()
    {
        var claim = new Flaky((k, _) => k == Construction.Faithful ? throw new SEHException("boom") : Refuted());
        var e = claim.Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Inconclusive, e.Verdict);
        Assert.Equal(2, claim.Calls(Construction.Faithful));
        Assert.Contains("the retry failed the same way", e.Reason);
    }

    [Fact]
    public void AManagedCrashIsNotRetried()
    {
        var claim = new Flaky((k, _) => k == Construction.Faithful ? throw new InvalidOperationException("bug") : Refuted());
        var e = claim.Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Inconclusive, e.Verdict);
        Assert.Equal(1, claim.Calls(Construction.Faithful));
        Assert.DoesNotContain("retried", e.Reason);
    }
}
