using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.LotteryTickets.SubsetSum;
using Verification.Tests.Support;

namespace Verification.Tests.SubsetSum;

/// <summary>
/// Checks of the SubsetSum construction (SubsetSumPruning, OneWeightBlock, SubsetSumCoverage, GreedySubsetSum,
/// CpSatSubsetSum) written from the survivors of a Stryker run (docs/MUTATION.md): the construction's accounting
/// against the pruned network it returns, the two halves of the gadget, exact coverage distances by hand, the greedy
/// rule's order and strictness, and CP-SAT's scaling arithmetic.
/// </summary>
public class SubsetSumMutationTests
{
    [Fact]
    public void OneByOneConstructionReportsTheErrorsItsNetworkRealises()
    {
        var rng = new Rng(4);
        var target = TargetNetwork.Create([new double[,] { { 0.37 } }]);
        var random = RandomNetwork.Sample([1, 1], 12, rng);
        var r = SubsetSumPruning.Prune(target, random, 0.02, solver: new BruteForceSubsetSum());
        Assert.Equal(2, r.Instances);
        Assert.Equal([0.01], r.LayerEpsilon);   // ε/(2·l·√(1·1))
        double sPlus = r.Network.Evaluate([1])[0], sMinus = -r.Network.Evaluate([-1])[0];
        double realised = Math.Max(Math.Abs(0.37 - sPlus), Math.Abs(0.37 - sMinus));
        Assertions.Close(realised, r.MaxEntryError[0], Tolerance.Abs(1e-15), "reported = realised");
        Assertions.Close(r.MaxEntryError[0], r.Eta[0], Tolerance.Abs(0), "η = √1·error");
        Assertions.Close(r.Eta[0], r.ErrorBound, Tolerance.Abs(1e-15), "(1 + η) − 1");
        int failed = (Math.Abs(0.37 - sPlus) > 0.01 ? 1 : 0) + (Math.Abs(0.37 - sMinus) > 0.01 ? 1 : 0);
        Assert.Equal(failed, r.FailedInstances);
        Assert.Equal(r.FailedInstances == 0, r.Success);
    }

    [Fact]
    public void FailedInstancesAreCountedAgainstTheirEpsilon()
    {
        var rng = new Rng(9);
        var target = TargetNetwork.Create([new double[,] { { 0.37 } }]);
        var random = RandomNetwork.Sample([1, 1], 6, rng);
        var tight = SubsetSumPruning.Prune(target, random, 1e-9, blockWidth: 2);   // two terms cannot hit 0.37 to 5e-10
        Assert.Equal(2, tight.FailedInstances);
        Assert.False(tight.Success);
        var loose = SubsetSumPruning.Prune(target, random, 1.0, blockWidth: 2);   // ε′ = 1/2 > 0.37, the error of the empty sum
        Assert.Equal(0, loose.FailedInstances);
        Assert.True(loose.Success);
    }

