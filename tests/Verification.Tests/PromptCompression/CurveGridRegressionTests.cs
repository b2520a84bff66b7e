using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Runtime;

namespace Verification.Tests.PromptCompression;

/// <summary>
/// Found by the seeds sweep of issue #15: at smoke scale, seed 2, the last point of the curve-shape grid
/// R0 + (1 − R0)·k/(K − 1) rounded to 1 + 1 ulp, and D*(R) rejected the rate, so the claim was inconclusive.
/// </summary>
public class CurveGridRegressionTests
{
    [Fact]
    public void CurveShapeHoldsAtSmokeSeedTwo()
    {
        var evidence = ClaimCatalog.Create().Get("PC.curve-shape-and-endpoints").Evaluate(Scale.Smoke, 2, ComputeDevice.Cpu);
        Assert.True(evidence.Verdict == Verdict.Holds, evidence.Reason);
    }
}
