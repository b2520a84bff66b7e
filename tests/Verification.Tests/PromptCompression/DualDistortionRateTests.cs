using Verification.Core.Numerics;
using Verification.PromptCompression.Limits;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

public class DualDistortionRateTests
{
    /// <summary>
    /// Two groups of weight 1/2. Group A: (1/4, 1), (2/4, 1), (3/4, 0), (1, 0.5): per-rate minima, hull (1/4, 1)–(3/4, 0),
    /// the point at 2/4 collinear-above and the tail at rate 1 dropped. Group B: (1/2, 2), (1, 0): one edge.
    /// </summary>
    private static RateDistortionProblem Example() => new(
    [
        new RdGroup(0.5, [0.25, 0.5, 0.75, 1.0, 0.5], [1, 1, 0, 0.5, 3]),
        new RdGroup(0.5, [0.5, 1.0], [2, 0]),
    ]);

    [Fact]
    public void CurveByHandFromTheHullEdges()
    {
        var curve = DualDistortionRate.Compute(Example());
        var exact = Tolerance.Abs(1e-15);
        // R0 = (1/4 + 1/2)/2 = 3/8, D0 = (1 + 2)/2 = 3/2. Edge A slope 2 (ΔR 1/4, ΔD 1/2), edge B slope 4 (ΔR 1/4, ΔD 1).
        Assertions.Close(0.375, curve.MinimumRate, exact, "R0");
        Assertions.Close(1.5, curve.Evaluate(0.375), exact, "D*(R0)");
        Assert.Equal(2, curve.Segments.Count);
        Assert.Equal(4, curve.Segments[0].Slope);   // steepest first
        Assertions.Close(1.0, curve.Evaluate(0.5), exact, "D*(1/2): half of B's edge");
        Assertions.Close(0.5, curve.Evaluate(0.625), exact, "D*(5/8): B done");
        Assertions.Close(0.25, curve.Evaluate(0.75), exact, "D*(3/4)");
        Assertions.Close(0, curve.Evaluate(0.875), exact, "saturation");
        Assertions.Close(0, curve.Evaluate(1), exact, "D*(1)");
        Assert.Equal(double.PositiveInfinity, curve.Evaluate(0.3));
        Assert.Equal(4, curve.DualSlope(0.5));
        Assert.Equal(2, curve.DualSlope(0.7));
        Assert.Equal(0, curve.DualSlope(0.9));
    }

    [Fact]
    public void PolicySplitsOneGroupBetweenAdjacentHullVertices()
    {
        var policy = DualDistortionRate.Compute(Example()).PolicyAt(0.75);
        Assert.Equal([(0, 0.5), (2, 0.5)], policy[0].Support);
        Assert.Equal([(1, 1.0)], policy[1].Support);
    }

    [Fact]
    public void WithoutTheHullStepTheCurveDropsBelowTheTrueLimit()
    {
        var faithful = DualDistortionRate.Compute(Example());
        var noHull = DualDistortionRate.Compute(Example(), new DualOptions(SkipHull: true));
        // Group A's non-convex chain (1/4, 1) → (2/4, 1) → (3/4, 0) gets its steep edge first: an unachievable point.
        Assert.True(noHull.Evaluate(0.75) < faithful.Evaluate(0.75) - 0.1, $"{noHull.Evaluate(0.75)} vs {faithful.Evaluate(0.75)}");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void RatesOutsideTheUnitIntervalAreRejected(double rate)
    {
        var curve = DualDistortionRate.Compute(Example());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => curve.Evaluate(rate));
        Assert.Equal("rate", e.ParamName);
        Assert.Contains("[0, 1]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DistortionRateLp.TrySolve(Example(), rate, out _));
    }

    [Fact]
    public void PolicyBelowTheMinimumRateIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DualDistortionRate.Compute(Example()).PolicyAt(0.2));

    [Fact]
    public void MalformedProblemsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new RateDistortionProblem([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateDistortionProblem([new RdGroup(1, [0], [1])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateDistortionProblem([new RdGroup(1, [0.5], [double.NaN])]));
        Assert.Throws<ArgumentException>(() => new RateDistortionProblem([new RdGroup(0.5, [0.5], [1])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DualDistortionRate.DualObjective(Example(), -1, 0.5));
    }
}
