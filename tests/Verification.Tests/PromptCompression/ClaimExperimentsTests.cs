using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.PromptCompression.Claims;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Limits;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

/// <summary>
/// The experiment classes the PC claims read: primal next to dual (<see cref="PrimalDualComparison"/>), the brute-force
/// envelope of tiny instances, a curve on a rate grid, and a method's gaps to its limit. Each test has the case the
/// claim's check must catch.
/// </summary>
public class ClaimExperimentsTests
{
    /// <summary>The hand-worked instance of <see cref="DualDistortionRateTests"/>: R0 = 3/8, saturation at 7/8.</summary>
    private static RateDistortionProblem Example() => new(
    [
        new RdGroup(0.5, [0.25, 0.5, 0.75, 1.0, 0.5], [1, 1, 0, 0.5, 3]),
        new RdGroup(0.5, [0.5, 1.0], [2, 0]),
    ]);

    [Fact]
    public void PrimalEqualsDualAboveR0AndTheLpIsInfeasibleBelow()
    {
        var problem = Example();
        var curve = DualDistortionRate.Compute(problem);
        var lp = PrimalDualComparison.Run(problem.PerRateMinima(), curve, RateRow.AtMost, 0.3, [("r0", 0.375), ("r=0.5", 0.5), ("r=1", 1.0)]);
        Assert.True(lp.InfeasibleBelowR0, lp.BelowDetail);
        Assert.All(lp.Solved, s => Assert.True(s.Holds, s.Case));
        Assert.Equal(["r0", "r=0.5", "r=1"], lp.Optimal.Select(p => p.At));
        foreach (var p in lp.Optimal) Assertions.Close(p.Dual, p.Primal, Tolerance.Abs(1e-9), p.At);
        Assertions.Close(0.5, lp.Optimal.ElementAt(1).AchievedRate, Tolerance.Abs(1e-9), "tight rate row at R = 1/2");
        Assert.True(lp.MaxRelativeError < 1e-9, $"{lp.MaxRelativeError}");
    }

    [Fact]
    public void RateRowWithTheWrongSignIsFeasibleBelowR0AndMissesTheDual()
    {
        var problem = Example();
        var curve = DualDistortionRate.Compute(problem);
        var lp = PrimalDualComparison.Run(problem, curve, RateRow.AtLeast, 0.3, [("r=0.5", 0.5)]);
        Assert.False(lp.InfeasibleBelowR0, lp.BelowDetail);
        var p = Assert.Single(lp.Optimal);
        Assert.True(Math.Abs(p.Primal - p.Dual) > 0.5, $"primal {p.Primal} vs dual {p.Dual}");
    }

    [Fact]
    public void BruteForceEnvelopeIsTheLimitOnTheExampleAndInfiniteBelowR0()
    {
        var problem = Example();
        var curve = DualDistortionRate.Compute(problem);
        Assert.Equal(double.PositiveInfinity, DeterministicPolicyEnvelope.Evaluate(problem, 0.3));
        foreach (double r in new[] { 0.375, 0.5, 0.625, 0.75, 0.9, 1.0 })
            Assertions.Close(curve.Evaluate(r), DeterministicPolicyEnvelope.Evaluate(problem, r), Tolerance.Abs(1e-12), $"R = {r}");
    }

    private sealed record Shape(int MaxGroups = 3, int MaxCount = 5, int MaxCandidates = 5, int RateDenominator = 5, int DistortionDenominator = 8)
        : ITinyInstanceShape;

    [Fact]
    public void TinyInstancesAgreeWithBruteForceUnlessTheHullStepIsSkipped()
    {
        var progress = new List<double>();
        var faithful = TinyInstances.DualVersusBruteForce(Rng.For(1, "test"), new Shape(), 30, 10, DualOptions.Faithful, progress.Add).ToList();
        Assert.Equal(30 * 11, faithful.Count);
        Assert.Equal(faithful.Count, faithful.Select(e => e.Case).Distinct().Count());
        Assert.All(faithful, e => Assert.True(e.Error <= 1e-12, $"{e.Case}: {e.Error}"));
        Assert.NotEmpty(progress);

        var noHull = TinyInstances.DualVersusBruteForce(Rng.For(1, "test"), new Shape(), 30, 10, new DualOptions(SkipHull: true), _ => { });
        Assert.Contains(noHull, e => e.Error > 0.01);
    }

