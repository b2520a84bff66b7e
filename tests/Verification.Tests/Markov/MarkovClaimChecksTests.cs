using Verification.Core.Claims;
using Verification.Core.Markov.Claims;
using Verification.Core.Runtime;

namespace Verification.Tests.Markov;

/// <summary>
/// The MC claims decide "for every chain of the grid" with one check over all chains (<see cref="Observations.ExpectAll(string, IEnumerable{ValueTuple{string, double, double}}, Verification.Core.Numerics.Tolerance)"/>):
/// the check counts the chains, names the worst one and, on the sabotaged construction, how many fail.
/// </summary>
public class MarkovClaimChecksTests
{
    private static Check CheckOf(IReadOnlyList<Check> checks, string name) => Assert.Single(checks, c => c.Name == name);

    [Fact]
    public void StationaryDistributionCheckQuantifiesOverEveryChainAndNamesTheWorst()
    {
        var evidence = new StationaryDistributionIsInvariant().Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu);
        var faithful = CheckOf(evidence.Checks, "max-abs-pip-minus-pi");
        Assert.Equal((81, 0), (faithful.Over, faithful.Failing));   // 9 × 9 chains at smoke
        Assert.Equal(evidence.Measured["max-abs-pip-minus-pi"], faithful.Measured);

        // π swapped: πP = π holds only where p = q (the 9 chains on the diagonal); the worst is the most asymmetric chain.
        var control = CheckOf(evidence.NegativeControl!.Checks, "max-abs-pip-minus-pi");
        Assert.Equal((81, 72), (control.Over, control.Failing));
        Assert.Contains(control.Worst, new[] { "p=1/9,q=9/9", "p=9/9,q=1/9" });
    }

    [Fact]
    public void EntropyGapChecksSplitTheGridOnTheLineAndOffIt()
    {
        var evidence = new EntropyRateBelowStationaryEntropy().Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Holds, evidence.Verdict);
        var onLine = CheckOf(evidence.Checks, "max-abs-gap.on-line");
        var offLine = CheckOf(evidence.Checks, "min-gap.off-line");
        Assert.Equal(19 * 19, CheckOf(evidence.Checks, "min-gap").Over);
        Assert.Equal((19, 19 * 19 - 19), (onLine.Over, offLine.Over));
        Assert.Equal(19.0, evidence.Measured["points.on-line"]);

        // Entropy rate in bits: above H(π) in nats almost everywhere, so "≤ everywhere" fails at many chains.
        var control = CheckOf(evidence.NegativeControl!.Checks, "min-gap");
        Assert.False(control.Passed);
        Assert.True(control.Failing > 100, $"{control.Failing} failing");
        Assert.StartsWith("p=", control.Worst);
    }
}
