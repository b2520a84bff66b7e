// arXiv 2407.15504, §3 and §5.1: the limits for a trained black box (CPU substitute (b) of spec §4).
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// With the trained TorchSharp answerer as the black box (instead of the exact oracle), GLOP and the dual algorithm
/// still agree (1e-6 relative) and the query-aware limit is at most the query-agnostic one; the answerer's accuracy on
/// uncompressed prompts and both limits at mid rates are reported. Negative control: the rate row with the wrong sign.
/// </summary>
public sealed class AnswererBlackBoxLimits(SyntheticExperiments experiments) : SyntheticClaim<AnswererBlackBoxLimits.Settings>(experiments)
{
    /// <param name="Answerer">training of the answerer (transformer encoder: query-token state + sum of bit states → answer head), tabulated over every string up to the split's maximum length</param>
    /// <param name="Compressors">training of the trained methods placed on the answerer's limits</param>
    /// <param name="Rates">rates at which primal and dual are compared</param>
    /// <param name="RelativeTolerance">relative, with the same absolute floor: |primal − dual| ≤ 1e-6·max(1, |dual|)</param>
    /// <param name="OrderSlack">aware − agnostic ≤ this (round-off)</param>
    /// <param name="GapSlack">a compressor's point may lie this far below its limit</param>
    /// <param name="MidLow">the mid-rate window [MidLow, MidHigh] of the reported mean gaps</param>
    /// <param name="InfeasibleBelow">the LP must be infeasible at R0 − this</param>
    public sealed record Settings(SyntheticSplit Split, AnswererConfig Answerer, TokenClassifierConfig Compressors, double[] Rates,
        double RelativeTolerance = 1e-6, double OrderSlack = 1e-12, double GapSlack = 1e-12, double MidLow = CompressorGaps.MidLow,
        double MidHigh = CompressorGaps.MidHigh, double InfeasibleBelow = 0.01) : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), SyntheticScale.Answerer(scale),
            SyntheticScale.Compressors(scale), [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]);
    }

    public override string Id => "PC.answerer-black-box-limits";
    public override string Section => "§3, §5.1 (black box fine-tuned on uncompressed prompts); spec §4 (b)";
    public override string Statement =>
        "With a trained answerer as the black box, the primal LP equals the dual algorithm at every R ≥ R0, the query-aware limit is at most the query-agnostic one, and every compressor lies on or above its setting's limit.";
    public override string NegativeControl => "the LP's rate row written with the wrong sign (≥ R)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var agreement = Tolerance.Relative(settings.RelativeTolerance, settings.RelativeTolerance);
        var rateRow = construction == Construction.Faithful ? RateRow.AtMost : RateRow.AtLeast;
        var obs = MeasureAnswerer(new Observations(), experiment, settings.Answerer);
        foreach (var loss in SyntheticExperiment.Losses)
        {
            foreach (var grouping in SyntheticExperiment.Groupings)
            {
                string name = SyntheticExperiment.Name(loss, grouping);
                var (problem, curve) = experiment.AnswererLimit(loss, grouping, settings.Answerer);
                var lp = PrimalDualComparison.Run(problem.PerRateMinima(), curve, rateRow, Math.Max(0, curve.MinimumRate - settings.InfeasibleBelow),
                    settings.Rates.Select(r => ($"r={r}", r)));
                // infeasible below R0; GLOP reaches an optimum above (a precondition); strong duality there: primal = dual
                obs.Expect($"{name}.infeasible-below-r0", lp.InfeasibleBelowR0, lp.BelowDetail);
                obs.AssumeAll($"{name}.lp-optimal", lp.Solved);
                foreach (var p in lp.Optimal) obs.Expect($"{name}.{p.At}", p.Primal, p.Dual, agreement);
            }
            string l = loss.ToCli();
            var agnostic = experiment.AnswererLimit(loss, Grouping.QueryAgnostic, settings.Answerer).Curve;
            var aware = experiment.AnswererLimit(loss, Grouping.QueryAware, settings.Answerer).Curve;
            // aware ≤ agnostic at every rate (the check reports the closest rate)
            obs.ExpectAll($"{l}.max-aware-minus-agnostic", settings.Rates, r => $"r={r}", r => aware.Evaluate(r) - agnostic.Evaluate(r), 0, Tolerance.AtMost(settings.OrderSlack));
            // Figure 1 on the answerer's tables: every method on or above its setting's limit at its realized rate (the check names the lowest point)
            var points = experiment.AnswererPoints(loss, settings.Answerer, settings.Compressors);
            foreach (var gaps in points.GroupBy(p => p.Method).Select(m => CompressorGaps.Of([.. m], agnostic, aware, settings.MidLow, settings.MidHigh)))
            {
                obs.ExpectAll($"{l}.compressor.{gaps.Key}.min-gap", gaps.Gaps, Tolerance.AtLeast(settings.GapSlack));
                if (gaps.MidRateGaps.Count > 0) obs.Measure($"{l}.compressor.{gaps.Key}.mid-rate-mean-gap", gaps.MidRateMeanGap);
            }
            obs.Add(PromptCompressionFigures.Figure1($"answerer-{l}", loss, agnostic, aware, points, "trained answerer"));
        }
        return obs.Conclude("primal = dual, aware ≤ agnostic and every compressor on or above its limit, on the answerer's tables (both losses)");
    }

    /// <summary>The answerer's final training loss and its accuracy on the uncompressed prompts, overall and per query (measured).</summary>
    private static Observations MeasureAnswerer(Observations obs, SyntheticExperiment experiment, AnswererConfig config)
    {
        var box = experiment.Answerer(config);
        double Accuracy(IEnumerable<PromptRow> rows) => rows.Average(r => box.MostLikely(r.Key, r.Query) == r.Answer ? 1.0 : 0.0);
        obs.Measure("answerer.final-train-loss", box.FinalLoss).Measure("answerer.accuracy-uncompressed", Accuracy(experiment.Rows));
        foreach (var q in BinaryQueries.All)
            obs.Measure($"answerer.accuracy-uncompressed.{ReportName.Kebab(q.ToString())}", Accuracy(experiment.Rows.Where(r => r.Query == q)));
        return obs;
    }
}
