// arXiv 2407.15504, §3 (D* is a minimum over policies on M_x); spec §1 (candidate sets), §7 item 10.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Enlarging M_x from the subsequences of x to every shorter string plus x (the public release's choice) never
/// raises D*, for both settings and both losses. Negative control: the enlarged set built without x itself (the
/// rate-1 option the release adds by hand), which is not a superset and loses the uncompressed answer.
/// </summary>
public sealed class EnlargingCandidatesNeverRaisesLimit(SyntheticExperiments experiments)
    : SyntheticClaim<EnlargingCandidatesNeverRaisesLimit.Settings>(experiments)
{
    /// <param name="Grid">rates at which the two curves are compared</param>
    /// <param name="Slack">D*_all-shorter − D*_subsequences ≤ this (round-off)</param>
    /// <param name="GainRate">the rate at which the gain of the larger set is reported</param>
    public sealed record Settings(SyntheticSplit Split, RateGrid Grid, double Slack = 1e-12,
        double GainRate = 0.5) : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), RateGrid.Default);
    }

    public override string Id => "PC.enlarging-candidates-never-raises-limit";
    public override IReadOnlyList<string> DependsOn => ["PC.primal-equals-dual"];
    public override string Section => "§3; spec §1 (candidate set), §7.10";
    public override string Statement =>
        "D* over all shorter strings plus x is at most D* over the subsequences of x at every rate, for both settings and losses.";
    public override string NegativeControl => "the all-shorter candidate set built without the uncompressed prompt x";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var rates = settings.Grid.Rates();
        var obs = new Observations();
        foreach (var (loss, grouping, name) in SyntheticExperiment.Tables)
        {
            var small = experiment.Curve(loss, grouping);
            var table = experiment.Table(loss, grouping, CandidateKind.AllShorter);
            var problem = construction == Construction.Faithful ? table.Problem : WithoutPrompt(table);
            var large = DualDistortionRate.Compute(problem);
            // D*_all-shorter(R) ≤ D*_subsequences(R) at every rate where either is finite (the check reports the worst rate)
            obs.ExpectAll($"{name}.max-dstar-all-shorter-minus-dstar-subsequences", rates.Where(r => double.IsFinite(small.Evaluate(r)) || double.IsFinite(large.Evaluate(r)))
                .Select(r => ($"r={r:G6}", Rise(small.Evaluate(r), large.Evaluate(r)), 0.0)), Tolerance.AtMost(settings.Slack));
            obs.Measure($"{name}.r={settings.GainRate}.gain", small.Evaluate(settings.GainRate) - large.Evaluate(settings.GainRate));
            obs.Measure($"{name}.columns", problem.Columns);
        }
        return obs.Conclude("all-shorter D* ≤ subsequence D* at every rate (4 tables)");
    }

    /// <summary>D*_large − D*_small, with a NaN read as +∞.</summary>
    private static double Rise(double small, double large) => double.IsNaN(large - small) ? double.PositiveInfinity : large - small;

    /// <summary>The negative control's candidate sets: every group's set without the prompt x itself.</summary>
    private static RateDistortionProblem WithoutPrompt(DistortionTable table) =>
        new(table.Problem.Groups.Select((g, u) =>
        {
            var keep = Enumerable.Range(0, g.Count).Where(m => table.Candidates[u][m] != table.Prompts[u]).ToArray();
            return keep.Length == 0 ? g : new RdGroup(g.Weight, keep.Select(m => g.Rates[m]).ToArray(), keep.Select(m => g.Distortions[m]).ToArray());
        }).ToArray());
}
