using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.LotteryTickets.SubsetSum;

namespace Verification.Properties;

/// <summary>
/// Theorems and invariants of the SubsetSum paper (spec subset-sum-lottery.md §1–2, P1, P4, P7) as FsCheck properties.
/// Their negative controls (drop-last solver, sign-dropped summands, the ReLU ignored) are refuted in the registered
/// claims SS.*.
/// </summary>
[Properties(Arbitrary = [typeof(SubsetSumArbitraries)], MaxTest = 200, Replay = PropertySeed.Replay)]
public class SubsetSumProperties
{
    private const double Tight = 1e-12;

    [Property]
    public Property MeetInTheMiddleFindsTheBruteForceOptimum(SubsetSumInstance x)
    {
        var exact = new BruteForceSubsetSum().Solve(x.A, x.Z);
        var mitm = new MeetInTheMiddle().Solve(x.A, x.Z);
        return (Math.Abs(mitm.Error - exact.Error) <= Tight).Label($"MITM error {mitm.Error} vs brute force {exact.Error}")
            .Classify(exact.Error == 0, "exact hit")
            .Classify(x.A.Length <= 1, "n ≤ 1");
    }

    [Property(MaxTest = 40)]
    public Property CpSatIsWithinItsRoundingSlackOfTheOptimum(SubsetSumInstance x)
    {
        var cp = new CpSatSubsetSum();
        double exact = new BruteForceSubsetSum().Solve(x.A, x.Z).Error;
        double viaCp = cp.Solve(x.A, x.Z).Error;
        return (viaCp <= exact + cp.RoundingSlack(x.A.Length)).Label($"CP-SAT {viaCp} vs optimum {exact} + (n+1)/K")
            .And((viaCp >= exact - Tight).Label("never better than the optimum"));
    }

    [Property]
    public Property GreedyIsNeverBetterThanExact(SubsetSumInstance x)
    {
        double exact = new MeetInTheMiddle().Solve(x.A, x.Z).Error;
        double greedy = new GreedySubsetSum().Solve(x.A, x.Z).Error;
        return (greedy >= exact - Tight).Label($"greedy {greedy} vs exact {exact}")
            .Classify(greedy > exact + Tight, "greedy strictly worse");
    }

    [Property]
    public Property SolutionSumIsTheSumOfTheSelectedCoefficients(SubsetSumInstance x)
    {
        var s = new MeetInTheMiddle().Solve(x.A, x.Z);
        double sum = x.A.Where((_, i) => s.Contains(i)).Sum();
        return (Math.Abs(s.Sum - sum) <= 1e-12).Label($"reported {s.Sum} vs recomputed {sum}")
            .And((s.Kept == x.A.Where((_, i) => s.Contains(i)).Count()).Label("kept count"));
    }

    /// <summary>Spec §1: 2^n windows of width 2D cover [−1,1] only if D ≥ 2^{−n}, whatever the numbers.</summary>
    [Property]
    public Property NoNNumbersCoverTheIntervalBetterThanTwoToTheMinusN(SubsetSumInstance x)
    {
        var d = SubsetSumCoverage.WorstCaseDistances(x.A);
        var bad = Enumerable.Range(0, d.Length).Where(n => d[n] < SubsetSumCoverage.CountingLowerBound(n + 1) * (1 - 1e-12)).ToArray();
        return (bad.Length == 0).Label($"D_n below 2^-n at n = {string.Join(",", bad.Select(n => n + 1))}")
            .And(d.Zip(d.Skip(1)).All(p => p.Second <= p.First).Label("D_n never increases with n"));
    }

    /// <summary>The pruning inside WorstCaseDistances is exact: it equals the distance of the full sorted sum list.</summary>
    [Property]
    public Property PrunedCoverageDistanceEqualsTheFullComputation(SubsetSumInstance x)
    {
        var d = SubsetSumCoverage.WorstCaseDistances(x.A, radius: 0.5);
        return Enumerable.Range(1, x.A.Length).All(n =>
                Math.Abs(d[n - 1] - SubsetSumCoverage.WorstCaseDistance(SubsetSumCoverage.SortedSubsetSums(x.A.Take(n).ToArray()), -0.5, 0.5)) <= Tight)
            .Label("pruned D_n = full D_n for every prefix");
    }

    /// <summary>Spec §2 A and P4: the pruned one-weight block's sup error is max(|w−s₊|, |w−s₋|), attained at x = ±1.</summary>
    [Property]
    public Property OneWeightBlockSupErrorIsTheMaxOfItsTwoHalves(WeightBlock b)
    {
        var block = OneWeightBlock.Build(b.W, b.A, b.B, new MeetInTheMiddle());
        double atEnds = Math.Max(Math.Abs(b.W - block.Evaluate(1)), Math.Abs(-b.W - block.Evaluate(-1)));
        double inside = Enumerable.Range(-50, 101).Select(k => k / 50.0).Max(x => Math.Abs(b.W * x - block.Evaluate(x)));
        return (Math.Abs(atEnds - block.PredictedSupError) <= Tight).Label($"sup at ±1 {atEnds} vs max(|w−s₊|,|w−s₋|) {block.PredictedSupError}")
            .And((inside <= block.PredictedSupError + Tight).Label($"grid sup {inside} exceeds the prediction"));
    }

    /// <summary>ShortestPrefix agrees with the exact solver on each prefix.</summary>
    [Property]
    public Property ShortestPrefixIsTheFirstPrefixWhoseOptimumIsWithinEpsilon(SubsetSumInstance x)
    {
        const double eps = 0.05;
        int k = ShortestPrefix.Within(x.A, x.Z, eps);
        var mitm = new MeetInTheMiddle();
        int expected = -1;
        for (int n = 0; n <= x.A.Length && expected < 0; n++)
            if (mitm.Solve(x.A.Take(n).ToArray(), x.Z).Error <= eps) expected = n;
        return (k == expected).Label($"ShortestPrefix {k} vs first prefix {expected}");
    }
}
