using Verification.Core.Numerics;
using Verification.PromptCompression.Limits;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

/// <summary>
/// Hand-computed checks of the LP/dual core (DualDistortionRate, DistortionRateCurve, DistortionRateLp,
/// RateDistortionProblem) written from the survivors of a Stryker run (docs/MUTATION.md): exact breakpoints, the
/// slack below R0, tie orders, the hull's collinear and flat-tail rules, the dual objective at and off λ*, and the
/// input checks at their boundaries.
/// </summary>
public class LimitsMutationTests
{
    private static readonly Tolerance Exact = Tolerance.Abs(1e-15);

    /// <summary>The example of DualDistortionRateTests: D* = 3/2 at R0 = 3/8, slope 4 to (5/8, 1/2), slope 2 to (7/8, 0).</summary>
    private static RateDistortionProblem Example() => new(
    [
        new RdGroup(0.5, [0.25, 0.5, 0.75, 1.0, 0.5], [1, 1, 0, 0.5, 3]),
        new RdGroup(0.5, [0.5, 1.0], [2, 0]),
    ]);

    [Fact]
    public void BreakpointsAndSegmentsAreTheWeightedHullEdges()
    {
        var curve = DualDistortionRate.Compute(Example());
        Assert.Equal([0.375, 0.625, 0.875], curve.BreakRates);
        Assert.Equal([1.5, 0.5, 0.0], curve.BreakDistortions);
        Assert.Equal(1.5, curve.DistortionAtMinimumRate);
        Assert.Equal(0.875, curve.SaturationRate);
        Assert.Equal(0, curve.SaturationDistortion);
        // B's edge (1/2, 2) → (1, 0): slope 4, weighted extents (1/4, 1); A's edge (1/4, 1) → (3/4, 0): slope 2, (1/4, 1/2).
        Assert.Equal(new CurveSegment(1, 0, 1, 4, 0.25, 1.0), curve.Segments[0]);
        Assert.Equal(new CurveSegment(0, 0, 2, 2, 0.25, 0.5), curve.Segments[1]);
    }

    [Fact]
    public void AtABreakpointTheNextSegmentIsActive()
    {
        var curve = DualDistortionRate.Compute(Example());
        Assert.Equal(0.5, curve.Evaluate(0.625));
        Assert.Equal(4, curve.DualSlope(0.375));
        Assert.Equal(2, curve.DualSlope(0.625));
        Assert.Equal(0, curve.DualSlope(0.875));
        Assert.Equal(double.PositiveInfinity, curve.DualSlope(0.3));
        Assertions.Close(0.75, curve.Evaluate(0.5625), Exact, "D*(9/16) on B's edge");
    }

    [Fact]
    public void ARateWithinTheSlackBelowR0IsReadAsR0AndOneBeyondItIsInfeasible()
    {
        var curve = DualDistortionRate.Compute(Example());
        double justBelow = 0.375 - DistortionRateCurve.RateSlack / 2, farBelow = 0.375 - 10 * DistortionRateCurve.RateSlack;
        Assert.Equal(1.5, curve.Evaluate(justBelow));
        Assert.Equal(4, curve.DualSlope(justBelow));
        Assert.Equal([(0, 1.0)], curve.PolicyAt(justBelow)[0].Support);
        Assert.Equal(double.PositiveInfinity, curve.Evaluate(farBelow));
        Assert.Equal(double.PositiveInfinity, curve.DualSlope(farBelow));
        Assert.Throws<ArgumentOutOfRangeException>(() => curve.PolicyAt(farBelow));
    }

