// arXiv 2006.07990 §2 / §4 (Experiment 1 solves one SubsetSum per weight): exact closest subset sum by
// meet-in-the-middle (Horowitz–Sahni): the sorted subset sums of each half, built by merging in O(2^{n/2}), then two
// pointers over the two sorted lists.
namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// Exact closest subset sum for n ≤ <see cref="Limit"/> in O(2^{n/2}) time and no allocation per call beyond the
/// solution. Holds reusable buffers: one instance per thread (not thread-safe).
/// </summary>
public sealed class MeetInTheMiddle : SubsetSumSolver
{
    /// <summary>40 terms: two halves of 2^20 sums (12 MiB each with masks); beyond that time and memory explode.</summary>
    public const int Limit = 40;

    // Sorted sums of each half with their masks in parallel arrays; masks are relative to the half's first index
    // (a half has ≤ 20 terms), half the memory traffic of 64-bit masks.
    private double[] leftSums = [], rightSums = [], scratchSums = [];
    private uint[] leftMasks = [], rightMasks = [], scratchMasks = [];

    public override string Name => "meet-in-the-middle";
    public override int MaxTerms => Limit;
    public override bool IsExact => true;

    protected override SubsetSumStatus Run(IReadOnlyList<double> a, double z, out ulong mask)
    {
        int n = a.Count, h = n / 2;
        int nl = SortedSubsetSums(a, 0, h, ref leftSums, ref leftMasks);
        int nr = SortedSubsetSums(a, h, n, ref rightSums, ref rightMasks);
        var (bestI, bestJ) = ClosestPair(leftSums.AsSpan(0, nl), rightSums.AsSpan(0, nr), z);
        mask = leftMasks[bestI] | (ulong)rightMasks[bestJ] << h;
        return SubsetSumStatus.Optimal;
    }

    /// <summary>
    /// The pair (i, j) minimising |z − (left[i] + right[j])| over two ascending lists, the first such pair on the
    /// two-pointer path (left ascending from 0, right descending from the end; step i up if the sum is &lt; z, else j
    /// down). A pair off the path cannot be closer than one on it: if left[i] + right[j] &lt; z, every right[j′] with
    /// j′ &lt; j is further for this i; if it is ≥ z, every left[i′] with i′ &gt; i is further for this j.
    /// <para>
    /// The path is walked as two independent chains in one loop, so that the processor overlaps their latencies: the
    /// first over i &lt; mid, the second from the point where the path enters i = mid. That point is known in
    /// advance: the path leaves row i at j = c_i − 1, where c_i = #{j : left[i] + right[j] &lt; z} (c_i does not grow
    /// with i, and floating-point addition is monotone), so it enters row mid at j = c_{mid−1} − 1.
    /// </para>
    /// </summary>
    private static (int I, int J) ClosestPair(ReadOnlySpan<double> left, ReadOnlySpan<double> right, double z)
    {
        int mid = left.Length / 2;
        var first = new PathWalk(0, right.Length - 1, mid);
        var second = new PathWalk(mid, mid == 0 ? right.Length - 1 : CountBelow(right, left[mid - 1], z) - 1, left.Length);
        while (first.Active && second.Active)
        {
            first.Step(left, right, z);
            second.Step(left, right, z);
        }
        while (first.Active) first.Step(left, right, z);
        while (second.Active) second.Step(left, right, z);
        // the first chain's pairs come first on the path: it keeps a tie
        return second.Best < first.Best ? (second.BestI, second.BestJ) : (first.BestI, first.BestJ);
    }

    /// <summary>#{j : x + right[j] &lt; z} by binary search (right ascending).</summary>
    private static int CountBelow(ReadOnlySpan<double> right, double x, double z)
    {
        int lo = 0, hi = right.Length;   // invariant: x + right[j] < z for j < lo, ≥ z for j ≥ hi
        while (lo < hi)
        {
            int m = (lo + hi) >>> 1;
            if (x + right[m] < z) lo = m + 1;
            else hi = m;
        }
        return lo;
    }

    /// <summary>
    /// One walker on the two-pointer path over rows i &lt; end, with the closest pair it has seen (ties: the first).
    /// </summary>
    private struct PathWalk(int i, int j, int end)
    {
        public int I = i, J = j, BestI, BestJ;
        public double Best = double.PositiveInfinity;
        private readonly int end = end;

        public readonly bool Active => I < end && J >= 0;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Step(ReadOnlySpan<double> left, ReadOnlySpan<double> right, double z)
        {
            double s = left[I] + right[J];
            double d = Math.Abs(z - s);
            if (d < Best) (Best, BestI, BestJ) = (d, I, J);
            int up = s < z ? 1 : 0;   // branch-free step: a coin flip on random data
            I += up;
            J -= 1 - up;
        }
    }

    /// <summary>
    /// The 2^(to−from) subset sums of a[from..to), with their masks (bit k for a[from + k]), sorted by sum and equal
    /// sums by mask. Built by merging the sorted list with itself shifted by each new coefficient: 2 + 4 + … +
    /// 2^(to−from) outputs in all, no sort. Each sum is accumulated in index order. Returns the count.
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
            MergeShifted(sums.AsSpan(0, count), masks.AsSpan(0, count), scratchSums.AsSpan(0, 2 * count),
                scratchMasks.AsSpan(0, 2 * count), a[k], 1u << (k - from));
            count *= 2;
            (sums, scratchSums) = (scratchSums, sums);
            (masks, scratchMasks) = (scratchMasks, masks);
        }
        return count;
    }

    /// <summary>
    /// Writes the stable merge of the ascending list s (masks m) with s + x (masks m | bit) into the 2·|s| outputs:
    /// unshifted before shifted on a tie. Two independent chains fill it at once, the smallest |s| from the front and
    /// the largest |s| from the back, so the processor overlaps their load-compare latencies. Each chain takes exactly
    /// |s| elements, so neither pointer can leave its list (after k front steps p + q = k &lt; |s|). The loop is
    /// branch-free: the comparison is a coin flip for random data, and a branch would mispredict half the time.
    /// </summary>
    private static void MergeShifted(ReadOnlySpan<double> s, ReadOnlySpan<uint> m, Span<double> outSums, Span<uint> outMasks,
        double x, uint bit)
    {
        int count = s.Length, last = 2 * count - 1;
        int p = 0, q = 0;                       // front: next unshifted / shifted element, ascending
        int pb = count - 1, qb = count - 1;     // back: next unshifted / shifted element, descending
        for (int o = 0; o < count; o++)
        {
            double low = s[p], lowShifted = s[q] + x;
            bool unshifted = low <= lowShifted;
            outSums[o] = unshifted ? low : lowShifted;
            outMasks[o] = unshifted ? m[p] : m[q] | bit;
            int t = unshifted ? 1 : 0;
            p += t;
            q += 1 - t;

            double high = s[pb], highShifted = s[qb] + x;
            bool shifted = highShifted >= high;
            outSums[last - o] = shifted ? highShifted : high;
            outMasks[last - o] = shifted ? m[qb] | bit : m[pb];
            int u = shifted ? 1 : 0;
            qb -= u;
            pb -= 1 - u;
        }
    }
}
