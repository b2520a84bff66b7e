// arXiv 2407.15504, §3 and §5.1: the limits for a trained black box (CPU substitute (b) of spec §4).
using Verification.Core.Claims;
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
public sealed class AnswererBlackBoxLimits : Claim
{
    public const double RelativeTolerance = 1e-6;

    public override string Id => "PC.answerer-black-box-limits";
    public override PaperRef Paper => PaperRef.PromptCompression;
    public override string Section => "§3, §5.1 (black box fine-tuned on uncompressed prompts); spec §4 (b)";
    public override string Statement =>
        "With a trained answerer as the black box, the primal LP equals the dual algorithm at every R ≥ R0, the query-aware limit is at most the query-agnostic one, and every compressor lies on or above its setting's limit.";
    public override string NegativeControl => "the LP's rate row written with the wrong sign (≥ R)";

    public static IReadOnlyList<double> Rates { get; } = [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0];

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>
    {
        ["rows"] = SyntheticExperiment.SplitFor(scale).RowsPerQuery * 7,
        ["answerer"] = "transformer encoder (2 layers, d = 32, 4 heads, learned positions; query-token state + sum of bit states → answer head), trained on 2,100 uncompressed synthetic prompts of lengths 2–10 at CI, tabulated over every string ≤ 10",
        ["rates"] = string.Join(", ", Rates),
        ["relative tolerance"] = RelativeTolerance,
    };

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var experiment = SyntheticExperiment.For(context);
        var box = experiment.Answerer;
        var rateRow = construction == Construction.Faithful ? RateRow.AtMost : RateRow.AtLeast;
        var obs = new Observations();
        var failures = new List<string>();
        obs.Measure("answerer.final-train-loss", box.FinalLoss);
        obs.Measure("answerer.accuracy-uncompressed", experiment.Rows.Average(r => box.MostLikely(r.Key, r.Query) == r.Answer ? 1.0 : 0.0));
        foreach (var q in BinaryQueries.All)
            obs.Measure($"answerer.accuracy-uncompressed.{q}", experiment.Rows.Where(r => r.Query == q).Average(r => box.MostLikely(r.Key, r.Query) == r.Answer ? 1.0 : 0.0));
        foreach (var loss in SyntheticExperiment.Losses)
        {
            var curves = new Dictionary<Grouping, DistortionRateCurve>();
            foreach (var grouping in new[] { Grouping.QueryAgnostic, Grouping.QueryAware })
            {
                string name = SyntheticExperiment.Name(loss, grouping);
                var problem = DistortionTable.Build(experiment.Rows, box, loss, grouping).Problem;
                var curve = curves[grouping] = DualDistortionRate.Compute(problem);
                var pruned = problem.PerRateMinima();
                if (DistortionRateLp.TrySolve(pruned, Math.Max(0, curve.MinimumRate - 0.01), out _, rateRow) != LpStatus.Infeasible)
                    failures.Add($"{name}: LP feasible below R0");
                foreach (double r in Rates)
                {
                    var status = DistortionRateLp.TrySolve(pruned, r, out var lp, rateRow);
                    double dual = curve.Evaluate(r);
                    if (status != LpStatus.Optimal) { failures.Add($"{name} R={r}: LP {status}"); continue; }
                    obs.Measure($"{name}.R={r}", lp!.Value, dual, RelativeTolerance);
                    if (Math.Abs(lp.Value - dual) > RelativeTolerance * Math.Max(1, Math.Abs(dual)))
                        failures.Add($"{name} R={r}: primal {lp.Value:G8} vs dual {dual:G8}");
                }
            }
            double worst = Rates.Max(r => curves[Grouping.QueryAware].Evaluate(r) - curves[Grouping.QueryAgnostic].Evaluate(r));
            obs.Measure($"{loss.ToCli()}.max(aware − agnostic)", worst, 0);
            if (worst > 1e-12) failures.Add($"{loss.ToCli()}: aware exceeds agnostic by {worst:G4}");
            // Figure 1 on the answerer's table: every method at its realized rate, on or above its setting's limit.
            var points = experiment.AnswererPoints(loss);
            foreach (var method in points.GroupBy(p => p.Method))
            {
                var limit = curves[method.First().QueryAware ? Grouping.QueryAware : Grouping.QueryAgnostic];
                var gaps = method.Select(p => (p.Rate, Gap: p.Distortion - CompressorsAboveTheirLimit.LimitAt(limit, p.Rate))).ToList();
                double minGap = gaps.Min(g => g.Gap);
                obs.Measure($"{loss.ToCli()}.compressor.{method.Key}.min-gap", minGap, 0);
                var mid = gaps.Where(g => g.Rate >= CompressorsAboveTheirLimit.MidLow && g.Rate <= CompressorsAboveTheirLimit.MidHigh).ToList();
                if (mid.Count > 0) obs.Measure($"{loss.ToCli()}.compressor.{method.Key}.mid-rate-mean-gap", mid.Average(g => g.Gap));
                if (minGap < -CompressorsAboveTheirLimit.Slack) failures.Add($"{loss.ToCli()}: {method.Key} below its limit by {-minGap:G4}");
            }
            obs.Add(CompressorsAboveTheirLimit.Figure1($"answerer-{loss.ToCli()}", loss, curves[Grouping.QueryAgnostic], curves[Grouping.QueryAware], points, "trained answerer"));
        }
        return obs.Decide(failures.Count == 0,
            "primal = dual, aware ≤ agnostic and every compressor on or above its limit, on the answerer's tables (both losses)",
            $"{failures.Count} failure(s), first: {failures.FirstOrDefault()}");
    }
}
