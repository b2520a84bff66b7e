// Local to Global (arXiv 2406.03072), §4, Figure 4 (spec local-to-global §4; issue #16): the two arms of the
// escape-time comparison on Figure 4's chain — the authors' simplified model ("Markov-Simple") and the Markov-LLM code
// model, trained with the same recipe (AttentionWithMarkov/EscapeTimes), and the rule that stops the sweep once decided.
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>The arms of the plateau-length comparison: both on the paper's recipe at sequence length <c>length</c>.</summary>
public static class PlateauEscape
{
    /// <summary>The code model's arm: the same name and seed stream (hence seeds and runs) as in <c>AM.tied-plateau-is-temporary</c>.</summary>
    public static EscapeArm CodeArm(int seeds, int length, int horizon) =>
        new($"tied-l1-t{length}", Config(length), true, seeds, horizon) { SeedStream = $"tied-L1-T{length}" };

    /// <summary>The simplified model's arm (<see cref="SimpleTransformer"/>), tied or untied (the negative control).</summary>
    public static EscapeArm SimpleArm(bool tied, int seeds, int length, int horizon) =>
        new($"simple-{(tied ? "tied" : "untied")}-t{length}", Config(length), tied, seeds, horizon,
            (generator, device) => new SimpleTransformer(new SimpleTransformerConfig(Config(length).Dim, length, tied), generator, device))
        { SeedStream = $"simple-{(tied ? "tied" : "untied")}-T{length}", ModelBatches = true };

    /// <summary>
    /// The stop rule of an arm of <paramref name="seeds"/> runs: true once more than half of them are censored, when the
    /// arm's median is known to lie beyond the horizon whatever the remaining runs do.
    /// </summary>
    public static Func<EscapeSample, bool> MedianCensored(int seeds) =>
        s => s.Runs - s.Escaped >= seeds - (int)Math.Ceiling(0.5 * seeds) + 1;

    private static TrainingConfig Config(int length) => TrainingConfig.Paper with { Length = length };
}
