// Rare Gems (arXiv 2202.12002), §4.1 sanity checks (Frankle et al. 2021; Su et al. 2020), spec §3 and §5 claim 3:
// before fine-tuning, the gem only works with the weights it was mined on, in the positions it chose.
using Verification.Core.Runtime;
using Verification.Core.Claims;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems.Claims;

public sealed class MaskTiedToWeights : Claim
{
    public const double ChanceCeiling = 0.25;
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
            ["thresholds"] = "re-initialised and shuffled ≤ 25%, each ≥ 30 pts below the gem (seed 0 of the paired seeds)",
            ["re-initialisation"] = "fresh signed-constant weights (the paper's 'original distribution'; the code uses Kaiming normal)",
        };

    protected override Outcome Check(ClaimContext ctx, Construction construction)
    {
        TorchRuntime.Initialize();
        var settings = RareGemsSettings.For(ctx);
        var rule = construction == Construction.Faithful ? FreezeRule.SmallestScores : FreezeRule.LargestScores;
        var obs = new Observations();
        var failures = new List<string>();
        var bars = new List<Series>();
        int step = 0;
        foreach (var s in settings.Densities)
        {
            var gem = GemExperiment.Mine(settings, s, ctx.DeriveSeed("rg.init.0"), ctx.DeriveSeed("rg.batches.0"), rule,
                f => ctx.Report((step + 0.9 * f) / settings.Densities.Count));
            double g = GemExperiment.AccuracyAtInit(settings, gem.InitWeights, gem.Gem);
            double reinit = GemExperiment.AccuracyAtInit(settings, GemExperiment.FreshWeights(ctx.DeriveSeed("rg.reinit.0"), settings.Device), gem.Gem);
            double shuffled = GemExperiment.AccuracyAtInit(settings, gem.InitWeights,
                Baselines.ShuffleWithinLayers(gem.Gem, new Generator((ulong)ctx.DeriveSeed("rg.shuffle.0"))));
            string at = $"s={s}";
            obs.Measure($"{at}.gem.acc_at_init", g);
            obs.Measure($"{at}.reinit.acc_at_init", reinit, ChanceCeiling);
            obs.Measure($"{at}.shuffled.acc_at_init", shuffled, ChanceCeiling);
            obs.Measure($"{at}.gem_minus_reinit", g - reinit, MarginBelowGem);
            obs.Measure($"{at}.gem_minus_shuffled", g - shuffled, MarginBelowGem);
            obs.Measure($"{at}.gem.density", gem.Result.DensityGem);
            foreach (var (name, a) in new[] { ("re-initialised", reinit), ("shuffled in layer", shuffled) })
            {
                if (a > ChanceCeiling) failures.Add($"{at}: {name} keeps {a:P1} > 25%");
                if (g - a < MarginBelowGem) failures.Add($"{at}: gem − {name} = {100 * (g - a):F1} pts < 30");
            }
            bars.Add(new Series($"s={100 * s}%", [0, 1, 2], [100 * g, 100 * reinit, 100 * shuffled], SeriesStyle.Markers));
            step++;
        }
        obs.Add(new Figure("rg_sanity_at_init", "Sanity checks before fine-tuning (0 = gem, 1 = re-initialised weights, 2 = shuffled in layer)",
            "variant", "test accuracy (%)", bars));
        return obs.Decide(failures.Count == 0,
            "re-initialising the weights or shuffling the mask within layers destroys the gem's accuracy: the mask is tied to these weights",
            string.Join("; ", failures));
    }
}
