using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.LotteryTickets.SubsetSum;

namespace Verification.Tests.SubsetSum;

/// <summary>
/// The coverage experiment of SS.coverage-threshold (arXiv 2006.07990 §2, Lemma 1 and the counting bound, spec P1–P2):
/// its curves read the right n, n₉₀ is NaN where 90% is never reached (and then there is no fit), and no sample beats
/// the counting bound while a set with repeated sums shows as far above it.
/// </summary>
public class CoverageSweepTests
{
    private static CoverageCurve Curve(double eps, double radius, int trials, params int[] covered) =>
        new(eps, radius, covered, [.. covered.Select(k => BinomialInterval.Wilson(k, trials))]);

    [Fact]
    public void CurveReadsTheCountingThresholdTheLargestNAndN90()
    {
        // ε = 0.1 on [−1, 1]: ⌈log2(10)⌉ = 4, so the coverage at n = 4 (index 3) is the one at the threshold
        var c = Curve(0.1, 1, 100, 0, 0, 0, 20, 50, 90, 100);
        Assert.Equal(4, c.CountingThreshold);
        Assert.Equal(0.2, c.AtThreshold, 15);
        Assert.Equal(1.0, c.AtMaxN, 15);
        Assert.Equal(6, c.N90);   // 90 of 100 first at n = 6
        Assert.True(c.N90Earliest95 <= c.N90 && c.N90 <= c.N90Latest95);
    }

    [Fact]
    public void A90PercentNeverReachedIsNaNAndLeavesNoFit()
    {
        var reached = Curve(0.1, 1, 10, 5, 9, 10);
        var never = Curve(0.01, 1, 10, 0, 1, 2);
        Assert.True(double.IsNaN(never.N90));
        Assert.Equal(0, never.AtThreshold);   // ⌈log2(100)⌉ = 7 lies beyond the largest n (3)
        Assert.Null(new CoverageSweep(1, [], [reached, never]).N90Fit);
        Assert.NotNull(new CoverageSweep(1, [], [reached, Curve(0.01, 1, 10, 0, 9, 10)]).N90Fit);
    }

    [Fact]
    public void NoSampleBeatsTheCountingBoundAndRepeatedSumsAreFarAboveIt()
    {
        var sweep = CoverageSweep.Run(SummandDistribution.Uniform, 1, 20, 12, [0.1, 0.01], new Rng(3));
        var ratios = sweep.OverCountingBound().ToList();
        Assert.Equal(20 * 12, ratios.Count);
        Assert.All(ratios, r => Assert.True(r.Measured >= 1 - 1e-12, $"{r.Case}: D_n/(r·2^-n) = {r.Measured}"));
        // x = (0.5, 0.5): the sums {0, 0.5, 1} leave −1 at distance 1, four times the bound 2^-2
        var repeated = new CoverageSweep(1, [SubsetSumCoverage.WorstCaseDistances([0.5, 0.5])], []).OverCountingBound().ToList();
        Assert.Equal(4.0, repeated[1].Measured, 12);
    }
}
