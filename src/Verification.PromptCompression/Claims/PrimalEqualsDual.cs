// arXiv 2407.15504, §3.2 (strong duality of the distortion-rate LP); spec §7 items 1 and 12.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Strong duality on the synthetic set: the GLOP primal and the dual hull algorithm give the same D*(R) (1e-6
/// relative) at every R ≥ R0, the LP is infeasible below R0, the rate row is tight while D*(R) &gt; D*(1), and the LP
/// over the full candidate set equals the LP over per-rate minima. Negative control: the rate row with the wrong sign.
/// </summary>
public sealed class PrimalEqualsDual(SyntheticExperiments experiments) : SyntheticClaim<PrimalEqualsDual.Settings>(experiments)
{
    /// <param name="Rates">rates at which primal and dual are compared, besides R0</param>
    /// <param name="RelativeTolerance">relative, with the same absolute floor (|primal − dual| ≤ 1e-6·max(1, |dual|))</param>
    /// <param name="RateTolerance">absolute, on the achieved rate of a tight rate row</param>
    /// <param name="SaturationSlack">D*(R) above D*(1) by more than this means the rate row must be tight</param>
    /// <param name="InfeasibleBelow">the LP must be infeasible at R0 − this</param>
    /// <param name="FullLpRate">the rate of the one LP over every candidate (zero-one loss, query-aware), compared with the pruned LP</param>
    public sealed record Settings(SyntheticSplit Split, double[] Rates, double RelativeTolerance = 1e-6,
        double RateTolerance = 1e-7, double SaturationSlack = 1e-9,
        double InfeasibleBelow = 0.01, double FullLpRate = 0.5) : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);

        public string Solver => "OR-Tools GLOP on per-rate minima";
    }

    public override string Id => "PC.primal-equals-dual";
    public override string Section => "§3.2, Algorithm 1 (dual LP); spec §7.1, §7.12";
    public override string Statement =>
        "The GLOP primal LP and the dual hull algorithm give the same D*(R) for every R ≥ R0 (infeasible below R0), for query-agnostic and query-aware tables, log and 0/1 loss.";
    public override string NegativeControl => "the LP's rate row written with the wrong sign (Σ P(u) p(m|u) R_{u,m} ≥ R)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var agreement = Tolerance.Relative(settings.RelativeTolerance, settings.RelativeTolerance);
        var rateRow = construction == Construction.Faithful ? RateRow.AtMost : RateRow.AtLeast;
        var obs = new Observations();
        double worst = 0;
        int step = 0;
        foreach (var (loss, grouping, name) in SyntheticExperiment.Tables)
        {
            var curve = experiment.Curve(loss, grouping);
            double r0 = curve.MinimumRate;
            var lp = PrimalDualComparison.Run(experiment.Table(loss, grouping).Problem.PerRateMinima(), curve, rateRow,
                r0 - settings.InfeasibleBelow, settings.Rates.Prepend(r0).Select(r => (r == r0 ? "r0" : $"r={r}", r)));
            // infeasible below R0; GLOP reaches an optimum above (a precondition); there primal = dual, and the rate
            // row is tight while D*(R) > D*(1)
            obs.Expect($"{name}.infeasible-below-r0", lp.InfeasibleBelowR0, lp.BelowDetail);
            obs.AssumeAll($"{name}.lp-optimal", lp.Solved);
            foreach (var p in lp.Optimal) obs.Expect($"{name}.{p.At}.primal", p.Primal, p.Dual, agreement);
            obs.ExpectAll($"{name}.max-abs-achieved-rate-minus-r", lp.Optimal.Where(p => p.Dual > curve.SaturationDistortion + settings.SaturationSlack)
                .Select(p => (p.At, Math.Abs(p.AchievedRate - p.Rate), 0.0)), Tolerance.Absolute(settings.RateTolerance));
            worst = Math.Max(worst, lp.MaxRelativeError);
            context.Report(++step / (SyntheticExperiment.Tables.Count + 1.0));
        }
        // Pruning (spec §7.12): the LP over every candidate equals the LP over per-rate minima.
        var full = experiment.Table(Loss.ZeroOne, Grouping.QueryAware).Problem;
        var fullLp = PrimalDualPoint.Solve(full, experiment.Curve(Loss.ZeroOne, Grouping.QueryAware), $"r={settings.FullLpRate}", settings.FullLpRate, rateRow);
        obs.Assume($"zero-one.aware.{fullLp.At}.full-lp-optimal", fullLp.Optimal, $"full LP status {fullLp.Status}");
        if (fullLp.Optimal) obs.Expect($"zero-one.aware.{fullLp.At}.full-lp", fullLp.Primal, fullLp.Dual, agreement);
        obs.Measure("zero-one.aware.full-lp.columns", full.Columns).Measure("max-relative-error", worst);
        return obs.Conclude($"primal = dual within {worst:E1} (relative) at every rate of 4 tables; infeasible below R0; full LP = pruned LP");
    }
}
