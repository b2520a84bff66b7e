// Rare Gems (arXiv 2202.12002), §4 "pre-finetune accuracy" (Fig. 6, Table 3), spec §5 claim 2: the gem is accurate
// before any weight training, far above a random mask and SNIP at the same density.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>
/// GEM-MINER's gem is accurate before any weight training: at each density its test accuracy clears a fixed
/// threshold and beats a uniform random mask and SNIP by fixed margins (all one-sided checks, fixed in advance).
/// Negative control: iterative freezing that removes the largest scores.
/// </summary>
/// <remarks>
/// The thresholds: the spec sets 40% at 1%; the paper-scale densities 1.4% and 0.5% (added in issue #16, before any run
/// at them) fall in the same "below 2%" band and keep its 40% (four times chance): 1.4% lies between the spec's 2% and
/// 1%, and at 0.5% the bar is not lowered because the paper's own sparsest at-init figure, 45.3% at 0.59% on ResNet-20 /
/// CIFAR-10 (Table 3), is above it. The margins over random and SNIP do not depend on the density.
/// </remarks>
public sealed class GemAccurateAtInit(GemExperiments experiments) : GemClaim<GemAccurateAtInit.Settings>(experiments)
{
    /// <param name="AccuracyAt5">accuracy at init a gem of density ≥ 5% must reach; AccuracyAt2 at ≥ 2%, AccuracyBelow2 below (spec §5, fixed before the test split was looked at; see the remarks)</param>
    /// <param name="MarginOverRandom">gem − uniform random mask, in accuracy (0.30 = 30 points)</param>
    /// <param name="MarginOverSnip">gem − SNIP, in accuracy (0.20 = 20 points)</param>
    public sealed record Settings(RareGemsSettings Experiment, double AccuracyAt5 = 0.80, double AccuracyAt2 = 0.60, double AccuracyBelow2 = 0.40,
        double MarginOverRandom = GemAccurateAtInit.MarginOverRandom, double MarginOverSnip = GemAccurateAtInit.MarginOverSnip)
        : IClaimSettings<Settings>, IGemSettings
    {
        public static Settings For(Scale scale) => new(RareGemsSettings.For(scale));

        /// <summary>The accuracy at init required of a gem of <paramref name="density"/>.</summary>
        public double Threshold(double density) => density >= 0.05 ? AccuracyAt5 : density >= 0.02 ? AccuracyAt2 : AccuracyBelow2;

        public string Reported => Experiment.Imp is ImpConfig ? ReportedWithLightImp : ReportedWithWarmupImp;
    }

    public override string Id => "RG.gem-accurate-at-init";
    public override string Section => "§4, Fig. 6 and Table 3 (pre-finetune accuracy); spec §5 claim 2";
    public override string Statement =>
        "Before any weight training, GEM-MINER's mask classifies MNIST test digits at ≥ 80% for density ≥ 5%, ≥ 60% for ≥ 2% and ≥ 40% below 2%, " +
        "at least 30 points above a uniform random mask and 20 points above SNIP at the same density (the gem's, within 10% of the target).";
    public override string NegativeControl =>
        "GEM-MINER whose iterative freezing removes the largest scores instead of the smallest (the code's inverted sanity check).";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var (experiment, densities) = (Experiment(context, settings), settings.Experiment.Densities);
        var freshWeights = experiment.FreshWeights(context.DeriveSeed("rg.reinit.0"));   // drawn once, shared by every density
        var results = densities.Select((s, k) => GemAtInitExperiment.Compare(experiment, s, Rule(construction), context, freshWeights,
            f => context.Report((k + 0.8 * f) / densities.Count))).ToList();
        var obs = new Observations();
        foreach (var (s, r) in densities.Zip(results))
        {
            string at = $"s={s}";
            foreach (var (method, accuracy) in r.Accuracy) obs.Measure($"{at}.{GemLabels.Key(method)}.acc-at-init", accuracy);
            obs.Measure($"{at}.imp.acc-on-fresh-weights", r.ImpOnFreshWeights);
            if (r is { ImpAtRewind: { } rewind, ImpKeptSignAgreement: { } signs })   // IMP with warm-up only
                obs.Measure($"{at}.imp.acc-at-rewind", rewind).Measure($"{at}.imp.kept-sign-agreement-rewind-vs-init", signs);
            obs.Measure($"{at}.gem.flags-density", r.Gem.DensityFlags).Measure($"{at}.gem.collapsed-layers", r.Gem.CollapsedLayers.Count).Measure($"{at}.comparators.density", r.ComparedAt);
            GemFigures.MeasureLambda(obs, at, experiment.Lambda(s, context));
            foreach (var (l, d) in r.Gem.LayerDensityGem.Index()) obs.Measure($"{at}.gem.layer{l}.density", d);
            foreach (var (l, d) in r.ImpLayerDensity.Index()) obs.Measure($"{at}.imp.layer{l}.density", d);
            obs.Measure($"{at}.gem-minus-edgepopup", r["GEM-MINER"] - r["edge-popup"]).Measure($"{at}.gem-minus-imp", r["GEM-MINER"] - r["IMP"]);
            using (obs.Case(at))
            {
                // Spec §5 claim 2: no layer collapses; acc ≥ threshold(s); gem − random ≥ 30 pts; gem − SNIP ≥ 20 pts.
                obs.Expect("no-layer-collapse", !r.Gem.Collapsed, $"collapsed layers [{string.Join(",", r.Gem.CollapsedLayers)}], gem density {r.Gem.DensityGem:P2}")
                    .Expect("gem.density", r.Gem.DensityGem, s, Tolerance.Relative(settings.Experiment.DensityTolerance))
                    .ExpectAtLeast($"{GemLabels.Key("GEM-MINER")}.acc-at-init", r["GEM-MINER"], settings.Threshold(s))
                    .ExpectAtLeast("gem-minus-random", r["GEM-MINER"] - r["uniform random"], settings.MarginOverRandom)
                    .ExpectAtLeast("gem-minus-snip", r["GEM-MINER"] - r["SNIP"], settings.MarginOverSnip);
            }
        }
        obs.Add(GemFigures.AccuracyAtInit(densities, results)).Add(GemFigures.LayerDensity(settings.Experiment, densities, results));
        return obs.Conclude($"the gem is accurate at init at every density ({string.Join("; ", densities.Zip(results, (s, r) =>
            $"{GemLabels.PercentText(s)}: {r["GEM-MINER"]:P1} vs random {r["uniform random"]:P1}, SNIP {r["SNIP"]:P1}"))})");
    }

    public const double MarginOverRandom = 0.30;
    public const double MarginOverSnip = 0.20;

    /// <summary>What is measured beside the checks (added after the thresholds were fixed), with light IMP and with IMP with warm-up.</summary>
    public const string ReportedWithLightImp =
        "Smart Ratio, SynFlow, edge-popup and light IMP at init, light IMP's mask also on fresh signed-constant weights " +
        "(measured; added after the thresholds were fixed); seed 0 of the paired seeds";

    /// <inheritdoc cref="ReportedWithLightImp"/>
    public const string ReportedWithWarmupImp =
        "Smart Ratio, SynFlow, edge-popup and IMP with warm-up (its mask on the init weights, on fresh signed-constant weights " +
        "and on its rewind weights θ_k, and the share of its kept weights whose θ_k sign is the init sign) at init " +
        "(measured; added after the thresholds were fixed); seed 0 of the paired seeds";
}
