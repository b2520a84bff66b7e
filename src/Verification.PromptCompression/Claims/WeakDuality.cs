// arXiv 2407.15504, §3.2 (the Lagrangian dual of the distortion-rate LP); spec §7 items 2 and 13.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Weak duality and the dual slope: g(λ) = Σ_u P(u) min_m (D_{u,m} + λ R_{u,m}) − λR never exceeds D*(R) for any
/// λ ≥ 0, and equals it at λ*(R), the slope of the active hull segment. Negative control: the Lagrangian with the
/// rate term's sign flipped (+λR).
/// </summary>
public sealed class WeakDuality(SyntheticExperiments experiments) : SyntheticClaim<WeakDuality.Settings>(experiments)
{
    /// <param name="Rates">rates R at which g(λ) is compared with D*(R)</param>
    /// <param name="LambdaPerDecade">the λ grid is 0 and 10^(k/LambdaPerDecade) for k from LambdaFromDecade·LambdaPerDecade to LambdaToDecade·LambdaPerDecade</param>
    /// <param name="Slack">g(λ) ≤ D*(R) + Slack (round-off of the two sums)</param>
    /// <param name="TightnessTolerance">|g(λ*) − D*| ≤ TightnessTolerance·max(1, D*)</param>
    public sealed record Settings(SyntheticSplit Split, double[] Rates, int LambdaFromDecade = -3, int LambdaToDecade = 2,
        int LambdaPerDecade = 10, double Slack = WeakDuality.Slack, double TightnessTolerance = WeakDuality.TightnessTolerance)
        : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]);

        /// <summary>0 and 10^(k/LambdaPerDecade): 1e-3 … 1e2, 10 per decade by default.</summary>
        public IReadOnlyList<double> Lambdas()
        {
            var l = new List<double> { 0 };
            for (int k = LambdaFromDecade * LambdaPerDecade; k <= LambdaToDecade * LambdaPerDecade; k++) l.Add(Math.Pow(10, k / (double)LambdaPerDecade));
            return l;
        }
    }

    public const double Slack = 1e-9;
    public const double TightnessTolerance = 1e-9;

    public override string Id => "PC.weak-duality";
    public override IReadOnlyList<string> DependsOn => ["PC.primal-equals-dual"];
    public override string Section => "§3.2 (dual LP); spec §7.2, §7.13";
    public override string Statement =>
        "For every λ ≥ 0 the dual objective g(λ) is at most D*(R), with equality at λ*(R), the slope of the active segment of the curve.";
    public override string NegativeControl => "the dual objective with the sign of the λR term flipped";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var lambdas = settings.Lambdas();
        double sign = construction == Construction.Faithful ? 1 : -1;
        var obs = new Observations();
        double worstGap = double.NegativeInfinity, worstTightness = 0;
        foreach (var (loss, grouping, name) in SyntheticExperiment.Tables)
        {
            var problem = experiment.Table(loss, grouping).Problem;
            var curve = experiment.Curve(loss, grouping);
            foreach (double rate in settings.Rates)
            {
                double dStar = curve.Evaluate(rate);
                double best = double.NegativeInfinity;
                foreach (double lambda in lambdas)
                    best = Math.Max(best, DualDistortionRate.DualObjective(problem, lambda, sign * rate));
                worstGap = Math.Max(worstGap, best - dStar);
                double atSlope = DualDistortionRate.DualObjective(problem, curve.DualSlope(rate), sign * rate);
                worstTightness = Math.Max(worstTightness, Math.Abs(atSlope - dStar));
                using (obs.Case($"{name}.r={rate}"))
                {
                    // weak duality: max over the λ grid of g(λ) ≤ D*(R); strong at λ*: g(λ*) = D*(R)
                    obs.ExpectAtMost("max-g-on-grid", best, dStar, settings.Slack);
                    obs.Expect("g-at-slope-equals-dstar", Tolerance.Relative(settings.TightnessTolerance, settings.TightnessTolerance).Accepts(dStar, atSlope),
                        $"g(λ*) = {atSlope:G10}, D* = {dStar:G10}");
                }
            }
        }
        obs.Measure("max-g-minus-dstar", worstGap);
        obs.Measure("max-abs-g-at-lambda-star-minus-dstar", worstTightness);
        return obs.Conclude($"g(λ) ≤ D*(R) on the whole λ grid (max g − D* = {worstGap:E2}) and g(λ*) = D* within {worstTightness:E1}");
    }
}
