using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
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
    private readonly MeetInTheMiddleRound1 mitmRound1 = new();
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
        CheckSameMasksAsRound1();
    }

    /// <summary>
    /// The speed-up must not change a single answer: same mask as round 1 on 3,000 instances, n = 0..24, half of them
    /// with small integer coefficients and targets (many ties, exact hits).
    /// </summary>
    private void CheckSameMasksAsRound1()
    {
        var rng = new Rng(2006);
        for (int t = 0; t < 3000; t++)
        {
            int n = rng.NextInt(25);
            bool ties = t % 2 == 0;
            var c = Enumerable.Range(0, n).Select(_ => ties ? rng.NextInt(9) - 4.0 : rng.Uniform(-1, 1)).ToArray();
            double target = ties ? rng.NextInt(21) - 10.0 : rng.Uniform(-3, 3);
            ulong now = mitm.Solve(c, target).Mask, before = mitmRound1.Solve(c, target).Mask;
            if (now != before)
                throw new InvalidOperationException($"instance {t} (n = {n}): mask {now:x} differs from round 1's {before:x}");
        }
    }

    private int Next() => next = (next + 1) % Instances;

    [Benchmark(Baseline = true)]
    public double MeetInTheMiddleN21()
    {
        int i = Next();
        return mitm.Solve(a[i], z[i]).Error;
    }

    [Benchmark]
    public double MeetInTheMiddleRound1N21()
    {
        int i = Next();
        return mitmRound1.Solve(a[i], z[i]).Error;
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

/// <summary>
/// The whole approximation step of Experiment 1 at the paper's size: 784×500 + 500×10 = 397,000 weights, each the
/// closest subset sum of its own 21 coefficients (arXiv 2006.07990 §4; the paper: 77,266 s with Gurobi on 36 cores).
/// Goal: ≤ 60 s on 2 cores. The weights are synthetic, N(0, 0.05²) (the solve time does not depend on their values),
/// so the benchmark needs no MNIST training; rows run in parallel on all cores, exactly as in the claim.
/// Run: <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*MnistApproximation*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MnistApproximationBenchmarks
{
    private double[,] w1 = new double[0, 0], w2 = new double[0, 0];
    private double lo, hi;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(397);
        w1 = Draw(500, 784, rng);
        w2 = Draw(10, 500, rng);
        var all = w1.Cast<double>().Concat(w2.Cast<double>()).ToArray();
        (lo, hi) = (all.Min(), all.Max());
    }

    private static double[,] Draw(int rows, int cols, Rng rng)
    {
        var w = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) w[r, c] = 0.05 * rng.Normal();
        return w;
    }

    [Benchmark]
    public double Approximate397kWeights()
    {
        var a1 = MnistSubsetSumExperiment.Approximate(w1, lo, hi, 21, 1, "W1", () => new MeetInTheMiddle());
        var a2 = MnistSubsetSumExperiment.Approximate(w2, lo, hi, 21, 1, "W2", () => new MeetInTheMiddle());
        return a1.Errors.Max() + a2.Errors.Max();
    }
}

/// <summary>
/// The round-1 meet-in-the-middle (one merge chain per step, commit 243dd5c), kept verbatim as the "before" of
/// <see cref="SubsetSumBenchmarks"/>; not used anywhere else.
/// </summary>
internal sealed class MeetInTheMiddleRound1 : SubsetSumSolver
{
    /// <summary>40 terms: two halves of 2^20 sums (12 MiB each with masks); beyond that time and memory explode.</summary>
    private const int Limit = 40;

    private double[] leftSums = [], rightSums = [], scratchSums = [];
    // masks relative to the half's first index (a half has ≤ 20 terms): half the memory traffic of 64-bit masks
    private uint[] leftMasks = [], rightMasks = [], scratchMasks = [];

    public override string Name => "meet-in-the-middle (round 1)";
    public override int MaxTerms => Limit;
    public override bool IsExact => true;

    protected override SubsetSumStatus Run(IReadOnlyList<double> a, double z, out ulong mask)
    {
        int n = a.Count, h = n / 2;
        int nl = SortedSubsetSums(a, 0, h, ref leftSums, ref leftMasks);
        int nr = SortedSubsetSums(a, h, n, ref rightSums, ref rightMasks);

        // Two pointers: left ascending, right descending; every pair skipped cannot be closer than one visited.
        double best = double.PositiveInfinity;
        int bestI = 0, bestJ = 0;
        int i = 0, j = nr - 1;
        var ls = leftSums.AsSpan(0, nl);
        var rs = rightSums.AsSpan(0, nr);
        while (i < nl && j >= 0)
        {
            double s = ls[i] + rs[j];
            double d = Math.Abs(z - s);
            if (d < best)
            {
                (best, bestI, bestJ) = (d, i, j);
                if (d == 0) break;
            }
            int up = s < z ? 1 : 0;   // branch-free step: a coin flip on random data
            i += up;
            j -= 1 - up;
        }
        mask = leftMasks[bestI] | (ulong)rightMasks[bestJ] << h;
        return SubsetSumStatus.Optimal;
    }

    /// <summary>
    /// The 2^(to−from) subset sums of a[from..to), sorted ascending, with their masks (bit k for a[from + k]).
    /// Built by merging the sorted list with itself shifted by each new coefficient. Returns the count.
    /// </summary>
    private int SortedSubsetSums(IReadOnlyList<double> a, int from, int to, ref double[] sums, ref uint[] masks)
    {
        int total = 1 << (to - from);
        if (sums.Length < total)
        {
            sums = new double[total];
            masks = new uint[total];
        }
        if (scratchSums.Length < total)
        {
            scratchSums = new double[total];
            scratchMasks = new uint[total];
        }
        sums[0] = 0;
        masks[0] = 0;
        int count = 1;
        for (int k = from; k < to; k++)
        {
            count = MergeShifted(sums, masks, scratchSums, scratchMasks, count, a[k], 1u << (k - from));
            (sums, scratchSums) = (scratchSums, sums);
            (masks, scratchMasks) = (scratchMasks, masks);
        }
        return count;
    }

    /// <summary>
    /// Merges the sorted sums[0..count) with sums[0..count) + x into the outputs; branch-free in the main loop (the
    /// comparison is a coin flip for random data, so a branch would mispredict half the time).
    /// </summary>
    private static int MergeShifted(double[] sums, uint[] masks, double[] outSums, uint[] outMasks, int count, double x, uint bit)
    {
        var s = sums.AsSpan(0, count);
        var m = masks.AsSpan(0, count);
        var os = outSums.AsSpan(0, 2 * count);
        var om = outMasks.AsSpan(0, 2 * count);
        int p = 0, q = 0, o = 0;
        while (p < count && q < count)
        {
            double left = s[p], right = s[q] + x;
            bool takeLeft = left <= right;
            os[o] = takeLeft ? left : right;
            om[o] = takeLeft ? m[p] : m[q] | bit;
            o++;
            int t = takeLeft ? 1 : 0;
            p += t;
            q += 1 - t;
        }
        while (p < count) { os[o] = s[p]; om[o++] = m[p++]; }
        while (q < count) { os[o] = s[q] + x; om[o++] = m[q++] | bit; }
        return o;
    }
}