    [Fact]
    public void TwoLayerAccountingAndTheUnitsBeyondTheBlockWidth()
    {
        var rng = new Rng(21);
        var target = TargetNetwork.Random([2, 3, 1], rng);
        var random = RandomNetwork.Sample([2, 3, 1], 10, rng);
        var r = SubsetSumPruning.Prune(target, random, 0.1, blockWidth: 6);
        Assert.Equal(2 * (2 * 3 + 3 * 1), r.Instances);
        Assertions.Close(0.1 / (2 * 2 * Math.Sqrt(6)), r.LayerEpsilon[0], Tolerance.Rel(1e-15), "ε′ of layer 1");
        Assertions.Close(0.1 / (2 * 2 * Math.Sqrt(3)), r.LayerEpsilon[1], Tolerance.Rel(1e-15), "ε′ of layer 2");
        Assertions.Close(Math.Sqrt(6) * r.MaxEntryError[0], r.Eta[0], Tolerance.Rel(1e-15), "η1");
        Assertions.Close(Math.Sqrt(3) * r.MaxEntryError[1], r.Eta[1], Tolerance.Rel(1e-15), "η2");
        Assertions.Close((1 + r.Eta[0]) * (1 + r.Eta[1]) - 1, r.ErrorBound, Tolerance.Rel(1e-15), "Π(1 + η) − 1");
        Assert.True(r.MaxEntryError.All(e => e > 0), "six of ten units leave some error");
        // Only units t < 6 of each block are used; a kept second-layer edge comes with its unit's first-layer edge.
        for (int layer = 0; layer < 2; layer++)
        {
            var first = r.Network.Masks[2 * layer];
            var second = r.Network.Masks[2 * layer + 1];
            for (int unit = 0; unit < first.GetLength(0); unit++)
            {
                bool anyOut = Enumerable.Range(0, second.GetLength(0)).Any(k => second[k, unit]);
                bool anyIn = Enumerable.Range(0, first.GetLength(1)).Any(j => first[unit, j]);
                Assert.Equal(anyOut, anyIn);
                if (unit % 10 >= 6) Assert.False(anyIn, $"unit {unit} lies beyond the block width");
            }
        }
    }

    [Fact]
    public void OneHalfOnlyKeepsNoUnitThatFiresForNegativeInputs()
    {
        var rng = new Rng(4);
        var target = TargetNetwork.Create([new double[,] { { 0.37 } }]);
        var random = RandomNetwork.Sample([1, 1], 24, rng);
        var r = SubsetSumPruning.OneHalfOnly(target, random, 0.01);
        Assert.Equal(1, r.Instances);
        Assert.Equal(0, r.Network.Evaluate([-1])[0]);
        for (int unit = 0; unit < 24; unit++)
            if (random.Layers[0][unit, 0] < 0) Assert.False(r.Network.Masks[0][unit, 0]);
        Assert.True(r.Success, "the sabotage reports only its positive half, which succeeds");
    }

    [Fact]
    public void TheMeetInTheMiddleLimitAppliesToThatSolverOnly()
    {
        var rng = new Rng(3);
        var target = TargetNetwork.Create([new double[,] { { 0.2 } }]);
        var random = RandomNetwork.Sample([1, 1], 100, rng);   // ≈ 50 units per half: beyond 40, within greedy's 63
        var r = SubsetSumPruning.Prune(target, random, 0.1, solver: new GreedySubsetSum());
        Assert.Equal(2, r.Instances);
    }

    [Fact]
    public void OneWeightBlockHalvesAndTheControlThatIgnoresTheRelu()
    {
        double[] a = [1, -1, 0.5, 0], b = [0.5, -0.5, 0.2, 0.9];   // products 0.5, 0.5, 0.1, 0 (a = 0 never fires)
        var block = OneWeightBlock.Build(0.5, a, b, new BruteForceSubsetSum());
        Assert.Equal([true, true, false, false], block.Kept);
        Assert.Equal(2, block.KeptUnits);
        Assert.Equal(0.5, block.SPlus);
        Assert.Equal(0.5, block.SMinus);
        Assert.Equal(0, block.PredictedSupError);
        Assert.Equal(0.5, block.W);
        Assert.Equal(0.25, block.Evaluate(0.5));
        Assert.Equal(-0.5, block.Evaluate(-1));
        var linear = OneWeightBlock.BuildIgnoringRelu(0.5, a, b, new BruteForceSubsetSum());
        Assert.Equal(linear.SPlus, linear.SMinus);
        Assert.Equal(0, linear.PredictedSupError);
        Assert.Equal(1, linear.KeptUnits);
        // The single sum serves one sign of x only: the realised error on the other is |w| = 0.5.
        double realised = Math.Max(Math.Abs(0.5 - linear.Evaluate(1)), Math.Abs(-0.5 - linear.Evaluate(-1)));
        Assert.Equal(0.5, realised);
        Assert.Equal("w", Assert.Throws<ArgumentOutOfRangeException>(() => OneWeightBlock.Build(double.NaN, a, b, new BruteForceSubsetSum())).ParamName);
        Assert.Equal("w", Assert.Throws<ArgumentOutOfRangeException>(() => OneWeightBlock.BuildIgnoringRelu(-1.01, a, b, new BruteForceSubsetSum())).ParamName);
        _ = OneWeightBlock.Build(-1, [1.0], [-1.0], new BruteForceSubsetSum());   // |w| = 1 is allowed
    }

