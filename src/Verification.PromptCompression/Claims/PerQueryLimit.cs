// arXiv 2407.15504, §3 (query-aware distortion-rate function); spec §2 (per-query curves D*_q), §7 items 6 and 7.
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// The limits of the rows with one query q (weight P(q) = their share of the rows): query-aware and query-agnostic.
/// With a single query the two coincide (spec §7.6); the query-aware limit of all rows is the infimal convolution of
/// the aware ones (spec §7.7).
/// </summary>
public sealed record PerQueryLimit(BinaryQuery Query, double Weight, DistortionRateCurve Aware, DistortionRateCurve Agnostic)
{
    /// <summary>The query as a report name segment (count-ones, …).</summary>
    public string Name => Verification.Core.Claims.ReportName.Kebab(Query.ToString());

    /// <summary>One limit per query of <see cref="BinaryQueries.All"/>, on the experiment's rows and exact oracle, for <paramref name="loss"/>.</summary>
    public static IReadOnlyList<PerQueryLimit> All(SyntheticExperiment experiment, Loss loss) =>
        [.. BinaryQueries.All.Select(q =>
        {
            var rows = experiment.Rows.Where(r => r.Query == q).ToArray();
            var aware = DualDistortionRate.Compute(DistortionTable.Build(rows, experiment.Oracle, loss, Grouping.QueryAware).Problem);
            var agnostic = DualDistortionRate.Compute(DistortionTable.Build(rows, experiment.Oracle, loss, Grouping.QueryAgnostic).Problem);
            return new PerQueryLimit(q, rows.Length / (double)experiment.Rows.Count, aware, agnostic);
        })];

    /// <summary>(query and rate, |D*_q,aware(R) − D*_q,agnostic(R)|, 0) at each rate: the cases of "aware = agnostic for a single query".</summary>
    public IEnumerable<(string Case, double Measured, double Expected)> AwareVersusAgnostic(IEnumerable<double> rates) =>
        rates.Select(r => ($"{Name}.r={r:G6}", Distance(Aware.Evaluate(r), Agnostic.Evaluate(r)), 0.0));

    /// <summary>|a − b| of two curve values, 0 where both are +∞ (both infeasible) and +∞ for a NaN.</summary>
    public static double Distance(double a, double b)
    {
        double d = double.IsPositiveInfinity(a) && double.IsPositiveInfinity(b) ? 0 : Math.Abs(a - b);
        return double.IsNaN(d) ? double.PositiveInfinity : d;
    }
}
