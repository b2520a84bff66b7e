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
        double RelativeTolerance = AnswererBlackBoxLimits.RelativeTolerance, double OrderSlack = AnswererBlackBoxLimits.OrderSlack,
        double GapSlack = CompressorsAboveTheirLimit.Slack, double MidLow = CompressorsAboveTheirLimit.MidLow,
        double MidHigh = CompressorsAboveTheirLimit.MidHigh, double InfeasibleBelow = 0.01) : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), SyntheticScale.Answerer(scale),
            SyntheticScale.Compressors(scale), [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]);
    }

    public const double RelativeTolerance = 1e-6;
    public const double OrderSlack = 1e-12;

    public override string Id => "PC.answerer-black-box-limits";
    public override string Section => "§3, §5.1 (black box fine-tuned on uncompressed prompts); spec §4 (b)";
    public override string Statement =>
        "With a trained answerer as the black box, the primal LP equals the dual algorithm at every R ≥ R0, the query-aware limit is at most the query-agnostic one, and every compressor lies on or above its setting's limit.";
    public override string NegativeControl => "the LP's rate row written with the wrong sign (≥ R)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var box = experiment.Answerer(settings.Answerer);
        var agreement = Tolerance.Relative(settings.RelativeTolerance, settings.RelativeTolerance);
        var rateRow = construction == Construction.Faithful ? RateRow.AtMost : RateRow.AtLeast;
        var obs = new Observations();
        obs.Measure("answerer.final-train-loss", box.FinalLoss);
        obs.Measure("answerer.accuracy-uncompressed", experiment.Rows.Average(r => box.MostLikely(r.Key, r.Query) == r.Answer ? 1.0 : 0.0));
        foreach (var q in BinaryQueries.All)
            obs.Measure($"answerer.accuracy-uncompressed.{ReportName.Kebab(q.ToString())}", experiment.Rows.Where(r => r.Query == q).Average(r => box.MostLikely(r.Key, r.Query) == r.Answer ? 1.0 : 0.0));
        foreach (var loss in SyntheticExperiment.Losses)
        {
            var curves = new Dictionary<Grouping, DistortionRateCurve>();
            foreach (var grouping in new[] { Grouping.QueryAgnostic, Grouping.QueryAware })
            {
                string name = SyntheticExperiment.Name(loss, grouping);
                var problem = DistortionTable.Build(experiment.Rows, box, loss, grouping).Problem;
                var curve = curves[grouping] = DualDistortionRate.Compute(problem);
                var pruned = problem.PerRateMinima();
                var below = DistortionRateLp.TrySolve(pruned, Math.Max(0, curve.MinimumRate - settings.InfeasibleBelow), out _, rateRow);
                obs.Expect($"{name}.infeasible-below-r0", below == LpStatus.Infeasible, $"LP status {below} at R0 − {settings.InfeasibleBelow}");
                foreach (double r in settings.Rates)
                {
                    var status = DistortionRateLp.TrySolve(pruned, r, out var lp, rateRow);
                    double dual = curve.Evaluate(r);
                    obs.Expect($"{name}.r={r}.optimal", status == LpStatus.Optimal, $"LP status {status}");
                    if (status != LpStatus.Optimal) continue;
                    // strong duality on the answerer's table: primal = dual
                    obs.Expect($"{name}.r={r}", lp!.Value, dual, agreement);
                }
            }
            double worst = settings.Rates.Max(r => curves[Grouping.QueryAware].Evaluate(r) - curves[Grouping.QueryAgnostic].Evaluate(r));
            obs.ExpectAtMost($"{loss.ToCli()}.max-aware-minus-agnostic", worst, 0, settings.OrderSlack);
            // Figure 1 on the answerer's table: every method at its realized rate, on or above its setting's limit.
            var points = experiment.AnswererPoints(loss, settings.Answerer, settings.Compressors);
            foreach (var method in points.GroupBy(p => p.Method))
            {
                var limit = curves[method.First().QueryAware ? Grouping.QueryAware : Grouping.QueryAgnostic];
                var gaps = method.Select(p => (p.Rate, Gap: p.Distortion - CompressorsAboveTheirLimit.LimitAt(limit, p.Rate))).ToList();
                double minGap = gaps.Min(g => g.Gap);
                obs.ExpectAtLeast($"{loss.ToCli()}.compressor.{ReportName.Kebab(method.Key)}.min-gap", minGap, 0, settings.GapSlack);
                var mid = gaps.Where(g => g.Rate >= settings.MidLow && g.Rate <= settings.MidHigh).ToList();
                if (mid.Count > 0) obs.Measure($"{loss.ToCli()}.compressor.{ReportName.Kebab(method.Key)}.mid-rate-mean-gap", mid.Average(g => g.Gap));
            }
            obs.Add(CompressorsAboveTheirLimit.Figure1($"answerer-{loss.ToCli()}", loss, curves[Grouping.QueryAgnostic], curves[Grouping.QueryAware], points, "trained answerer"));
        }
        return obs.Conclude("primal = dual, aware ≤ agnostic and every compressor on or above its limit, on the answerer's tables (both losses)");
    }
}
