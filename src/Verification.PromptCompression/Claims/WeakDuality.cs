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
        int LambdaPerDecade = 10, double Slack = 1e-9, double TightnessTolerance = 1e-9)
        : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]);

        /// <summary>0 and 10^(k/LambdaPerDecade): 1e-3 … 1e2, 10 per decade by default.</summary>
        public IReadOnlyList<double> Lambdas() => [0, .. Enumerable.Range(LambdaFromDecade * LambdaPerDecade,
            (LambdaToDecade - LambdaFromDecade) * LambdaPerDecade + 1).Select(k => Math.Pow(10, k / (double)LambdaPerDecade))];
    }

    public override string Id => "PC.weak-duality";
    public override IReadOnlyList<string> DependsOn => ["PC.primal-equals-dual"];
    public override string Section => "§3.2 (dual LP); spec §7.2, §7.13";
    public override string Statement =>
        "For every λ ≥ 0 the dual objective g(λ) is at most D*(R), with equality at λ*(R), the slope of the active segment of the curve.";
    public override string NegativeControl => "the dual objective with the sign of the λR term flipped";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        double sign = construction == Construction.Faithful ? 1 : -1;
        var probes = SyntheticExperiment.Tables.SelectMany(t => LagrangianAtRate.Probe(t.Name, experiment.Table(t.Loss, t.Grouping).Problem,
            experiment.Curve(t.Loss, t.Grouping), settings.Rates, settings.Lambdas(), sign)).ToList();
        var obs = new Observations();
        // weak duality: max over the λ grid of g(λ) ≤ D*(R); strong at λ*: g(λ*) = D*(R)
        foreach (var p in probes)
            using (obs.Case($"{p.Table}.r={p.Rate}"))
                obs.ExpectAtMost("max-g-on-grid", p.MaxOnGrid, p.DStar, settings.Slack)
                    .Expect("g-at-lambda-star", p.AtSlope, p.DStar, Tolerance.Relative(settings.TightnessTolerance, settings.TightnessTolerance));
        double worstGap = probes.Aggregate(double.NegativeInfinity, (m, p) => Math.Max(m, p.MaxOnGrid - p.DStar));
        double worstTightness = probes.Aggregate(0.0, (m, p) => Math.Max(m, Math.Abs(p.AtSlope - p.DStar)));
        obs.Measure("max-g-minus-dstar", worstGap).Measure("max-abs-g-at-lambda-star-minus-dstar", worstTightness);
        return obs.Conclude($"g(λ) ≤ D*(R) on the whole λ grid (max g − D* = {worstGap:E2}) and g(λ*) = D* within {worstTightness:E1}");
    }
}
