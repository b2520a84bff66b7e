// arXiv 2407.15504, §4 (LLMLingua-2) and §5 (QuerySelect, Adaptive QuerySelect); spec §5, with ideal labels.
using Verification.PromptCompression.Data;

namespace Verification.PromptCompression.Compressors;

/// <summary>Keep-probabilities of a token classifier: here the ideal labels (1 keep, 0 drop), an upper reference for a trained one.</summary>
public delegate double[] KeepProbabilities(byte[] x, BinaryQuery q);

public static class IdealClassifiers
{
    public static KeepProbabilities Agnostic { get; } = (x, _) => IdealLabels.Agnostic(x).Select(b => b ? 1.0 : 0.0).ToArray();
    public static KeepProbabilities QueryDependent { get; } = (x, q) => IdealLabels.ForQuery(x, q).Select(b => b ? 1.0 : 0.0).ToArray();
}

/// <summary>LLMLingua-2 / QuerySelect: the top-k tokens by keep-probability, k = max(1, round(ratio·n)), in order; ties by position.</summary>
public sealed class TopKClassifierCompressor(string name, bool queryAware, KeepProbabilities probabilities) : PromptCompressor
{
    public override string Name => name;
    public override bool QueryAware => queryAware;
    public override bool VariableRate => false;

    public override int[] Compress(byte[] x, BinaryQuery q, double knob)
    {
        var p = probabilities(x, queryAware ? q : default);
        return TopK(x.Length, knob, (i, j) => p[j] != p[i] ? p[j].CompareTo(p[i]) : i.CompareTo(j));
    }

    public static TopKClassifierCompressor LlmLingua2Ideal() => new("LLMLingua-2 (ideal labels)", false, IdealClassifiers.Agnostic);
    public static TopKClassifierCompressor QuerySelectIdeal() => new("QuerySelect (ideal labels)", true, IdealClassifiers.QueryDependent);
}

/// <summary>
/// Adaptive QuerySelect (variable rate): every token with keep-probability above τ, τ swept over the grid; if none
/// passes, the last token.
/// </summary>
public sealed class AdaptiveQuerySelect(string name, bool queryAware, KeepProbabilities probabilities) : PromptCompressor
{
    public override string Name => name;
    public override bool QueryAware => queryAware;
    public override bool VariableRate => true;

    public override int[] Compress(byte[] x, BinaryQuery q, double knob)
    {
        var p = probabilities(x, queryAware ? q : default);
        var kept = Enumerable.Range(0, x.Length).Where(t => p[t] > knob).ToArray();
        return kept.Length > 0 ? kept : [x.Length - 1];
    }

    public static AdaptiveQuerySelect Ideal() => new("Adaptive QuerySelect (ideal labels)", true, IdealClassifiers.QueryDependent);

    /// <summary>The negative control: the same thresholding on query-agnostic labels (a query-agnostic method).</summary>
    public static AdaptiveQuerySelect WithAgnosticLabels() => new("Adaptive QuerySelect (agnostic labels)", false, IdealClassifiers.Agnostic);
}
