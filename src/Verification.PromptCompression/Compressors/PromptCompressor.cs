// arXiv 2407.15504, §4 (prior methods) and §5 (QuerySelect); spec §5.
using Verification.PromptCompression.Data;

namespace Verification.PromptCompression.Compressors;

/// <summary>
/// A token-level prompt compressor: for a prompt x (and, if query-aware, the query q) and a value of its rate knob,
/// the sorted indices of the kept tokens (never empty). Query-agnostic compressors ignore q.
/// </summary>
public abstract class PromptCompressor
{
    /// <summary>The paper's target ratios {0.04, 0.1, 0.2, …, 0.9, 0.96, 0.99, 1.0} (spec §5).</summary>
    public static IReadOnlyList<double> TargetRatios { get; } = [0.04, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.96, 0.99, 1.0];

    public abstract string Name { get; }

    public abstract bool QueryAware { get; }

    /// <summary>Whether the method picks a length per prompt (a threshold on scores) rather than a ratio of it.</summary>
    public abstract bool VariableRate { get; }

    /// <summary>The values of the rate knob swept for the figure (target ratios, or thresholds).</summary>
    public virtual IReadOnlyList<double> Knobs => TargetRatios;

    public abstract int[] Compress(byte[] x, BinaryQuery q, double knob);

    /// <summary>numpy's linear-interpolation percentile of <paramref name="values"/> at <paramref name="percent"/> ∈ [0, 100].</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        double pos = Math.Clamp(percent, 0, 100) / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The k = max(1, round(ratio·n)) highest-ranked tokens, returned in prompt order.</summary>
    protected static int[] TopK(int n, double ratio, Comparison<int> rank)
    {
        int k = Math.Clamp((int)Math.Round(ratio * n, MidpointRounding.ToEven), 1, n);
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, rank);
        var kept = order.Take(k).ToArray();
        Array.Sort(kept);
        return kept;
    }
}

/// <summary>The exact self-information −ln p(x_t | x_&lt;t) of the synthetic chain: ln 2 first, −ln 0.9 for a repeat, −ln 0.1 for a switch.</summary>
public static class ChainSelfInformation
{
    public static double[] Scores(byte[] x)
    {
        var s = new double[x.Length];
        for (int t = 0; t < x.Length; t++) s[t] = t == 0 ? Math.Log(2) : Conditional(x[t - 1], x[t]);
        return s;
    }

    /// <summary>−ln P(next | previous) under the chain.</summary>
    public static double Conditional(int previous, int next) => -Math.Log(SyntheticDataset.Chain.Kernel(previous, next));
}
