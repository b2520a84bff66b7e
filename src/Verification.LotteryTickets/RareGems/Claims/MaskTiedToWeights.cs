// Rare Gems (arXiv 2202.12002), §4.1 sanity checks (Frankle et al. 2021; Su et al. 2020), spec §3 and §5 claim 3:
// before fine-tuning, the gem only works with the weights it was mined on, in the positions it chose.
using Verification.Core.Claims;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>
/// Before fine-tuning the gem only works with the weights it was mined on, in the positions it chose: re-initialised
/// or shuffled, it falls to chance and far below the gem. Negative control: a gem mined by freezing the largest scores.
/// </summary>
public sealed class MaskTiedToWeights(GemExperiments experiments) : GemClaim<MaskTiedToWeights.Settings>(experiments)
{
    /// <param name="ChanceCeiling">accuracy a re-initialised or shuffled gem may keep (at most)</param>
    /// <param name="MarginBelowGem">gem − variant, in accuracy (at least; 0.30 = 30 points)</param>
    public sealed record Settings(RareGemsSettings Experiment, double ChanceCeiling = MaskTiedToWeights.ChanceCeiling,
        double MarginBelowGem = MaskTiedToWeights.MarginBelowGem) : IClaimSettings<Settings>, IGemSettings
    {
        public static Settings For(Scale scale) => new(RareGemsSettings.For(scale));

        public string Reinitialisation => "fresh signed-constant weights (the paper's 'original distribution'; the code uses Kaiming normal), seed 0 of the paired seeds";
    }

    public override string Id => "RG.mask-tied-to-weights";
    public override string Section => "§4.1 sanity checks (layer-wise shuffling, re-initialisation); spec §5 claim 3";
    public override string Statement =>
        "Before fine-tuning, the gem's mask with freshly drawn signed-constant weights, or shuffled within each layer, " +
        "falls to ≤ 25% test accuracy, at least 30 points below the gem itself.";
    public override string NegativeControl =>
        "GEM-MINER whose iterative freezing removes the largest scores: its mask is not tied to anything, so nothing collapses relative to it.";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var (experiment, densities) = (Experiment(context, settings), settings.Experiment.Densities);
        var results = densities.Select((s, k) => GemAtInitExperiment.Sanity(experiment, s, Rule(construction), context,
            f => context.Report((k + 0.9 * f) / densities.Count))).ToList();
        var obs = new Observations();
        foreach (var (s, r) in densities.Zip(results))
        {
            using var group = obs.Case($"s={s}");
            // §4.1: re-initialised and shuffled gems fall to chance, far below the gem
            obs.Measure("gem.acc-at-init", r.Gem)
                .ExpectAtMost("reinit.acc-at-init", r.Reinitialised, settings.ChanceCeiling)
                .ExpectAtMost("shuffled.acc-at-init", r.Shuffled, settings.ChanceCeiling)
                .ExpectAtLeast("gem-minus-reinit", r.Gem - r.Reinitialised, settings.MarginBelowGem)
                .ExpectAtLeast("gem-minus-shuffled", r.Gem - r.Shuffled, settings.MarginBelowGem)
                .Measure("gem.density", r.GemDensity);
        }
        return obs.Add(GemFigures.SanityAtInit(densities, results))
            .Conclude("re-initialising the weights or shuffling the mask within layers destroys the gem's accuracy: the mask is tied to these weights");
    }

    public const double ChanceCeiling = 0.25;
    public const double MarginBelowGem = 0.30;
}