    [Fact]
    public void SamplesHaveTheirDistributionsRanges()
    {
        var rng = new Rng(5);
        var u = Enumerable.Range(0, 2000).Select(_ => SubsetSumCoverage.Sample(SummandDistribution.Uniform, rng)).ToArray();
        var p = Enumerable.Range(0, 2000).Select(_ => SubsetSumCoverage.Sample(SummandDistribution.ProductOfUniforms, rng)).ToArray();
        var n = Enumerable.Range(0, 2000).Select(_ => SubsetSumCoverage.Sample(SummandDistribution.NonNegativeUniform, rng)).ToArray();
        Assert.True(u.Min() < -0.9 && u.Max() > 0.9 && u.All(x => x is >= -1 and <= 1), "U[−1,1]");
        Assertions.Close(0.5, u.Average(Math.Abs), Tolerance.Abs(0.03), "E|U| = 1/2");
        Assert.True(p.Min() < -0.5 && p.Max() > 0.5 && p.All(x => x is >= -1 and <= 1), "UV in [−1,1]");
        Assertions.Close(0.25, p.Average(Math.Abs), Tolerance.Abs(0.03), "E|UV| = 1/4");
        Assert.True(n.All(x => x is >= 0 and < 1) && n.Max() > 0.9, "U[0,1)");
        Assert.Throws<ArgumentOutOfRangeException>(() => SubsetSumCoverage.Sample((SummandDistribution)99, rng));
    }

    [Fact]
    public void WorstCaseDistanceByHand()
    {
        Assert.Equal(0.5, SubsetSumCoverage.WorstCaseDistance([-0.8, 0.2, 0.9]), 15);    // the gap (−0.8, 0.2)
        Assert.Equal(3, SubsetSumCoverage.WorstCaseDistance([-3.0, 3.0]));                // both outside: z = 0
        Assert.Equal(1.5, SubsetSumCoverage.WorstCaseDistance([-3.0, 0.5]));              // midpoint clamped to −1
        Assert.Equal(1, SubsetSumCoverage.WorstCaseDistance([-5.0, -4.0, 0.0, 1.0]));     // (−4, 0) seen from z = −1
        Assert.Equal(2, SubsetSumCoverage.WorstCaseDistance([-1.0, 3.0, 4.0]));           // (−1, 3) midpoint 1: 2
        Assert.Equal(0.3, SubsetSumCoverage.WorstCaseDistance([0.3], 0, 0));
        Assert.Equal(0.25, SubsetSumCoverage.WorstCaseDistance([0.25], 0.5, 0.5));
        Assert.Equal(0.6, SubsetSumCoverage.WorstCaseDistance([-0.4, 0.4]), 15);         // the ends
        Assert.Equal(double.PositiveInfinity, SubsetSumCoverage.WorstCaseDistance([]));
        Assert.Equal("lo", Assert.Throws<ArgumentException>(() => SubsetSumCoverage.WorstCaseDistance([0.0], 1, -1)).ParamName);
        Assert.Throws<ArgumentException>(() => SubsetSumCoverage.WorstCaseDistance([0.0], double.NaN, 1));
    }

