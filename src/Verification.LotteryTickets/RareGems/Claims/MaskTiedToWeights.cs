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
public sealed class MaskTiedToWeights : Claim
{
    /// <summary>Accuracy a re-initialised or shuffled gem may keep (at most).</summary>
    public const double ChanceCeiling = 0.25;

    /// <summary>gem − variant, in accuracy (at least; 0.30 = 30 points).</summary>
    public const double MarginBelowGem = 0.30;

    public override string Id => "RG.mask-tied-to-weights";
    public override PaperRef Paper => PaperRef.RareGems;
    public override string Section => "§4.1 sanity checks (layer-wise shuffling, re-initialisation); spec §5 claim 3";
    public override string Statement =>
        "Before fine-tuning, the gem's mask with freshly drawn signed-constant weights, or shuffled within each layer, " +
        "falls to ≤ 25% test accuracy, at least 30 points below the gem itself.";
    public override string NegativeControl =>
        "GEM-MINER whose iterative freezing removes the largest scores: its mask is not tied to anything, so nothing collapses relative to it.";
    public override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Ci, Scale.Paper];

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) =>
        new Dictionary<string, object>(RareGemsSettings.For(scale).Describe())
        {
            ["thresholds"] = $"re-initialised and shuffled ≤ {100 * ChanceCeiling:F0}%, each ≥ {100 * MarginBelowGem:F0} pts below the gem (seed 0 of the paired seeds)",
            ["re-initialisation"] = "fresh signed-constant weights (the paper's 'original distribution'; the code uses Kaiming normal)",
        };

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        TorchRuntime.Initialize();
        var settings = RareGemsSettings.For(context);
        var rule = construction == Construction.Faithful ? FreezeRule.SmallestScores : FreezeRule.LargestScores;
        var obs = new Observations();
        var bars = new List<Series>();
        int step = 0;
        foreach (var s in settings.Densities)
        {
            var gem = GemExperiment.Mine(settings, s, context.DeriveSeed("rg.init.0"), context.DeriveSeed("rg.batches.0"), rule,
                f => context.Report((step + 0.9 * f) / settings.Densities.Count));
            double g = GemExperiment.AccuracyAtInit(settings, gem.InitWeights, gem.Gem);
            double reinit = GemExperiment.AccuracyAtInit(settings, GemExperiment.FreshWeights(context.DeriveSeed("rg.reinit.0"), settings.Device), gem.Gem);
            double shuffled = GemExperiment.AccuracyAtInit(settings, gem.InitWeights,
                Baselines.ShuffleWithinLayers(gem.Gem, new Generator((ulong)context.DeriveSeed("rg.shuffle.0"))));
            string at = $"s={s}";
            using (obs.Case(at))
            {
                // §4.1: re-initialised and shuffled gems fall to chance, far below the gem
                obs.Measure("gem.acc-at-init", g)
                    .ExpectAtMost("reinit.acc-at-init", reinit, ChanceCeiling)
                    .ExpectAtMost("shuffled.acc-at-init", shuffled, ChanceCeiling)
                    .ExpectAtLeast("gem-minus-reinit", g - reinit, MarginBelowGem)
                    .ExpectAtLeast("gem-minus-shuffled", g - shuffled, MarginBelowGem)
                    .Measure("gem.density", gem.Result.DensityGem);
            }
            bars.Add(new Series($"s={100 * s}%", [0, 1, 2], [100 * g, 100 * reinit, 100 * shuffled], SeriesStyle.Markers));
            step++;
        }
        obs.Add(new Figure("rg-sanity-at-init", "Sanity checks before fine-tuning (0 = gem, 1 = re-initialised weights, 2 = shuffled in layer)",
            "variant", "test accuracy (%)", bars));
        return obs.Conclude("re-initialising the weights or shuffling the mask within layers destroys the gem's accuracy: the mask is tied to these weights");
    }
}
