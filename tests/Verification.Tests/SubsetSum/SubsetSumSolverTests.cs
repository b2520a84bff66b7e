using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.LotteryTickets.SubsetSum;
using Verification.Tests.Support;

namespace Verification.Tests.SubsetSum;

/// <summary>The closest-subset-sum solvers (arXiv 2006.07990 §2): exact agreement, status pairs, bad input.</summary>
public class SubsetSumSolverTests
{
    public static TheoryData<string> ExactSolvers() => new() { "mitm", "brute", "cp-sat" };

    private static SubsetSumSolver Make(string name) => name switch
    {
        "mitm" => new MeetInTheMiddle(),
        "brute" => new BruteForceSubsetSum(),
        "cp-sat" => new CpSatSubsetSum(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ExactSolvers))]
    public void FindsTheKnownClosestSubset(string name)
    {
        // a = (0.5, -0.3, 0.9, 0.25), z = 0.45: 0.5 − 0.3 + 0.25 = 0.45 exactly (hand-checked; no other subset hits it)
        double[] a = [0.5, -0.3, 0.9, 0.25];
        var s = Make(name).Solve(a, 0.45);
        Assert.Equal(0b1011UL, s.Mask);
        Assertions.Close(0.45, s.Sum, Tolerance.Abs(1e-12), "sum");
        Assert.Equal(3, s.Kept);
    }

    [Theory]
    [MemberData(nameof(ExactSolvers))]
    public void EmptyCoefficientListGivesTheEmptySubset(string name)
    {
        var s = Make(name).Solve([], 0.3);
        Assert.Equal(0UL, s.Mask);
        Assertions.Close(0.3, s.Error, Tolerance.Abs(1e-15), "error of the empty sum");
    }

    [Fact]
    public void MeetInTheMiddleMatchesBruteForceOnSeededInstances()
    {
        var rng = new Rng(42);
        var mitm = new MeetInTheMiddle();
        var brute = new BruteForceSubsetSum();
        for (int t = 0; t < 200; t++)
        {
            int n = rng.NextInt(17);
            var a = Enumerable.Range(0, n).Select(_ => rng.Uniform(-1, 1)).ToArray();
            double z = rng.Uniform(-2, 2);
            Assertions.Close(brute.Solve(a, z).Error, mitm.Solve(a, z).Error, Tolerance.Abs(1e-12), $"instance {t} (n = {n})");
        }
    }

    [Fact]
    public void MeetInTheMiddleHandlesFortyTermsAndRefusesMore()
    {
        var rng = new Rng(5);
        var a = Enumerable.Range(0, 40).Select(_ => rng.Uniform(-1, 1)).ToArray();
        var s = new MeetInTheMiddle().Solve(a, 0.123);
        Assert.True(s.Error < 1e-9, $"40 random terms reach 0.123 within 1e-9 (error {s.Error})");

        var tooMany = Enumerable.Range(0, 41).Select(_ => 0.5).ToArray();
        Assert.Equal(SubsetSumStatus.TooLarge, new MeetInTheMiddle().TrySolve(tooMany, 0, out var none));
        Assert.Null(none);
        var e = Assert.Throws<SubsetSumException>(() => new MeetInTheMiddle().Solve(tooMany, 0));
        Assert.Contains("41", e.Message);
        Assert.Contains("40", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteTargetOrCoefficientIsRefused(double bad)
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new MeetInTheMiddle().Solve([0.5], bad));
        Assert.Equal("target", e1.ParamName);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => new GreedySubsetSum().Solve([0.5, bad], 0.1));
        Assert.Equal("coefficients", e2.ParamName);
        Assert.Contains("a[1]", e2.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    public void EpsilonMustBePositiveAndFinite(double eps)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SubsetSumSolver.CheckEpsilon(eps));
        Assert.Contains("> 0", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CpSatSubsetSum().TrySolveWithin([0.5], 0.5, eps, out _));
    }

    [Fact]
    public void CpSatEpsilonModeFindsASubsetOrProvesThereIsNone()
    {
        var cp = new CpSatSubsetSum();
        Assert.Equal(SubsetSumStatus.Feasible, cp.TrySolveWithin([0.5, -0.3, 0.9], 0.2, 0.01, out var s));
        Assert.True(s!.Error <= 0.01);
        // subset sums of (0.5, 0.9) are 0, 0.5, 0.9, 1.4: nothing within 0.05 of 0.7
        Assert.Equal(SubsetSumStatus.Infeasible, cp.TrySolveWithin([0.5, 0.9], 0.7, 0.05, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void CpSatRefusesAnEpsilonBelowItsScalingError()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CpSatSubsetSum(scale: 10).TightenedEpsilon(0.01, 21));
        Assert.Contains("raise K", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CpSatSubsetSum(scale: 0));
    }

    [Fact]
    public void GreedyIsAHeuristicThatCanMissTheOptimum()
    {
        // greedy takes 0.9 first (closer to 1.0), then nothing helps; the optimum is 0.6 + 0.4 = 1.0
        double[] a = [0.9, 0.6, 0.4];
        Assertions.Close(0.1, new GreedySubsetSum().Solve(a, 1.0).Error, Tolerance.Abs(1e-12), "greedy error");
        Assertions.Close(0.0, new MeetInTheMiddle().Solve(a, 1.0).Error, Tolerance.Abs(1e-12), "exact error");
    }

    [Fact]
    public void DropLastElementSolverMissesSubsetsThatNeedTheLastCoefficient()
    {
        double[] a = [0.3, 0.7];
        var sabotaged = new DropLastElementSolver(new MeetInTheMiddle()).Solve(a, 0.7);
        Assertions.Close(0.4, sabotaged.Error, Tolerance.Abs(1e-12), "sabotaged error");
        Assertions.Close(0, new MeetInTheMiddle().Solve(a, 0.7).Error, Tolerance.Abs(1e-15), "exact error");
    }

    [Fact]
    public void SolutionRejectsAMaskBeyondTheCoefficients()
    {
        Assert.Throws<ArgumentException>(() => new SubsetSumSolution([0.1, 0.2], 0, 0b100));
    }
}