    [Fact]
    public void SubsetSumsAndIncrementalDistancesByHand()
    {
        Assert.Equal([-0.25, 0, 0.25, 0.5], SubsetSumCoverage.SortedSubsetSums([0.5, -0.25]));
        Assert.Equal([0.0], SubsetSumCoverage.SortedSubsetSums([]));
        // x = (1, −1, ½): sums {0, 1} → D1 = 1; {−1, 0, 0, 1} → ½; then gaps of ½ → ¼.
        Assert.Equal([1, 0.5, 0.25], SubsetSumCoverage.WorstCaseDistances([1, -1, 0.5]));
        Assert.Equal([1, 0.5, 0.5], SubsetSumCoverage.WorstCaseDistances([1, -1, 0.5], stopAt: 0.5));   // copied once ≤ stopAt
        Assert.Equal([1, 0.5, 0.25], SubsetSumCoverage.WorstCaseDistances([1, -1, 0.5], stopAt: 0.4));
        Assert.Equal([2, 1], SubsetSumCoverage.WorstCaseDistances([2, -2], radius: 2));
        Assert.Equal([1, 1, 1], SubsetSumCoverage.WorstCaseDistances([3, -3, 1]));   // sums −3, −2, 0, 1, 3, 4: z = −1 is 1 away from −2 and 0
        Assert.Empty(SubsetSumCoverage.WorstCaseDistances([]));
        foreach (var r in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
            Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => SubsetSumCoverage.WorstCaseDistances([0.5], radius: r)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SubsetSumCoverage.WorstCaseDistances(new double[SubsetSumCoverage.MaxTerms + 1])).ParamName);
        Assert.Equal(0.125, SubsetSumCoverage.CountingLowerBound(3));
        Assert.Equal(0.25, SubsetSumCoverage.CountingLowerBound(3, 2));
        Assert.Equal(2, SubsetSumCoverage.MinimumTerms(0.25), 15);
        Assert.Equal(3, SubsetSumCoverage.MinimumTerms(0.25, 2), 15);
    }

    [Fact]
    public void GreedyTakesLargestMagnitudesFirstAndOnlyStrictImprovements()
    {
        var greedy = new GreedySubsetSum();
        Assert.Equal("greedy", greedy.Name);
        Assert.False(greedy.IsExact);
        Assert.Equal(63, greedy.MaxTerms);
        // 0.5 first (residual −0.05), then −0.3 and 0.25 would both move away.
        Assert.Equal(0b100UL, greedy.Solve([0.25, -0.3, 0.5], 0.45).Mask);
        Assert.Equal(0b01UL, greedy.Solve([0.3, 0.3], 0.3).Mask);      // ties by index
        Assert.Equal(0UL, greedy.Solve([0.2], 0.1).Mask);              // |0.1 − 0.2| = |0.1|: no strict gain
        Assert.Equal(0b11UL, greedy.Solve([-0.5, -0.25], -0.75).Mask);
    }

    [Fact]
    public void CpSatScalingArithmetic()
    {
        var cp = new CpSatSubsetSum();
        Assert.Equal(CpSatSubsetSum.DefaultScale, cp.Scale);
        Assert.Equal("cp-sat", cp.Name);
        Assert.True(cp.IsExact);
        Assert.Equal(63, cp.MaxTerms);
        Assertions.Close(4e-6, cp.RoundingSlack(3), Tolerance.Rel(1e-15), "(n + 1)/K");
        Assertions.Close(0.01 - 5e-6, cp.TightenedEpsilon(0.01, 9), Tolerance.Rel(1e-15), "ε − (n + 1)/(2K)");
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => new CpSatSubsetSum(0)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new CpSatSubsetSum(1000).TightenedEpsilon(0.001, 1)).ParamName);
        Assert.Equal(0.002 - 0.0015, new CpSatSubsetSum(1000).TightenedEpsilon(0.002, 2), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => cp.Solve([1e10], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => cp.Solve([0.5], -2e9));
    }

    /// <summary>Round 2: inclusive limits and input checks at their edges; the messages name the valid range.</summary>
    [Fact]
    public void LimitsAreInclusiveAndErrorsNameTheValidRange()
    {
        // MaxTerms terms are allowed: 26 tens leave only the empty sum in [−2, 2] (the rest is pruned), so D_n = 1.
        Assert.Equal(Enumerable.Repeat(1.0, SubsetSumCoverage.MaxTerms), SubsetSumCoverage.WorstCaseDistances(Enumerable.Repeat(10.0, SubsetSumCoverage.MaxTerms).ToArray()));
        Assert.Contains("at most 26 samples", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SubsetSumCoverage.WorstCaseDistances(new double[SubsetSumCoverage.MaxTerms + 1])).Message);
        Assert.Contains("finite and > 0", Assert.Throws<ArgumentOutOfRangeException>(() => SubsetSumCoverage.WorstCaseDistances([0.5], radius: 0)).Message);
        Assert.Contains("is empty", Assert.Throws<ArgumentException>(() => SubsetSumCoverage.WorstCaseDistance([0.0], 1, -1)).Message);
        Assert.Contains("unknown distribution", Assert.Throws<ArgumentOutOfRangeException>(() => SubsetSumCoverage.Sample((SummandDistribution)99, new Rng(1))).Message);
        // A block width of 1 is valid: one unit per input coordinate.
        var rng = new Rng(2);
        var target = TargetNetwork.Random([2, 2], rng);
        var random = RandomNetwork.Sample([2, 2], 8, rng);
        Assert.Equal(8, SubsetSumPruning.Prune(target, random, 0.1, blockWidth: 1).Instances);
        Assert.Contains("random network sized for widths [2,2], target has [3,2]",
            Assert.Throws<ArgumentException>(() => SubsetSumPruning.Prune(TargetNetwork.Random([3, 2], rng), random, 0.1)).Message);
        Assert.Contains("|w| ≤ 1", Assert.Throws<ArgumentOutOfRangeException>(() => OneWeightBlock.Build(2, [1.0], [1.0], new GreedySubsetSum())).Message);
        Assert.Contains("2 first-layer weights but 1 second-layer", Assert.Throws<ArgumentException>(() => OneWeightBlock.Build(0.5, [1.0, 1.0], [1.0], new GreedySubsetSum())).Message);
        Assert.Contains("m must be ≥ 1", Assert.Throws<ArgumentOutOfRangeException>(() => OneWeightBlock.Build(0.5, [], [], new GreedySubsetSum())).Message);
        // CP-SAT: an infinite ε is refused like any other invalid ε; ε-mode validates its input like Solve.
        var cp = new CpSatSubsetSum();
        Assert.Throws<ArgumentOutOfRangeException>(() => cp.TightenedEpsilon(double.PositiveInfinity, 1));
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => cp.TrySolveWithin([0.5], double.NaN, 0.1, out _)).ParamName);
        Assert.Contains("scale K must be > 0", Assert.Throws<ArgumentOutOfRangeException>(() => new CpSatSubsetSum(-1)).Message);
        Assert.Contains("overflows CP-SAT's integers", Assert.Throws<ArgumentOutOfRangeException>(() => cp.Solve([1e10], 0.5)).Message);
    }

    [Fact]
    public void CpSatSolvesNegativeAndFarTargets()
    {
        var cp = new CpSatSubsetSum();
        Assert.Equal(0b01UL, cp.Solve([-0.4, 0.9], -0.4).Mask);
        var far = cp.Solve([0.1, 0.2], 0.9);   // |z| beyond Σ|a|: the difference still fits its domain
        Assert.Equal(0b11UL, far.Mask);
        Assertions.Close(0.6, far.Error, Tolerance.Abs(1e-12), "error");
        Assert.Equal(0b101UL, cp.Solve([0.5, 0.3, 0.2], 0.72).Mask);
        Assert.Equal(SubsetSumStatus.Feasible, cp.TrySolveWithin([0.5, 0.3, 0.2], 0.72, 0.03, out var within));
        Assert.Equal(0b101UL, within!.Mask);
        Assert.Equal(SubsetSumStatus.Infeasible, cp.TrySolveWithin([0.5, 0.3, 0.2], 0.72, 0.01, out var none));
        Assert.Null(none);
    }
}