    /// <summary>The slack is inclusive: R0 − RateSlack itself is read as R0 by every query.</summary>
    [Fact]
    public void TheSlackBoundaryItselfIsFeasible()
    {
        var curve = DualDistortionRate.Compute(Example());
        double edge = curve.MinimumRate - DistortionRateCurve.RateSlack;
        Assert.Equal(1.5, curve.Evaluate(edge));
        Assert.Equal(4, curve.DualSlope(edge));
        Assert.Equal([(0, 1.0)], curve.PolicyAt(edge)[1].Support);
        Assert.Contains("below R0", Assert.Throws<ArgumentOutOfRangeException>(() => curve.PolicyAt(0.2)).Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void EveryCurveQueryRejectsRatesOutsideTheUnitInterval(double rate)
    {
        var curve = DualDistortionRate.Compute(Example());
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => curve.DualSlope(rate)).ParamName);
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => curve.PolicyAt(rate)).ParamName);
    }

    [Fact]
    public void TheEndsOfTheUnitIntervalAreValidRates()
    {
        var single = new RateDistortionProblem([new RdGroup(1, [0.5, 1.0], [1, 0])]);
        var curve = DualDistortionRate.Compute(single);
        Assert.Equal(double.PositiveInfinity, curve.Evaluate(0));
        Assert.Equal(0, curve.Evaluate(1));
        Assert.Equal(LpStatus.Optimal, DistortionRateLp.TrySolve(single, 1, out _));
        Assert.Equal(LpStatus.Infeasible, DistortionRateLp.TrySolve(single, 0, out _));
    }

    [Fact]
    public void PoliciesAtBreakpointsAreDeterministicAndBetweenThemSplitOneGroup()
    {
        var curve = DualDistortionRate.Compute(Example());
        var atR0 = curve.PolicyAt(0.375);
        Assert.Equal([(0, 1.0)], atR0[0].Support);
        Assert.Equal([(0, 1.0)], atR0[1].Support);
        var atBreak = curve.PolicyAt(0.625);   // B's edge used up exactly: no split
        Assert.Equal([(0, 1.0)], atBreak[0].Support);
        Assert.Equal([(1, 1.0)], atBreak[1].Support);
        var onB = curve.PolicyAt(0.5);
        Assert.Equal([(0, 1.0)], onB[0].Support);
        Assert.Equal([(0, 0.5), (1, 0.5)], onB[1].Support);
        var saturated = curve.PolicyAt(1);
        Assert.Equal([(2, 1.0)], saturated[0].Support);
        Assert.Equal([(1, 1.0)], saturated[1].Support);
    }

    [Fact]
    public void PerRateMinimaKeepsTheLeastDistortionAndTheLowestIndexOnTies()
    {
        Assert.Equal([0, 1, 2, 3], DualDistortionRate.PerRateMinima(Example().Groups[0]));
        Assert.Equal([2, 0], DualDistortionRate.PerRateMinima(new RdGroup(1, [0.5, 0.5, 0.25], [2, 2, 3])));
        Assert.Equal([2, 1], DualDistortionRate.PerRateMinima(new RdGroup(1, [0.5, 0.5, 0.25], [3, 1, 3])));
        Assert.Equal([3, 0], DualDistortionRate.PerRateMinima(new RdGroup(1, [0.5, 0.5, 0.5, 0.25], [1, 1, 1, 3])));
    }

    [Fact]
    public void CollinearPointsAndTheFlatTailAreDroppedFromTheHull()
    {
        // (1/4, 1), (1/2, 1/2), (3/4, 0) collinear, then (1, 0) flat: one edge from (1/4, 1) to (3/4, 0).
        var curve = DualDistortionRate.Compute(new RateDistortionProblem([new RdGroup(1, [0.25, 0.5, 0.75, 1.0], [1, 0.5, 0, 0])]));
        Assert.Equal(new CurveSegment(0, 0, 2, 2, 0.5, 1.0), Assert.Single(curve.Segments));
        Assert.Equal(0.75, curve.SaturationRate);
        // A rising tail (1, 0.5) after the minimum is dropped as well.
        var rising = DualDistortionRate.Compute(new RateDistortionProblem([new RdGroup(1, [0.25, 0.75, 1.0], [1, 0, 0.5])]));
        Assert.Equal(0.75, rising.SaturationRate);
        Assert.Single(rising.Segments);
        // A single candidate: no edge, D* constant from R0 on.
        var point = DualDistortionRate.Compute(new RateDistortionProblem([new RdGroup(1, [0.5], [0.7])]));
        Assert.Empty(point.Segments);
        Assert.Equal(0.7, point.Evaluate(0.9));
        Assert.Equal(0, point.DualSlope(0.5));
    }

    [Fact]
    public void EqualSlopesKeepTheGroupOrder()
    {
        // Both groups have one edge of slope 2; group 0's comes first, whatever the sort does with ties.
        var problem = new RateDistortionProblem(
        [
            new RdGroup(0.5, [0.25, 0.75], [1, 0]),
            new RdGroup(0.5, [0.5, 1.0], [1, 0]),
        ]);
        var curve = DualDistortionRate.Compute(problem);
        Assert.Equal([0, 1], curve.Segments.Select(s => s.Group));
        // At R = 0.5 (R0 = 3/8, budget 1/8 of group 0's 1/4) group 0 is split, group 1 still at its start.
        var policy = curve.PolicyAt(0.5);
        Assert.Equal([(0, 0.5), (1, 0.5)], policy[0].Support);
        Assert.Equal([(0, 1.0)], policy[1].Support);
    }

    /// <summary>
    /// Forty groups with the same edge (slope 2): beyond the 16 elements that Array.Sort handles by insertion sort,
    /// only the explicit index tie-break keeps them in group order; the infimal convolution keeps that order too.
    /// </summary>
    [Fact]
    public void ManyEqualSlopesStillKeepTheGroupOrder()
    {
        var groups = Enumerable.Range(0, 40).Select(_ => new RdGroup(1.0 / 40, [0.25, 0.75], [1, 0])).ToArray();
        var curve = DualDistortionRate.Compute(new RateDistortionProblem(groups));
        Assert.Equal(Enumerable.Range(0, 40), curve.Segments.Select(s => s.Group));
        // Two tied edges of different extents in one curve: the merge keeps their order within the curve.
        var two = DualDistortionRate.Compute(new RateDistortionProblem(
        [
            new RdGroup(0.5, [0.25, 0.75], [1, 0]),     // slope 2, weighted ΔR 1/4
            new RdGroup(0.5, [0.5, 0.75], [0.5, 0]),    // slope 2, weighted ΔR 1/8
        ]));
        var merged = DistortionRateCurve.InfimalConvolution([(1.0, two)]);
        Assert.Equal([0.25, 0.125], merged.Segments.Select(s => s.DeltaRate));
    }

    /// <summary>g(λ) = Σ P(u) min_m (D + λR) − λR: equal to D*(R) at λ* (the active slope), below it elsewhere.</summary>
    [Theory]
    [InlineData(4.0, 0.5, 1.0)]      // λ* at R = 1/2: A min 2 (cand 0), B min 4: (2 + 4)/2 − 2 = 1 = D*(1/2)
    [InlineData(2.0, 0.75, 0.25)]    // λ* at R = 3/4: A 3/2, B 2: 7/4 − 3/2 = 1/4 = D*(3/4)
    [InlineData(1.0, 0.75, 0.125)]   // off λ*: A 3/4, B 1: 7/8 − 3/4 = 1/8 < 1/4
    [InlineData(0.0, 0.5, 0.0)]      // λ = 0: Σ P(u) min D = 0
    public void DualObjectiveByHand(double lambda, double rate, double expected) =>
        Assertions.Close(expected, DualDistortionRate.DualObjective(Example(), lambda, rate), Exact, $"g({lambda}) at R = {rate}");

    [Fact]
    public void DualObjectiveRejectsANanLambda()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DualDistortionRate.DualObjective(Example(), double.NaN, 0.5));
        Assert.Equal("lambda", e.ParamName);
        Assert.Contains("λ must be ≥ 0", e.Message);
    }

    [Fact]
    public void InfimalConvolutionMergesWeightedSegmentsByDecreasingSlopeThenCurveOrder()
    {
        var first = DualDistortionRate.Compute(Example());
        var second = DualDistortionRate.Compute(new RateDistortionProblem([new RdGroup(1, [0.5, 1.0], [1, 0])]));   // slope 2
        var merged = DistortionRateCurve.InfimalConvolution([(0.5, first), (0.5, second)]);
        Assert.Equal(0.4375, merged.MinimumRate);
        Assert.Equal(1.25, merged.DistortionAtMinimumRate);
        Assert.Equal([4.0, 2.0, 2.0], merged.Segments.Select(s => s.Slope));
        Assert.Equal([0.125, 0.125, 0.25], merged.Segments.Select(s => s.DeltaRate));   // the tie: the first curve's edge first
        Assert.Equal([0.5, 0.25, 0.5], merged.Segments.Select(s => s.DeltaDistortion));
        Assert.Equal([0.4375, 0.5625, 0.6875, 0.9375], merged.BreakRates);
        Assertions.Close(0.675, merged.Evaluate(0.6), Tolerance.Abs(1e-15), "D*(0.6)");
        var e = Assert.Throws<InvalidOperationException>(() => merged.PolicyAt(0.6));
        Assert.Contains("merged", e.Message);
    }

    [Fact]
    public void LpPolicyAndAchievedRateAtTheBreakpointsAndBetween()
    {
        var atR0 = DistortionRateLp.Solve(Example(), 0.375);
        Assertions.Close(0.375, atR0.AchievedRate, Tolerance.Abs(1e-9), "rate at R0");
        Assertions.Close(1, atR0.Policy[0][0], Tolerance.Abs(1e-9), "A at its cheapest candidate");
        Assertions.Close(1, atR0.Policy[1][0], Tolerance.Abs(1e-9), "B at its cheapest candidate");
        var onB = DistortionRateLp.Solve(Example(), 0.5);
        Assertions.Close(0.5, onB.AchievedRate, Tolerance.Abs(1e-9), "the rate row binds");
        Assertions.Close(0.5, onB.Policy[1][1], Tolerance.Abs(1e-9), "B split half-half");
        Assert.All(onB.Policy.SelectMany(row => row), v => Assert.True(v >= 0));
        var saturated = DistortionRateLp.Solve(Example(), 1);
        Assertions.Close(0, saturated.Value, Tolerance.Abs(1e-9), "D*(1)");
        Assertions.Close(0, saturated.RateDual, Tolerance.Abs(1e-9), "λ = 0 where the rate row is slack");
        // The sign error: Σ rate ≥ 1 forces A to its rate-1 candidate (distortion 1/2): value 1/4, not 0.
        Assertions.Close(0.25, DistortionRateLp.Solve(Example(), 1, RateRow.AtLeast).Value, Tolerance.Abs(1e-9), "AtLeast at R = 1");
        var e = Assert.Throws<DistortionRateLpException>(() => DistortionRateLp.Solve(Example(), 0.25));
        Assert.Contains("R0 = 0.375", e.Message);
    }

    [Fact]
    public void ProblemSummariesByHand()
    {
        var problem = Example();
        Assert.Equal(7, problem.Columns);
        Assert.Equal(0.375, problem.MinimumRate);
        var shifted = new RateDistortionProblem([new RdGroup(0.25, [0.5, 1.0], [2, 1]), new RdGroup(0.75, [1.0], [3])]);
        Assert.Equal(0.25 * 1 + 0.75 * 3, shifted.SaturationDistortion);
        var pruned = problem.PerRateMinima();
        Assert.Equal([0.25, 0.5, 0.75, 1.0], pruned.Groups[0].Rates);
        Assert.Equal([1.0, 1.0, 0.0, 0.5], pruned.Groups[0].Distortions);
        Assert.Equal(0.5, pruned.Groups[0].Weight);
        var fromCounts = RateDistortionProblem.FromCounts([(3, [0.5], [1.0]), (1, [1.0], [0.0])]);
        Assert.Equal([0.75, 0.25], fromCounts.Groups.Select(g => g.Weight));
    }

    [Fact]
    public void InputChecksAtTheirBoundaries()
    {
        Assert.Throws<ArgumentNullException>(() => new RateDistortionProblem(null!));
        Assert.Throws<ArgumentNullException>(() => DualDistortionRate.Compute(null!));
        Assert.Throws<ArgumentNullException>(() => DistortionRateLp.TrySolve(null!, 0.5, out _));
        Assert.Contains("no groups", Assert.Throws<ArgumentException>(() => new RateDistortionProblem([])).Message);
        foreach (var weight in new[] { 0.0, -0.5, double.NaN, double.PositiveInfinity })
            Assert.Contains("weight", Assert.Throws<ArgumentOutOfRangeException>(() =>
                new RateDistortionProblem([new RdGroup(weight, [0.5], [1])])).Message);
        Assert.Contains("≥ 1 candidate", Assert.Throws<ArgumentException>(() => new RateDistortionProblem([new RdGroup(1, [], [])])).Message);
        Assert.Contains("one distortion per rate",
            Assert.Throws<ArgumentException>(() => new RateDistortionProblem([new RdGroup(1, [0.5], [1, 2])])).Message);
        Assert.Contains("candidate 1: rate",
            Assert.Throws<ArgumentOutOfRangeException>(() => new RateDistortionProblem([new RdGroup(1, [0.5, 1.0000001], [1, 0])])).Message);
        Assert.Contains("candidate 0: distortion",
            Assert.Throws<ArgumentOutOfRangeException>(() => new RateDistortionProblem([new RdGroup(1, [0.5], [double.PositiveInfinity])])).Message);
        // Rate 1 and weights summing to 1 within 1e-9 are valid; 1e-8 off is not.
        _ = new RateDistortionProblem([new RdGroup(0.5, [1.0], [0]), new RdGroup(0.5 + 1e-10, [1.0], [0])]);
        Assert.Contains("sum to", Assert.Throws<ArgumentException>(() =>
            new RateDistortionProblem([new RdGroup(0.5, [1.0], [0]), new RdGroup(0.5 + 1e-8, [1.0], [0])])).Message);
    }

    /// <summary>
    /// D*(R0) read off the table: per group the smallest distortion among the candidates at the group's smallest rate
    /// (tied minimum rates, a lower distortion at a higher rate that must not count), weighted and summed; equal to the
    /// dual curve's value at R0.
    /// </summary>
    [Fact]
    public void DistortionAtMinimumRateIsTheWeightedBestAmongMinimumRateCandidates()
    {
        var problem = new RateDistortionProblem(
        [
            new RdGroup(0.25, [0.5, 0.2, 0.2, 1.0], [0.1, 3.0, 2.0, 0.0]),   // rate 0.2 twice: min(3, 2) = 2
            new RdGroup(0.75, [0.4, 0.3], [1.0, 4.0]),                       // rate 0.3: 4
        ]);
        Assert.Equal(0.25 * 2.0 + 0.75 * 4.0, problem.DistortionAtMinimumRate);
        Assert.Equal(0.25 * 0.2 + 0.75 * 0.3, problem.MinimumRate, 1e-15);
        Assert.Equal(problem.DistortionAtMinimumRate, DualDistortionRate.Compute(problem).DistortionAtMinimumRate, 1e-12);
        Assert.Equal(1.5, Example().DistortionAtMinimumRate);
    }
}
