// arXiv 2006.07990 §2 (spec P6): how many random terms a SubsetSum instance needs before it reaches ε′. Terms are
// added in order (units in a block are nested: a wider block holds the narrower one), so the answer is monotone.
namespace Verification.LotteryTickets.SubsetSum;

/// <summary>The smallest k such that some subset of a_1..a_k is within ε of z.</summary>
public static class ShortestPrefix
{
    /// <summary>2^24 sums at most (128 MiB); an instance that needs more terms is reported as not reached.</summary>
    public const int MaxTermsHeld = 24;

    /// <summary>
    /// k ≥ 0, or −1 if no prefix of ≤ <see cref="MaxTermsHeld"/> terms (or all of them) reaches ε. Sorted sums are
    /// merged term by term; sums that cannot come within ε of z even with all remaining positive (negative) mass are
    /// dropped, which keeps the answer exact.
    /// </summary>
    public static int Within(IReadOnlyList<double> a, double z, double epsilon)
    {
        SubsetSumSolver.CheckEpsilon(epsilon);
        if (!double.IsFinite(z)) throw new ArgumentOutOfRangeException(nameof(z), z, "target z must be finite");
        if (Math.Abs(z) <= epsilon) return 0;
        int n = a.Count;
        var restPositive = new double[n + 1];
        var restNegative = new double[n + 1];
        for (int k = n - 1; k >= 0; k--)
        {
            restPositive[k] = restPositive[k + 1] + Math.Max(a[k], 0);
            restNegative[k] = restNegative[k + 1] + Math.Min(a[k], 0);
        }
        var sums = new double[1024];
        var scratch = new double[1024];
        sums[0] = 0;
        int count = 1;
        for (int k = 0; k < n; k++)
        {
            if (k >= MaxTermsHeld) return -1;
            if (scratch.Length < 2 * count)
            {
                Array.Resize(ref sums, 2 * count);
                scratch = new double[2 * count];
            }
            double x = a[k];
            int p = 0, q = 0, o = 0;
            while (p < count && q < count)
            {
                double left = sums[p], right = sums[q] + x;
                bool takeLeft = left <= right;
                scratch[o++] = takeLeft ? left : right;
                int t = takeLeft ? 1 : 0;
                p += t;
                q += 1 - t;
            }
            while (p < count) scratch[o++] = sums[p++];
            while (q < count) scratch[o++] = sums[q++] + x;
            (sums, scratch) = (scratch, sums);
            // keep only sums that can still end within ε of z
            double lo = z - epsilon - restPositive[k + 1], hi = z + epsilon - restNegative[k + 1];
            int start = LowerBound(sums, o, lo), end = LowerBound(sums, o, Math.BitIncrement(hi));
            count = end - start;
            if (start > 0) Array.Copy(sums, start, sums, 0, count);
            if (count == 0) return -1;
            int at = LowerBound(sums, count, z);
            if ((at < count && sums[at] - z <= epsilon) || (at > 0 && z - sums[at - 1] <= epsilon)) return k + 1;
        }
        return -1;
    }

    private static int LowerBound(double[] v, int count, double x)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (v[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
