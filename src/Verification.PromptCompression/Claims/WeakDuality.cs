// arXiv 2407.15504, §3.2 (the Lagrangian dual of the distortion-rate LP); spec §7 items 2 and 13.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Weak duality and the dual slope: g(λ) = Σ_u P(u) min_m (D_{u,m} + λ R_{u,m}) − λR never exceeds D*(R) for any
/// λ ≥ 0, and equals it at λ*(R), the slope of the active hull segment. Negative control: the Lagrangian with the
/// rate term's sign flipped (+λR).
/// </summary>
public sealed class WeakDuality(SyntheticExperiments experiments) : SyntheticClaim(experiments)
{
    /// <summary>g(λ) ≤ D*(R) + Slack (round-off of the two sums).</summary>
    public const double Slack = 1e-9;

    /// <summary>|g(λ*) − D*| ≤ 1e-9·max(1, D*).</summary>
    public const double TightnessTolerance = 1e-9;

    public override string Id => "PC.weak-duality";
    public override IReadOnlyList<string> DependsOn => ["PC.primal-equals-dual"];
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
        ["rows"] = SyntheticExperiment.RowCount(scale),
        ["lambdas"] = "0 and 10^(k/10), k = −30 … 20",
        ["rates"] = string.Join(", ", Rates),
        ["slack"] = Slack,
    };

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var experiment = Experiment(context);
        double sign = construction == Construction.Faithful ? 1 : -1;
        var obs = new Observations();
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
                        best = Math.Max(best, DualDistortionRate.DualObjective(problem, lambda, sign * rate));
                    worstGap = Math.Max(worstGap, best - dStar);
                    double atSlope = DualDistortionRate.DualObjective(problem, curve.DualSlope(rate), sign * rate);
                    worstTightness = Math.Max(worstTightness, Math.Abs(atSlope - dStar));
                    using (obs.Case($"{name}.R={rate}"))
                    {
                        // weak duality: max over the λ grid of g(λ) ≤ D*(R); strong at λ*: g(λ*) = D*(R)
                        obs.ExpectAtMost("max-g-on-grid", best, dStar, Slack);
                        obs.Expect("g-at-slope-equals-D*", Tolerance.Relative(TightnessTolerance, TightnessTolerance).Accepts(dStar, atSlope),
                            $"g(λ*) = {atSlope:G10}, D* = {dStar:G10}");
                    }
                }
            }
        }
        obs.Measure("max(g − D*)", worstGap);
        obs.Measure("max|g(λ*) − D*|", worstTightness);
        return obs.Conclude($"g(λ) ≤ D*(R) on the whole λ grid (max g − D* = {worstGap:E2}) and g(λ*) = D* within {worstTightness:E1}");
    }
}
