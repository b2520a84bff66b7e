// arXiv 2407.15504, §3.2 (the Lagrangian dual of the distortion-rate LP); spec §7 items 2 and 13.
using Verification.Core.Claims;
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Weak duality and the dual slope: g(λ) = Σ_u P(u) min_m (D_{u,m} + λ R_{u,m}) − λR never exceeds D*(R) for any
/// λ ≥ 0, and equals it at λ*(R), the slope of the active hull segment. Negative control: the Lagrangian with the
/// rate term's sign flipped (+λR).
/// </summary>
public sealed class WeakDuality : Claim
{
    public const double Slack = 1e-9;

    public override string Id => "PC.weak-duality";
    public override IReadOnlyList<string> DependsOn => ["PC.primal-equals-dual"];
    public override PaperRef Paper => PaperRef.PromptCompression;
    public override string Section => "§3.2 (dual LP); spec §7.2, §7.13";
    public override string Statement =>
        "For every λ ≥ 0 the dual objective g(λ) is at most D*(R), with equality at λ*(R), the slope of the active segment of the curve.";
    public override string NegativeControl => "the dual objective with the sign of the λR term flipped";

    public static IReadOnlyList<double> Lambdas()
    {
        var l = new List<double> { 0 };
        for (int k = -30; k <= 20; k++) l.Add(Math.Pow(10, k / 10.0));   // 1e-3 … 1e2, 10 per decade
        return l;
    }

    public static IReadOnlyList<double> Rates { get; } = [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0];

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>
    {
        ["rows"] = SyntheticExperiment.SplitFor(scale).RowsPerQuery * 7,
        ["lambdas"] = "0 and 10^(k/10), k = −30 … 20",
        ["rates"] = string.Join(", ", Rates),
        ["slack"] = Slack,
    };

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var experiment = SyntheticExperiment.For(context);
        double sign = construction == Construction.Faithful ? 1 : -1;
        var obs = new Observations();
        var failures = new List<string>();
        double worstGap = double.NegativeInfinity, worstTightness = 0;
        foreach (var loss in SyntheticExperiment.Losses)
        {
            foreach (var grouping in new[] { Grouping.QueryAgnostic, Grouping.QueryAware })
            {
                string name = SyntheticExperiment.Name(loss, grouping);
                var problem = experiment.Table(loss, grouping).Problem;
                var curve = experiment.Curve(loss, grouping);
                foreach (double rate in Rates)
                {
                    double dStar = curve.Evaluate(rate);
                    double best = double.NegativeInfinity;
                    foreach (double lambda in Lambdas())
                    {
                        double g = DualDistortionRate.DualObjective(problem, lambda, sign * rate);
                        best = Math.Max(best, g);
                        worstGap = Math.Max(worstGap, g - dStar);
                        if (g > dStar + Slack) failures.Add($"{name} R={rate}: g({lambda:G3}) = {g:G8} > D* = {dStar:G8}");
                    }
                    double atSlope = DualDistortionRate.DualObjective(problem, curve.DualSlope(rate), sign * rate);
                    double tight = Math.Abs(atSlope - dStar);
                    worstTightness = Math.Max(worstTightness, tight);
                    if (tight > 1e-9 * Math.Max(1, dStar)) failures.Add($"{name} R={rate}: g(λ*) = {atSlope:G8} ≠ D* = {dStar:G8}");
                    obs.Measure($"{name}.R={rate}.max-g-on-grid", best, dStar);
                }
            }
        }
        obs.Measure("max(g − D*)", worstGap, 0, Slack);
        obs.Measure("max|g(λ*) − D*|", worstTightness, 0, 1e-9);
        return obs.Decide(failures.Count == 0,
            $"g(λ) ≤ D*(R) on the whole λ grid (max g − D* = {worstGap:E2}) and g(λ*) = D* within {worstTightness:E1}",
            $"{failures.Count} violation(s), first: {failures.FirstOrDefault()}");
    }
}
