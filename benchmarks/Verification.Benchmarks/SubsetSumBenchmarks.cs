using BenchmarkDotNet.Attributes;
using Verification.Core.Seeding;
using Verification.LotteryTickets.SubsetSum;

namespace Verification.Benchmarks;

/// <summary>
/// One closest-subset-sum instance at the paper's n = 21 (arXiv 2006.07990 §4, Experiment 1: one instance per weight,
/// 0.19 s per weight with Gurobi on 36 cores). Goal: meet-in-the-middle ≤ 50 µs per instance. CP-SAT proving
/// optimality and CP-SAT in the paper's ε-mode (first subset within ε = 0.01) give the exact-solver ratio.
/// Run: <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*SubsetSum*' --job short</c>.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SubsetSumBenchmarks
{
    private const int N = 21, Instances = 64;
    private readonly MeetInTheMiddle mitm = new();
    private readonly GreedySubsetSum greedy = new();
    private readonly CpSatSubsetSum cpSat = new();
    private double[][] a = [];
    private double[] z = [];
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(21);
        a = Enumerable.Range(0, Instances).Select(_ => Enumerable.Range(0, N).Select(_ => rng.Uniform(-1, 1)).ToArray()).ToArray();
        z = Enumerable.Range(0, Instances).Select(_ => rng.Uniform(-1, 1)).ToArray();
    }

    private int Next() => next = (next + 1) % Instances;

    [Benchmark(Baseline = true)]
    public double MeetInTheMiddleN21()
    {
        int i = Next();
        return mitm.Solve(a[i], z[i]).Error;
    }

    [Benchmark]
    public double GreedyN21()
    {
        int i = Next();
        return greedy.Solve(a[i], z[i]).Error;
    }

    [Benchmark]
    public double CpSatEpsilonModeN21()
    {
        int i = Next();
        cpSat.TrySolveWithin(a[i], z[i], 0.01, out var s);
        return s?.Error ?? double.NaN;
    }

    [Benchmark]
    public double CpSatOptimalN21()
    {
        int i = Next();
        return cpSat.Solve(a[i], z[i]).Error;
    }
}
