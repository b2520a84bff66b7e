// Rare Gems (arXiv 2202.12002), §4 "pre-finetune accuracy" (Fig. 6, Table 3), spec §5 claim 2: the gem is accurate
// before any weight training, far above a random mask and SNIP at the same density.
using Verification.Core.Runtime;
using Verification.Core.Claims;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>
/// GEM-MINER's gem is accurate before any weight training: at each density its test accuracy clears a fixed
/// threshold and beats a uniform random mask and SNIP by fixed margins (all one-sided checks, fixed in advance).
/// Negative control: iterative freezing that removes the largest scores.
/// </summary>
public sealed class GemAccurateAtInit(GemExperiments experiments) : GemClaim<GemAccurateAtInit.Settings>(experiments)
{
    /// <param name="AccuracyAt5">accuracy at init a gem of density ≥ 5% must reach; AccuracyAt2 at ≥ 2%, AccuracyBelow2 below (spec §5, fixed before the test split was looked at)</param>
    /// <remarks>
    /// The spec sets 40% at 1%; the paper-scale densities 1.4% and 0.5% (added in issue #16, before any run at them) fall
    /// in the same "below 2%" band and keep its 40% (four times chance): 1.4% lies between the spec's 2% and 1%, and at
    /// 0.5% the bar is not lowered because the paper's own sparsest at-init figure, 45.3% at 0.59% on ResNet-20 /
    /// CIFAR-10 (Table 3), is above it. The margins over random and SNIP do not depend on the density.
    /// </remarks>
    /// <param name="MarginOverRandom">gem − uniform random mask, in accuracy (0.30 = 30 points)</param>
    /// <param name="MarginOverSnip">gem − SNIP, in accuracy (0.20 = 20 points)</param>
    public sealed record Settings(RareGemsSettings Experiment, double AccuracyAt5 = 0.80, double AccuracyAt2 = 0.60, double AccuracyBelow2 = 0.40,
        double MarginOverRandom = GemAccurateAtInit.MarginOverRandom, double MarginOverSnip = GemAccurateAtInit.MarginOverSnip)
        : IClaimSettings<Settings>, IGemSettings
    {
        public static Settings For(Scale scale) => new(RareGemsSettings.For(scale));

        /// <summary>The accuracy at init required of a gem of <paramref name="density"/>.</summary>
        public double Threshold(double density) => density >= 0.05 ? AccuracyAt5 : density >= 0.02 ? AccuracyAt2 : AccuracyBelow2;

        public string Reported => Experiment.Imp is ImpConfig
            ? "Smart Ratio, SynFlow, edge-popup and light IMP at init, light IMP's mask also on fresh signed-constant weights " +
              "(measured; added after the thresholds were fixed); seed 0 of the paired seeds"
            : "Smart Ratio, SynFlow, edge-popup and IMP with warm-up (its mask on the init weights, on fresh signed-constant weights " +
              "and on its rewind weights θ_k, and the share of its kept weights whose θ_k sign is the init sign) at init " +
              "(measured; added after the thresholds were fixed); seed 0 of the paired seeds";
    }

    public const double MarginOverRandom = 0.30;
    public const double MarginOverSnip = 0.20;

