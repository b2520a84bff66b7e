// arXiv 2006.07990 §2 / §4 (Experiment 1 solves one SubsetSum per weight): exact closest subset sum by
// meet-in-the-middle (Horowitz–Sahni): the sorted subset sums of each half, built by merging in O(2^{n/2}), then two
// pointers over the two sorted lists.
namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// Exact closest subset sum for n ≤ <see cref="Limit"/> in O(n·2^{n/2}) time. Holds reusable buffers: one instance per
/// thread (not thread-safe).
/// </summary>
public sealed class MeetInTheMiddle : SubsetSumSolver
{
    /// <summary>40 terms: two halves of 2^20 sums (12 MiB each with masks); beyond that time and memory explode.</summary>
    public const int Limit = 40;

    private double[] leftSums = [], rightSums = [], scratchSums = [];
    // masks relative to the half's first index (a half has ≤ 20 terms): half the memory traffic of 64-bit masks
    private uint[] leftMasks = [], rightMasks = [], scratchMasks = [];

    public override string Name => "meet-in-the-middle";
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
