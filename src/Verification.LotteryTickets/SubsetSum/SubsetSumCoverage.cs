// arXiv 2006.07990 §2, Lemma 1 (Lueker 1998): n = O(log(1/ε)) i.i.d. U[−1,1] samples ε-cover [−1,1] with their subset
// sums, w.h.p., for every z at once; and the counting bound (spec §1): 2^n windows of width 2ε cover a length-2
// interval only if n ≥ log2(1/ε), whatever the numbers.
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>The summand distributions of the lemma: U[−1,1], and the product of two U[−1,1] (the network's a·b).</summary>
public enum SummandDistribution { Uniform, ProductOfUniforms, NonNegativeUniform }

/// <summary>
/// Exact ε-coverage of an interval by subset sums: the worst-case distance sup_{z∈[lo,hi]} min_S |z − Σ_S x_i| computed
/// from all 2^n sorted subset sums (the sup is at an end of the interval or at a clamped midpoint of two consecutive
/// sums), never on a grid of z.
/// </summary>
public static class SubsetSumCoverage
{
    /// <summary>26 terms: 2^26 sums, 512 MiB in two buffers; enough for ε down to 10⁻³ with products.</summary>
    public const int MaxTerms = 26;

    public static double Sample(SummandDistribution distribution, Rng rng) => distribution switch
    {
        SummandDistribution.Uniform => rng.Uniform(-1, 1),
        SummandDistribution.ProductOfUniforms => rng.Uniform(-1, 1) * rng.Uniform(-1, 1),
        // the sabotage of the coverage claim: weights' magnitudes only (the sign dropped)
        SummandDistribution.NonNegativeUniform => rng.NextDouble(),
        _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "unknown distribution"),
    };

    /// <summary>sup over z ∈ [lo, hi] of the distance from z to the nearest of the sorted values.</summary>
    public static double WorstCaseDistance(ReadOnlySpan<double> sorted, double lo = -1, double hi = 1)
    {
        if (!(lo <= hi)) throw new ArgumentException($"interval [{lo}, {hi}] is empty", nameof(lo));
        if (sorted.Length == 0) return double.PositiveInfinity;
        double worst = 0;
        if (sorted[0] > lo) worst = sorted[0] - lo;
        if (sorted[^1] < hi) worst = Math.Max(worst, hi - sorted[^1]);
        for (int k = 0; k + 1 < sorted.Length; k++)
        {
            double u = sorted[k], v = sorted[k + 1];
            if (v <= lo) continue;
            if (u >= hi) break;
            double z = Math.Clamp(0.5 * (u + v), lo, hi);
            worst = Math.Max(worst, Math.Min(z - u, v - z));
        }
        return worst;
    }

    /// <summary>All 2^n subset sums of <paramref name="x"/>, sorted ascending.</summary>
    public static double[] SortedSubsetSums(IReadOnlyList<double> x)
    {
        var d = new double[1 << x.Count];
        var scratch = new double[d.Length];
        int count = 1;
        foreach (var v in x) count = MergeShifted(ref d, ref scratch, count, v);
        return d;
    }

    /// <summary>
    /// D_n = worst-case distance over [−r, r] (default r = 1) of the subset sums of x_1..x_n, for every n = 1..x.Count: the sorted sums
    /// of x_1..x_{n+1} are the merge of those of x_1..x_n with themselves shifted by x_{n+1}. Exact pruning: the empty
    /// sum 0 lies within r of every z ∈ [−r,r], so only sums in [−2r, 2r] can be nearest; a sum below −2r − R⁺ (R⁺ the
    /// positive mass of the samples still to come) can never get there, and likewise above 2r − R⁻. D_n never
    /// increases with n, so once D_n ≤ <paramref name="stopAt"/> the remaining entries are copied (exactly: they are
    /// ≤ D_n, and every threshold ≥ stopAt sees them as covered). Returns D_1..D_N.
    /// </summary>
    public static double[] WorstCaseDistances(IReadOnlyList<double> x, double stopAt = 0, double radius = 1)
    {
        if (!(radius > 0) || !double.IsFinite(radius))
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "radius r of the target interval [−r, r] must be finite and > 0");
        if (x.Count > MaxTerms)
            throw new ArgumentOutOfRangeException(nameof(x), x.Count, $"at most {MaxTerms} samples (2^n sorted sums are held)");
        int n = x.Count;
        var restPositive = new double[n + 1];
        var restNegative = new double[n + 1];
        for (int k = n - 1; k >= 0; k--)
        {
            restPositive[k] = restPositive[k + 1] + Math.Max(x[k], 0);
            restNegative[k] = restNegative[k + 1] + Math.Min(x[k], 0);
        }
        var sums = new double[Math.Min(1 << n, 1 << 16)];
        var scratch = new double[sums.Length];
        var result = new double[n];
        int count = 1;
        for (int k = 0; k < n; k++)
        {
            if (k > 0 && result[k - 1] <= stopAt)
            {
                result[k] = result[k - 1];
                continue;
            }
            if (scratch.Length < 2 * count)
            {
                Array.Resize(ref sums, 2 * count);
                scratch = new double[2 * count];
            }
            count = MergeShifted(ref sums, ref scratch, count, x[k]);
            count = Prune(sums, count, -2 * radius - restPositive[k + 1], 2 * radius - restNegative[k + 1]);
            result[k] = WorstCaseDistance(sums.AsSpan(0, count), -radius, radius);
        }
        return result;
    }

    private static int Prune(double[] sums, int count, double lo, double hi)
    {
        int start = 0;
        while (start < count && sums[start] < lo) start++;
        int end = count;
        while (end > start && sums[end - 1] > hi) end--;
        if (start > 0) Array.Copy(sums, start, sums, 0, end - start);
        return end - start;
    }

    private static int MergeShifted(ref double[] sums, ref double[] scratch, int count, double shift)
    {
        int p = 0, q = 0, o = 0;
        while (p < count && q < count)
        {
            double s = sums[q] + shift;
            if (sums[p] <= s) scratch[o++] = sums[p++];
            else { scratch[o++] = s; q++; }
        }
        while (p < count) scratch[o++] = sums[p++];
        while (q < count) scratch[o++] = sums[q++] + shift;
        (sums, scratch) = (scratch, sums);
        return o;
    }

    /// <summary>The counting bound: any n numbers have D_n ≥ r·2^{−n} on [−r,r] (2^n windows of width 2D cover length 2r).</summary>
    public static double CountingLowerBound(int n, double radius = 1) => radius * Math.Pow(2, -n);

    /// <summary>log2(r/ε): below it no n numbers ε-cover [−r,r] (log2(1/ε) on [−1,1]).</summary>
    public static double MinimumTerms(double epsilon, double radius = 1) => Math.Log2(radius / SubsetSumSolver.CheckEpsilon(epsilon));
}
