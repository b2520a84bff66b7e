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
    public sealed record Settings(SyntheticSplit Split, RateGrid Grid, double CurveTolerance = 1e-9) : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), RateGrid.Default);
    }

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
            var (aware, agnostic) = (experiment.Curve(loss, Grouping.QueryAware), experiment.Curve(loss, Grouping.QueryAgnostic));
            var perQuery = PerQueryLimit.All(experiment, loss);
            Func<double, double> combined = construction == Construction.Faithful
                ? DistortionRateCurve.InfimalConvolution([.. perQuery.Select(q => (q.Weight, q.Aware))]).Evaluate
                : r => perQuery.Sum(q => q.Weight * q.Aware.Evaluate(r));
            // a single query: aware = agnostic; all queries: aware = infimal convolution of the per-query curves, and
            // aware ≤ agnostic where the agnostic limit is finite; each check reports its worst (query and) rate
            obs.ExpectAll($"{l}.single-query.max-abs-aware-minus-agnostic", perQuery.SelectMany(q => q.AwareVersusAgnostic(rates)), within);
            obs.ExpectAll($"{l}.max-abs-aware-minus-combined-per-query", rates.Select(r => ($"r={r:G6}", PerQueryLimit.Distance(aware.Evaluate(r), combined(r)), 0.0)), within);
            obs.ExpectAll($"{l}.max-aware-minus-agnostic", rates.Where(r => double.IsFinite(agnostic.Evaluate(r)))
                .Select(r => ($"r={r:G6}", combined(r) - agnostic.Evaluate(r), 0.0)), Tolerance.AtMost(settings.CurveTolerance));
            obs.Add(PromptCompressionFigures.PerQuery(loss, perQuery, rates));
        }
        return obs.Conclude("aware = infimal convolution of the 7 per-query curves, aware ≤ agnostic, equality per single query (both losses)");
    }
}
