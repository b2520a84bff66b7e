// Rare Gems (arXiv 2202.12002), §4.1 sanity checks (Frankle et al. 2021; Su et al. 2020), spec §3 and §5 claim 3:
// before fine-tuning, the gem only works with the weights it was mined on, in the positions it chose.
using Verification.Core.Runtime;
using Verification.Core.Claims;
using Verification.Core.Numerics;
using static TorchSharp.torch;

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

    public const double ChanceCeiling = 0.25;
    public const double MarginBelowGem = 0.30;

    public override string Id => "RG.mask-tied-to-weights";
    public override string Section => "§4.1 sanity checks (layer-wise shuffling, re-initialisation); spec §5 claim 3";
    public override string Statement =>
        "Before fine-tuning, the gem's mask with freshly drawn signed-constant weights, or shuffled within each layer, " +
        "falls to ≤ 25% test accuracy, at least 30 points below the gem itself.";
    public override string NegativeControl =>
        "GEM-MINER whose iterative freezing removes the largest scores: its mask is not tied to anything, so nothing collapses relative to it.";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        TorchRuntime.Initialize();
        var experiment = Experiment(context, settings);
        var densities = settings.Experiment.Densities;
        var rule = Rule(construction);
        var obs = new Observations();
        var bars = new List<Series>();
        int step = 0;
        foreach (var s in densities)
        {
            var gem = experiment.Mine(s, context.DeriveSeed("rg.init.0"), context.DeriveSeed("rg.batches.0"), rule,
                f => context.Report((step + 0.9 * f) / densities.Count));
            double g = experiment.AccuracyAtInit(gem.InitWeights, gem.Gem);
            double reinit = experiment.AccuracyAtInit(experiment.FreshWeights(context.DeriveSeed("rg.reinit.0")), gem.Gem);
            double shuffled = experiment.AccuracyAtInit(gem.InitWeights,
                Baselines.ShuffleWithinLayers(gem.Gem, new Generator((ulong)context.DeriveSeed("rg.shuffle.0"))));
            string at = $"s={s}";
            using (obs.Case(at))
            {
                // §4.1: re-initialised and shuffled gems fall to chance, far below the gem
                obs.Measure("gem.acc-at-init", g)
                    .ExpectAtMost("reinit.acc-at-init", reinit, settings.ChanceCeiling)
                    .ExpectAtMost("shuffled.acc-at-init", shuffled, settings.ChanceCeiling)
                    .ExpectAtLeast("gem-minus-reinit", g - reinit, settings.MarginBelowGem)
                    .ExpectAtLeast("gem-minus-shuffled", g - shuffled, settings.MarginBelowGem)
                    .Measure("gem.density", gem.Result.DensityGem);
            }
            bars.Add(new Series($"s={Percent(s)}%", [0, 1, 2], [100 * g, 100 * reinit, 100 * shuffled], SeriesStyle.Markers));
            step++;
        }
        obs.Add(new Figure("rg-sanity-at-init", "Sanity checks before fine-tuning (0 = gem, 1 = re-initialised weights, 2 = shuffled in layer)",
            "variant", "test accuracy (%)", bars));
        return obs.Conclude("re-initialising the weights or shuffling the mask within layers destroys the gem's accuracy: the mask is tied to these weights");
    }
}