    [Fact]
    public void CurveOnGridReportsRisesConcavityAndNonFiniteValues()
    {
        var convex = new CurveOnGrid(r => (1 - r) * (1 - r), 0.2, 11);
        Assert.All(convex.Finite, c => Assert.True(c.Holds, c.Case));
        Assert.All(convex.Rises, c => Assert.True(c.Measured <= 0, $"{c.Case}: {c.Measured}"));
        Assert.All(convex.NegativeSecondDifferences, c => Assert.True(c.Measured <= 1e-15, $"{c.Case}: {c.Measured}"));
        Assert.Equal((10, 9), (convex.Rises.Count(), convex.NegativeSecondDifferences.Count()));

        var concave = new CurveOnGrid(r => 1 - r * r, 0.2, 11);
        Assert.Contains(concave.NegativeSecondDifferences, c => c.Measured > 1e-3);

        // +∞ below some rate: inf − inf is NaN, read as +∞ (the worst), and the first points are not finite.
        var infinite = new CurveOnGrid(r => r < 0.5 ? double.PositiveInfinity : 1 - r, 0.2, 11);
        Assert.Contains(infinite.Finite, c => !c.Holds);
        Assert.Contains(infinite.Rises, c => double.IsPositiveInfinity(c.Measured));
        Assert.DoesNotContain(infinite.Rises, c => double.IsNaN(c.Measured));
    }

    [Fact]
    public void GapsAreMeasuredAgainstTheLimitOfTheMethodsSetting()
    {
        var agnostic = DualDistortionRate.Compute(Example());
        var aware = DualDistortionRate.Compute(new RateDistortionProblem([new RdGroup(1, [0.25, 1.0], [0.5, 0])]));
        CompressorPoint[] points = [new("m", true, 0.5, 0.4, 0.6), new("m", true, 0.9, 0.9, 0.1)];
        var gaps = CompressorGaps.Of(points, agnostic, aware, 0.25, 0.75);
        Assert.Same(aware, gaps.Limit);
        Assert.Equal("m", gaps.Key);
        Assertions.Close(0.6 - aware.Evaluate(0.4), gaps.Gaps[0].Measured, Tolerance.Abs(1e-15), "gap at the realized rate");
        Assert.Equal([gaps.Gaps[0].Measured], gaps.MidRateGaps);   // only the point at rate 0.4 is in [0.25, 0.75]
        Assertions.Close(0.5, gaps.Range, Tolerance.Abs(1e-15), "D*(R0) − D*(1)");

        // The control places points at the knob: the gap is taken at 0.5 instead of 0.4; the window stays on the rate.
        var atKnob = CompressorGaps.Of(points, agnostic, aware, 0.25, 0.75, atKnob: true);
        Assertions.Close(0.6 - aware.Evaluate(0.5), atKnob.Gaps[0].Measured, Tolerance.Abs(1e-15), "gap at the knob");
        Assert.Single(atKnob.MidRateGaps);
        Assert.True(double.IsNaN(CompressorGaps.Of(points, agnostic, aware, 0.95, 0.99).MidRateMeanGap));
    }

    [Fact]
    public void RateAFewUlpsBelowR0IsReadAsR0AndFurthestBelowSkipsInfeasiblePoints()
    {
        var curve = DualDistortionRate.Compute(Example());
        double justBelow = Math.BitDecrement(curve.MinimumRate);
        Assert.Equal(double.PositiveInfinity, curve.Evaluate(curve.MinimumRate - 1e-9));
        Assert.Equal(curve.Evaluate(curve.MinimumRate), CompressorGaps.LimitAt(curve, justBelow));

        Assert.Null(CompressorGaps.FurthestBelow(curve, [new("m", true, 0.1, 0.2, 0.0)]));
        var best = CompressorGaps.FurthestBelow(curve, [new("m", true, 0.1, 0.2, 0.0), new("m", true, 0.5, 0.5, 0.9), new("m", true, 0.7, 0.75, 0.0)]);
        Assert.NotNull(best);
        Assert.Equal(0.75, best.Value.Point.Rate);
        Assertions.Close(curve.Evaluate(0.75), best.Value.Margin, Tolerance.Abs(1e-15), "margin = D*(rate) − D");
    }
}
