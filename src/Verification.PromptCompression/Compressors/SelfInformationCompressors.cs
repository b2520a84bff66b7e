// arXiv 2407.15504, §4: Selective Context (Li et al. 2023), LLMLingua and LongLLMLingua's query score
// (Jiang et al. 2023); spec §5. Scores come from the exact chain (the ideal language model of the synthetic set).
using Verification.PromptCompression.Data;

namespace Verification.PromptCompression.Compressors;

/// <summary>
/// Selective Context: drops the tokens whose self-information is below the percentile of the fraction to remove;
/// ties (frequent on binary data) make the realized rate jump, so points use the realized rate.
/// </summary>
public sealed class SelectiveContext(string name = "Selective Context", Func<byte[], double[]>? selfInformation = null) : PromptCompressor
{
    private readonly Func<byte[], double[]> scores = selfInformation ?? ChainSelfInformation.Scores;

    public override string Name => name;
    public override bool QueryAware => false;
    public override bool VariableRate => false;

    /// <summary>Selective Context scored by a trained language model instead of the exact chain.</summary>
    public static SelectiveContext WithModel(PromptLanguageModel lm) => new("Selective Context (trained LM)", x => lm.SelfInformation(x, null));

    public override int[] Compress(byte[] x, BinaryQuery q, double knob)
    {
        var s = scores(x);
        double threshold = Percentile(s, 100 * (1 - knob));
        return Enumerable.Range(0, x.Length).Where(t => s[t] >= threshold).ToArray();
    }
}

/// <summary>
/// LLMLingua (token-level step): the threshold is the percentile of the full-context losses for the fraction to
/// remove, and each token's loss is conditioned on the compressed prefix — its iterative compression with segments of
/// one token: the chain given the last kept bit, or, with a trained LM, one LM pass over the kept bits so far.
/// </summary>
public sealed class LlmLingua(PromptLanguageModel? lm = null) : PromptCompressor
{
    public override string Name => lm is null ? "LLMLingua" : "LLMLingua (trained LM)";
    public override bool QueryAware => false;
    public override bool VariableRate => false;

    public override int[] Compress(byte[] x, BinaryQuery q, double knob)
    {
        double threshold = Percentile(lm is null ? ChainSelfInformation.Scores(x) : lm.SelfInformation(x, null), 100 * (1 - knob));
        var kept = new List<int>();
        for (int t = 0; t < x.Length; t++)
        {
            double loss = lm is not null ? lm.NextBitLoss(kept.Select(i => x[i]).ToArray(), x[t])
                : kept.Count == 0 ? Math.Log(2) : ChainSelfInformation.Conditional(x[kept[^1]], x[t]);
            if (loss >= threshold) kept.Add(t);
        }
        if (kept.Count == 0) kept.Add(0);
        return kept.ToArray();
    }
}

/// <summary>
/// LLMLingua-Query: LongLLMLingua's contrastive score loss(x_t | x_&lt;t) − loss(x_t | q, x_&lt;t), top-k. Under the
/// exact chain the query carries no information about the bits, so the contrastive term is 0 for every token and
/// the ranking falls back to the self-information, then position (spec §5: "an exact model degenerates").
/// </summary>
public sealed class LlmLinguaQuery(PromptLanguageModel? lm = null) : PromptCompressor
{
    public override string Name => lm is null ? "LLMLingua-Query" : "LLMLingua-Query (trained LM)";
    public override bool QueryAware => true;
    public override bool VariableRate => false;

    public override int[] Compress(byte[] x, BinaryQuery q, double knob)
    {
        // The exact chain: loss(x_t | q, x_<t) = loss(x_t | x_<t), so the contrastive score is 0; a trained LM
        // conditioned on the query (as a prefix token) gives the LongLLMLingua score.
        var s = lm is null ? ChainSelfInformation.Scores(x) : lm.SelfInformation(x, null);
        var contrastive = lm is null ? new double[x.Length] : s.Zip(lm.SelfInformation(x, q), (plain, given) => plain - given).ToArray();
        return TopK(x.Length, knob, (i, j) =>
        {
            int c = contrastive[j].CompareTo(contrastive[i]);
            if (c != 0) return c;
            c = s[j].CompareTo(s[i]);
            return c != 0 ? c : i.CompareTo(j);
        });
    }
}
