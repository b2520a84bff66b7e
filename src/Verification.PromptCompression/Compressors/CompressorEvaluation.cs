// arXiv 2407.15504, §6 (methods evaluated at their measured rate on the same black box); spec §5, §7 item 8.
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Compressors;

/// <summary>One point of a method: its knob, the realized rate E[len M / len X] and the mean distortion.</summary>
public sealed record CompressorPoint(string Method, bool QueryAware, double Knob, double Rate, double Distortion);

public static class CompressorEvaluation
{
    /// <summary>The point of <paramref name="compressor"/> at each of its knob values, on every row.</summary>
    public static IReadOnlyList<CompressorPoint> Evaluate(PromptCompressor compressor, IReadOnlyList<PromptRow> rows,
        IBlackBox phi, Loss loss)
    {
        if (rows.Count == 0) throw new ArgumentException("the dataset is empty", nameof(rows));
        var points = new List<CompressorPoint>();
        foreach (double knob in compressor.Knobs)
        {
            double rate = 0, distortion = 0;
            foreach (var row in rows)
            {
                var kept = compressor.Compress(row.Context, row.Query, knob);
                if (kept.Length == 0) throw new InvalidOperationException($"{compressor.Name} kept no token of {row}");
                rate += kept.Length / (double)row.Length;
                distortion += Distortion.Of(phi, loss, BitString.Subsequence(row.Context, kept), row.Query, row.Answer);
            }
            points.Add(new CompressorPoint(compressor.Name, compressor.QueryAware, knob, rate / rows.Count, distortion / rows.Count));
        }
        return points;
    }

    /// <summary>The methods of the paper's Figure 1 with exact-chain scores and ideal labels.</summary>
    public static IReadOnlyList<PromptCompressor> StandardMethods() =>
    [
        new SelectiveContext(),
        new LlmLingua(),
        new LlmLinguaQuery(),
        TopKClassifierCompressor.LlmLingua2Ideal(),
        TopKClassifierCompressor.QuerySelectIdeal(),
        AdaptiveQuerySelect.Ideal(),
    ];

    /// <summary>The methods scored by trained models: LM-scored Selective Context, LLMLingua and LLMLingua-Query; classifier-based LLMLingua-2, QuerySelect and Adaptive QuerySelect.</summary>
    public static IReadOnlyList<PromptCompressor> TrainedMethods(PromptLanguageModel lm, TokenClassifier agnostic, TokenClassifier queryAware) =>
    [
        SelectiveContext.WithModel(lm),
        new LlmLingua(lm),
        new LlmLinguaQuery(lm),
        new TopKClassifierCompressor("LLMLingua-2 (trained)", false, agnostic.Probabilities),
        new TopKClassifierCompressor("QuerySelect (trained)", true, queryAware.Probabilities),
        new AdaptiveQuerySelect("Adaptive QuerySelect (trained)", true, queryAware.Probabilities),
    ];
}
