// arXiv 2407.15504, §6, Figure 1 (Adaptive QuerySelect is the only method below the query-agnostic optimum).
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Adaptive QuerySelect with ideal query-dependent labels has a point below the query-agnostic limit at its realized
/// rate, by at least 10% of that limit's range, for log and 0/1 loss. Negative control: the same thresholding on
/// query-agnostic labels, which makes it a query-agnostic method (it can then never beat the agnostic limit).
/// </summary>
public sealed class AdaptiveQuerySelectBelowAgnosticLimit(SyntheticExperiments experiments)
    : SyntheticClaim<AdaptiveQuerySelectBelowAgnosticLimit.Settings>(experiments)
{
    /// <param name="Compressors">training of the query classifier behind the measured (not deciding) trained variant</param>
    /// <param name="MinRelativeMargin">below the agnostic limit by at least this fraction of its range D*(R0) − D*(1)</param>
    public sealed record Settings(SyntheticSplit Split, TokenClassifierConfig Compressors,
        double MinRelativeMargin = 0.10) : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), SyntheticScale.Compressors(scale));

        /// <summary>The thresholds Adaptive QuerySelect sweeps (fixed by <see cref="PromptCompressor.TargetRatios"/>).</summary>
        public IReadOnlyList<double> Thresholds => PromptCompressor.TargetRatios;

        public string Labels => $"ideal (decides); a TorchSharp token classifier ({Network}) trained on the labels is measured alongside";

        private string Network => Compressors.Architecture == CompressorArchitecture.Transformer
            ? $"{TokenClassifierTransformer.Layers}-block transformer encoder" : "embedding + BiGRU";
    }

    public override string Id => "PC.adaptive-queryselect-below-agnostic-limit";
    public override IReadOnlyList<string> DependsOn => ["PC.compressors-above-their-limit"];
    public override string Section => "§5–§6, Figure 1";
    public override string Statement =>
        "Adaptive QuerySelect (ideal labels) has a point below the query-agnostic limit at its realized rate, by at least 10% of that limit's range, for both losses.";
    public override string NegativeControl => "Adaptive QuerySelect thresholding query-agnostic labels (first bit of every run)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var method = construction == Construction.Faithful ? AdaptiveQuerySelect.Ideal() : AdaptiveQuerySelect.WithAgnosticLabels();
        var obs = new Observations();
        foreach (var loss in SyntheticExperiment.Losses)
        {
            string l = loss.ToCli();
            var agnostic = experiment.Curve(loss, Grouping.QueryAgnostic);
            var best = CompressorGaps.FurthestBelow(agnostic, CompressorEvaluation.Evaluate(method, experiment.Rows, experiment.Oracle, loss));
            obs.Expect($"{l}.has-feasible-point", best is not null, "a point at a rate ≥ the agnostic R0");
            if (best is not { } b) continue;
            obs.Measure($"{l}.best-point.rate", b.Point.Rate).Measure($"{l}.best-point.distortion", b.Point.Distortion).Measure($"{l}.agnostic-limit-at-rate", b.Limit);
            // below the agnostic limit by at least 10% of its range D*(R0) − D*(1)
            obs.ExpectAtLeast($"{l}.margin-below-agnostic", b.Margin, settings.MinRelativeMargin * (agnostic.DistortionAtMinimumRate - agnostic.SaturationDistortion));
        }
        string trained = construction == Construction.Faithful ? MeasureTrainedClassifier(obs, experiment, settings) : "";
        return obs.Conclude(
            "Adaptive QuerySelect (ideal labels) beats the query-agnostic limit by ≥ 10% of its range at its realized rate (both losses)" + trained);
    }

    /// <summary>
    /// Measured, not decided (issue: report either outcome): the same method with the trained query classifier, its
    /// best point and margin per loss; returns the sentence the holding reason appends.
    /// </summary>
    private static string MeasureTrainedClassifier(Observations obs, SyntheticExperiment experiment, Settings settings)
    {
        var classifier = experiment.QueryClassifier(settings.Compressors);
        var learned = new AdaptiveQuerySelect("Adaptive QuerySelect (trained classifier)", true, classifier.Probabilities);
        obs.Measure("trained.final-train-loss", classifier.FinalLoss);
        string said = "";
        foreach (var loss in SyntheticExperiment.Losses)
        {
            var agnostic = experiment.Curve(loss, Grouping.QueryAgnostic);
            double range = agnostic.DistortionAtMinimumRate - agnostic.SaturationDistortion;
            var best = CompressorGaps.FurthestBelow(agnostic, CompressorEvaluation.Evaluate(learned, experiment.Rows, experiment.Oracle, loss))!.Value;
            obs.Measure($"trained.{loss.ToCli()}.best-point.rate", best.Point.Rate);
            obs.Measure($"trained.{loss.ToCli()}.margin-below-agnostic", best.Margin);
            said += $"; trained classifier, {loss.ToCli()}: margin {best.Margin:G3} at R = {best.Point.Rate:F3} " +
                (best.Margin >= settings.MinRelativeMargin * range ? "(also beats it)" : "(does not beat it by the margin)");
        }
        return said;
    }
}