    public override string Id => "RG.gem-accurate-at-init";
    public override string Section => "§4, Fig. 6 and Table 3 (pre-finetune accuracy); spec §5 claim 2";
    public override string Statement =>
        "Before any weight training, GEM-MINER's mask classifies MNIST test digits at ≥ 80% for density ≥ 5%, ≥ 60% for ≥ 2% and ≥ 40% below 2%, " +
        "at least 30 points above a uniform random mask and 20 points above SNIP at the same density.";
    public override string NegativeControl =>
        "GEM-MINER whose iterative freezing removes the largest scores instead of the smallest (the code's inverted sanity check).";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        TorchRuntime.Initialize();
        var experiment = Experiment(context, settings);
        var densities = settings.Experiment.Densities;
        var rule = Rule(construction);
        var (train, _, _) = experiment.Data();
        var obs = new Observations();
        var series = new Dictionary<string, List<double>>();
        int step = 0;
        var gemAccuracy = new List<string>();
        var layerSeries = new List<Series>();
        var freshWeights = experiment.FreshWeights(context.DeriveSeed("rg.reinit.0"));   // drawn once, shared by every density
        foreach (var s in densities)
        {
            var gem = experiment.Mine(s, context.DeriveSeed("rg.init.0"), context.DeriveSeed("rg.batches.0"), rule,
                f => context.Report((step + 0.8 * f) / densities.Count));
            var acc = new Dictionary<string, double>
            {
                ["GEM-MINER"] = experiment.AccuracyAtInit(gem.InitWeights, gem.Gem),
                ["uniform random"] = experiment.AccuracyAtInit(gem.InitWeights,
                    Comparators.UniformRandom(gem.InitWeights, s, context.DeriveSeed("rg.random.0"))),
                ["SNIP"] = experiment.AccuracyAtInit(gem.InitWeights, Comparators.Snip(gem.InitWeights, train, s)),
                ["Smart Ratio"] = experiment.AccuracyAtInit(gem.InitWeights,
                    Comparators.SmartRatio(gem.InitWeights, s, context.DeriveSeed("rg.smartratio.0"))),
                ["SynFlow"] = experiment.AccuracyAtInit(gem.InitWeights, Comparators.SynFlow(gem.InitWeights, s)),
                // Reported, not gating: edge-popup was added after the thresholds were fixed.
                ["edge-popup"] = experiment.AccuracyAtInit(gem.InitWeights,
                    experiment.EdgePopupMask(s, context.DeriveSeed("rg.init.0"), context.DeriveSeed("rg.edgepopup.0"))),
            };
            // Reported, not gating (a reference added after the thresholds were fixed): IMP's mask on the init weights, like
            // every other mask here; IMP with warm-up also on its rewind weights θ_k (k steps of dense training: not "at init").
            var ticket = experiment.Imp(s, gem.InitWeights, context.DeriveSeed("rg.init.0"), context.DeriveSeed("rg.imp.0"));
            var imp = ticket.Mask;
            acc["IMP"] = experiment.AccuracyAtInit(gem.InitWeights, imp);
            // Why IMP's mask is accurate on the init weights (the "supermask" effect, Zhou et al. 2019): the same mask on
            // freshly drawn signed-constant weights (the seed of RG.mask-tied-to-weights' re-initialisation) and, with
            // warm-up, the share of its kept weights whose sign at θ_k is still the init sign.
            obs.Measure($"s={s}.imp.acc-on-fresh-weights", experiment.AccuracyAtInit(freshWeights, imp));
            if (settings.Experiment.Imp is ImpWithWarmupConfig)
            {
                obs.Measure($"s={s}.imp.acc-at-rewind", experiment.AccuracyAtInit(ticket.Weights, imp));
                obs.Measure($"s={s}.imp.kept-sign-agreement-rewind-vs-init", KeptSignAgreement(imp, ticket.Weights, gem.InitWeights));
            }
            var impLayers = imp.Select(m => m.to(ScalarType.Float64).mean().item<double>()).ToArray();
            string at = $"s={s}";
            foreach (var (name, a) in acc)
            {
                obs.Measure($"{at}.{Key(name)}.acc-at-init", a);
                series.TryAdd(name, []);
                series[name].Add(100 * a);
            }
            obs.Measure($"{at}.gem.density", gem.Result.DensityGem);
            obs.Measure($"{at}.gem.flags-density", gem.Result.DensityFlags);
            obs.Measure($"{at}.gem.collapsed-layers", gem.Result.CollapsedLayers.Count);
            for (int l = 0; l < gem.Result.LayerDensityGem.Count; l++) obs.Measure($"{at}.gem.layer{l}.density", gem.Result.LayerDensityGem[l]);
            for (int l = 0; l < impLayers.Length; l++) obs.Measure($"{at}.imp.layer{l}.density", impLayers[l]);
            double[] layers = [.. Enumerable.Range(1, gem.Result.LayerDensityGem.Count).Select(l => (double)l)];
            layerSeries.Add(new Series($"gem r(p)⊙q, s={Percent(s)}%", layers, gem.Result.LayerDensityGem.Select(d => 100 * d).ToArray(), SeriesStyle.LineWithMarkers));
            layerSeries.Add(new Series($"flags q, s={Percent(s)}%", layers, gem.Result.LayerDensityFlags.Select(d => 100 * d).ToArray(), SeriesStyle.Dashed));
            layerSeries.Add(new Series($"IMP ({settings.Experiment.Imp.Describe()}), s={Percent(s)}%", layers, impLayers.Select(d => 100 * d).ToArray(), SeriesStyle.LineWithMarkers));
            layerSeries.Add(new Series($"Smart Ratio, s={Percent(s)}%", layers,
                Baselines.SmartRatios(settings.Experiment.Widths, s).Select(d => 100 * d).ToArray(), SeriesStyle.Markers));
            double g = acc["GEM-MINER"];
            gemAccuracy.Add($"{PercentText(s)}: {g:P1} vs random {acc["uniform random"]:P1}, SNIP {acc["SNIP"]:P1}");
            obs.Measure($"{at}.gem-minus-edgepopup", g - acc["edge-popup"]);
            obs.Measure($"{at}.gem-minus-imp", g - acc["IMP"]);
            using (obs.Case(at))
            {
                // Spec §5 claim 2: no layer collapses; acc ≥ threshold(s); gem − random ≥ 30 pts; gem − SNIP ≥ 20 pts.
                obs.Expect("no-layer-collapse", !gem.Result.Collapsed,
                    $"collapsed layers [{string.Join(",", gem.Result.CollapsedLayers)}], gem density {gem.Result.DensityGem:P2}");
                obs.ExpectAtLeast($"{Key("GEM-MINER")}.acc-at-init", g, settings.Threshold(s));
                obs.ExpectAtLeast("gem-minus-random", g - acc["uniform random"], settings.MarginOverRandom);
                obs.ExpectAtLeast("gem-minus-snip", g - acc["SNIP"], settings.MarginOverSnip);
            }
            step++;
        }
        var x = densities.Select(d => 100 * d).ToArray();
        obs.Add(new Figure("rg-accuracy-at-init", "Test accuracy before any weight training vs density",
            "target density (%)", "test accuracy (%)",
            series.Select(kv => new Series(kv.Key, x, kv.Value, SeriesStyle.LineWithMarkers)).ToArray(), LogX: true));
        obs.Add(new Figure("rg-layer-density", $"Per-layer density of the gem (before fine-tuning), its flags q, {(settings.Experiment.Imp is ImpConfig ? "light IMP" : "IMP with warm-up")} and Smart Ratio",
            "layer (1 = 784→300, 3 = classifier)", "density (%)", layerSeries));
        return obs.Conclude($"the gem is accurate at init at every density ({string.Join("; ", gemAccuracy)})");
    }

    /// <summary>
    /// The share of the weights kept by <paramref name="mask"/> whose sign in <paramref name="weights"/> equals their
    /// sign in <paramref name="init"/> (a zero weight agrees only with a zero); 1 when every kept weight kept its sign.
    /// </summary>
    /// <exception cref="ArgumentException">the mask keeps no weight, or the three lists differ in layer count</exception>
    public static double KeptSignAgreement(IReadOnlyList<Tensor> mask, IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> init)
    {
        if (mask.Count != weights.Count || mask.Count != init.Count)
            throw new ArgumentException($"mask, weights and init must have one tensor per layer ({mask.Count}, {weights.Count}, {init.Count})");
        double kept = 0, same = 0;
        for (int l = 0; l < mask.Count; l++)
        {
            using var on = mask[l].ne(0);
            using var agree = weights[l].sign().eq(init[l].sign());
            using var both = agree.logical_and(on);
            kept += on.sum().item<long>();
            same += both.sum().item<long>();
        }
        if (kept == 0) throw new ArgumentException("the mask keeps no weight", nameof(mask));
        return same / kept;
    }

    /// <summary>A method's name as a kebab-case measurement key ("uniform random" → "uniform-random").</summary>
    internal static string Key(string method) => method.ToLowerInvariant().Replace(' ', '-');
}
