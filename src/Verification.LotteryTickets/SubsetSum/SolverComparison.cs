// arXiv 2006.07990 §2 and §4, Experiment 1 (spec P7): the solver comparison behind SS.exact-solvers-agree — random
// closest-subset-sum instances (n coefficients and a target, all U[−1,1]) put to meet-in-the-middle, brute force,
// CP-SAT and greedy; every error is recomputed from the subset a solver returned.
using MathNet.Numerics.Statistics;
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// Each solver's error on one random instance of n coefficients (NaN for a solver not run on it), and CP-SAT's
/// rounding slack (n+1)/K at that n: the most its error may exceed the optimum.
/// </summary>
public sealed record SolvedInstance(int Index, int N, double Fast, double Brute = double.NaN, double CpSat = double.NaN,
    double Greedy = double.NaN, double CpSatSlack = double.NaN)
{
    public string Label => $"i={Index},n={N}";
}

/// <summary>
/// CP-SAT's ε-mode (the paper's hard |w − a·x| ≤ ε model) on one instance: what it returned, and what the exact
/// optimum says it must return — a subset when the optimum is within the tightened ε, a proof of infeasibility when
/// the optimum is above ε plus the rounding slack, either inside that rounding band (<see cref="Expected"/> null).
/// </summary>
public sealed record EpsilonModeInstance(int Index, double Optimum, SubsetSumStatus Status, double Error, SubsetSumStatus? Expected)
{
    public string Label => $"i={Index}";

    /// <summary>Whether CP-SAT returned a subset (its <see cref="Error"/> is then a real error, NaN otherwise).</summary>
    public bool Found => Status == SubsetSumStatus.Feasible;
}

/// <summary>The four solvers of the comparison; <paramref name="fast"/> is meet-in-the-middle (or its sabotage).</summary>
public sealed class SolverComparison(SubsetSumSolver fast, CpSatSubsetSum cp)
{
    private readonly BruteForceSubsetSum brute = new();
    private readonly GreedySubsetSum greedy = new();

    /// <summary>n uniform in 1..<paramref name="maxN"/>: the fast solver and brute force.</summary>
    public List<SolvedInstance> Small(Rng rng, int count, int maxN) => Draw(rng, count, () => 1 + rng.NextInt(maxN),
        (i, a, z) => new SolvedInstance(i, a.Length, fast.Solve(a, z).Error, brute.Solve(a, z).Error));

    /// <summary>n uniform in 1..<paramref name="maxN"/>: brute force, the fast solver and CP-SAT (optimising).</summary>
    public List<SolvedInstance> WithCpSat(Rng rng, int count, int maxN) => Draw(rng, count, () => 1 + rng.NextInt(maxN),
        (i, a, z) => new SolvedInstance(i, a.Length, fast.Solve(a, z).Error, brute.Solve(a, z).Error, cp.Solve(a, z).Error,
            CpSatSlack: cp.RoundingSlack(a.Length)));

    /// <summary>n = <paramref name="n"/> (the paper's 21): the fast (exact) solver and greedy.</summary>
    public List<SolvedInstance> PaperSize(Rng rng, int count, int n) => Draw(rng, count, () => n,
        (i, a, z) => new SolvedInstance(i, n, fast.Solve(a, z).Error, Greedy: greedy.Solve(a, z).Error));

    /// <summary>n = <paramref name="n"/>: CP-SAT's ε-mode against the fast solver's optimum.</summary>
    public List<EpsilonModeInstance> EpsilonMode(Rng rng, int count, int n, double epsilon, Action<double>? progress = null) =>
        Draw(rng, count, () => n, (i, a, z) =>
        {
            double opt = fast.Solve(a, z).Error;
            var status = cp.TrySolveWithin(a, z, epsilon, out var solution);
            SubsetSumStatus? expected = opt <= cp.TightenedEpsilon(epsilon, n) - 1.0 / cp.Scale ? SubsetSumStatus.Feasible
                : opt > epsilon + cp.RoundingSlack(n) ? SubsetSumStatus.Infeasible : null;
            progress?.Invoke((i + 1.0) / count);
            return new EpsilonModeInstance(i, opt, status, solution?.Error ?? double.NaN, expected);
        });

    private static List<T> Draw<T>(Rng rng, int count, Func<int> size, Func<int, double[], double, T> solve)
    {
        var results = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            var a = new double[size()];
            for (int k = 0; k < a.Length; k++) a[k] = rng.Uniform(-1, 1);
            results.Add(solve(i, a, rng.Uniform(-1, 1)));
        }
        return results;
    }

    /// <summary>
    /// The median of <paramref name="values"/> (the mean of the middle two for an even count): MathNet's, which gives the
    /// same double as the sort-and-average it replaced (checked on 20,000 random even-length samples).
    /// </summary>
    public static double Median(IEnumerable<double> values) => values.Median();
}
