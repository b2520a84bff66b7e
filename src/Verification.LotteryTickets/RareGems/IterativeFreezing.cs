// Rare Gems (arXiv 2202.12002), Algorithm 1 and the reference code's `prune` (spec §1): every T epochs, freeze
// (q = 0, permanently) the active entries with the smallest scores, ranked globally across layers, until the active
// fraction reaches the target density s after N = floor((E−1)/T) freezes.
namespace Verification.LotteryTickets.RareGems;

/// <summary>The freezing schedule and the exact-k global selection (pure arithmetic, no tensors).</summary>
public static class IterativeFreezing
{
    /// <summary>N = floor((E−1)/T): the number of freezes (after 0-indexed epochs T, 2T, …, NT).</summary>
    public static int FreezeCount(int epochs, int every)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        return (epochs - 1) / every;
    }

    /// <summary>Whether a freeze follows 0-indexed epoch <paramref name="epoch"/> (code: e % T == 0, e ≠ 0).</summary>
    public static bool FreezesAfter(int epoch, int every) => epoch != 0 && epoch % every == 0;

    /// <summary>κ = 1 − s^{1/N}, the fraction of active entries frozen at each freeze.</summary>
    public static double Kappa(double density, int freezes) => freezes == 0 ? 0 : 1 - Math.Pow(density, 1.0 / freezes);

    /// <summary>
    /// Active count after freeze j of N: round(d·s^{j/N}). Equivalent to freezing the fraction κ of the active entries
    /// each time, but rounded against the schedule rather than step by step, so after the last freeze the active
    /// count is exactly round(d·s) (the spec asks for exact-k selection).
    /// </summary>
    public static long TargetActive(long size, double density, int j, int freezes)
    {
        if (freezes <= 0 || j <= 0) return size;
        if (j >= freezes) return Math.Max(1, (long)Math.Round(size * density));
        return Math.Max(1, (long)Math.Round(size * Math.Pow(density, (double)j / freezes)));
    }

    /// <summary>
    /// Indices of exactly <paramref name="k"/> active entries (q = 1) with the smallest scores (largest when
    /// <paramref name="largest"/>, the sabotage), ties broken by index. The code's threshold rule |p| ≤ k-th value
    /// removes more than k when many scores are clamped to the same value; this selection never does.
    /// </summary>
    public static int[] SelectToFreeze(ReadOnlySpan<double> scores, ReadOnlySpan<bool> active, long k, bool largest = false)
    {
        if (scores.Length != active.Length)
            throw new ArgumentException($"{scores.Length} scores but {active.Length} flags", nameof(active));
        var candidates = new List<int>();
        for (int i = 0; i < active.Length; i++)
            if (active[i]) candidates.Add(i);
        if (k < 0 || k > candidates.Count)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, {candidates.Count}] (the active count)");
        var keys = new double[candidates.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = largest ? -Math.Abs(scores[candidates[i]]) : Math.Abs(scores[candidates[i]]);
        var order = candidates.ToArray();
        Array.Sort(keys, order);   // unstable: fix ties by index below
        int start = 0;
        while (start < keys.Length)
        {
            int end = start;
            while (end + 1 < keys.Length && keys[end + 1] == keys[start]) end++;
            if (end > start) Array.Sort(order, start, end - start + 1);
            start = end + 1;
        }
        return order[..(int)k];
    }

    /// <summary>The reference code's rule (the tie bug of spec pitfall 3): freeze every active entry with |p| ≤ the k-th smallest.</summary>
    public static int[] SelectByThreshold(ReadOnlySpan<double> scores, ReadOnlySpan<bool> active, long k)
    {
        if (k == 0) return [];
        var exact = SelectToFreeze(scores, active, k);
        double threshold = Math.Abs(scores[exact[^1]]);
        var result = new List<int>();
        for (int i = 0; i < scores.Length; i++)
            if (active[i] && Math.Abs(scores[i]) <= threshold) result.Add(i);
        return [.. result];
    }
}
