// arXiv 2407.15504, §3 (query-aware vs query-agnostic limits); spec §7 items 6 and 7.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// The query-aware limit is the infimal convolution of the per-query limits (min over Σ P(q) R_q ≤ R of
/// Σ P(q) D*_q(R_q)), lies at or below the query-agnostic limit, and equals it when there is a single query.
/// Negative control: combining the per-query curves by their P(q)-average at the same rate.
/// </summary>
public sealed class QueryAwareIsInfimalConvolution(SyntheticExperiments experiments)
    : SyntheticClaim<QueryAwareIsInfimalConvolution.Settings>(experiments)
{
    /// <param name="Grid">rates at which the curves are compared</param>
    /// <param name="CurveTolerance">absolute, on the curves (and the slack of aware ≤ agnostic)</param>
    public sealed record Settings(SyntheticSplit Split, RateGrid Grid, double CurveTolerance = QueryAwareIsInfimalConvolution.CurveTolerance)
        : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), RateGrid.Default);
    }

    public const double CurveTolerance = 1e-9;

    public override string Id => "PC.query-aware-is-infimal-convolution";
    public override IReadOnlyList<string> DependsOn => ["PC.primal-equals-dual"];
    public override string Section => "§3 (query-aware distortion-rate function); spec §7.6, §7.7";
    public override string Statement =>
        "D*_aware(R) equals the infimal convolution of the per-query curves, is at most D*_agnostic(R), and equals it when the data has a single query.";
    public override string NegativeControl => "per-query curves combined by their P(q)-weighted average at the same rate";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var rates = settings.Grid.Rates();
        var within = Tolerance.Absolute(settings.CurveTolerance);
        var obs = new Observations();
        foreach (var loss in SyntheticExperiment.Losses)
        {
            string l = loss.ToCli();
            var aware = experiment.Curve(loss, Grouping.QueryAware);
            var agnostic = experiment.Curve(loss, Grouping.QueryAgnostic);
            var perQuery = new List<(double Weight, DistortionRateCurve Curve)>();
            var series = new List<Series>();
            double worstSingle = 0;
            foreach (var q in BinaryQueries.All)
            {
                var rows = experiment.Rows.Where(r => r.Query == q).ToArray();
                var awareQ = DualDistortionRate.Compute(DistortionTable.Build(rows, experiment.Oracle, loss, Grouping.QueryAware).Problem);
                var agnosticQ = DualDistortionRate.Compute(DistortionTable.Build(rows, experiment.Oracle, loss, Grouping.QueryAgnostic).Problem);
                perQuery.Add((rows.Length / (double)experiment.Rows.Count, awareQ));
                foreach (double r in rates)
                {
                    double a = awareQ.Evaluate(r), b = agnosticQ.Evaluate(r);
                    double diff = double.IsPositiveInfinity(a) && double.IsPositiveInfinity(b) ? 0 : Math.Abs(a - b);
                    worstSingle = Math.Max(worstSingle, diff);
                }
                var xs = rates.Where(r => r >= awareQ.MinimumRate).Prepend(awareQ.MinimumRate).ToArray();
                series.Add(new Series(q.ToString(), xs, xs.Select(awareQ.Evaluate).ToArray()));
            }
            // a single query: aware = agnostic
            obs.Expect($"{l}.single-query.max-abs-aware-minus-agnostic", worstSingle, 0, within);

            Func<double, double> combined = construction == Construction.Faithful
                ? DistortionRateCurve.InfimalConvolution(perQuery).Evaluate
                : r => perQuery.Sum(p => p.Weight * p.Curve.Evaluate(r));
            double worstConvolution = 0, worstOrder = double.NegativeInfinity;
            foreach (double r in rates)
            {
                double direct = aware.Evaluate(r), merged = combined(r);
                double diff = double.IsPositiveInfinity(direct) && double.IsPositiveInfinity(merged) ? 0 : Math.Abs(direct - merged);
                if (double.IsNaN(diff)) diff = double.PositiveInfinity;
                worstConvolution = Math.Max(worstConvolution, diff);
                if (double.IsFinite(agnostic.Evaluate(r))) worstOrder = Math.Max(worstOrder, merged - agnostic.Evaluate(r));
            }
            // aware = infimal convolution of the per-query curves, and aware ≤ agnostic
            obs.Expect($"{l}.max-abs-aware-minus-combined-per-query", worstConvolution, 0, within);
            obs.ExpectAtMost($"{l}.max-aware-minus-agnostic", worstOrder, 0, settings.CurveTolerance);
            obs.Add(new Figure($"pc-per-query-{l}", $"Per-query limits D*_q(R), {l} loss (synthetic set)", "rate R",
                loss == Loss.Log ? "log loss (nats)" : "0/1 loss", series));
        }
        return obs.Conclude("aware = infimal convolution of the 7 per-query curves, aware ≤ agnostic, equality per single query (both losses)");
    }
}
