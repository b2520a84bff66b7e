// arXiv 2407.15504, §3.2 (strong duality of the distortion-rate LP); spec §7 items 1 and 12.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Strong duality on the synthetic set: the GLOP primal and the dual hull algorithm give the same D*(R) (1e-6
/// relative) at every R ≥ R0, the LP is infeasible below R0, the rate row is tight while D*(R) &gt; D*(1), and the LP
/// over the full candidate set equals the LP over per-rate minima. Negative control: the rate row with the wrong sign.
/// </summary>
public sealed class PrimalEqualsDual(SyntheticExperiments experiments) : SyntheticClaim(experiments)
{
    /// <summary>Relative, with the same absolute floor (|primal − dual| ≤ 1e-6·max(1, |dual|)).</summary>
    public const double RelativeTolerance = 1e-6;

    /// <summary>Absolute, on the achieved rate of a tight rate row.</summary>
    public const double RateTolerance = 1e-7;

    /// <summary>D*(R) above D*(1) by more than this means the rate row must be tight.</summary>
    public const double SaturationSlack = 1e-9;

    private static readonly Tolerance Agreement = Tolerance.Relative(RelativeTolerance, RelativeTolerance);

    public override string Id => "PC.primal-equals-dual";
    public override string Section => "§3.2, Algorithm 1 (dual LP); spec §7.1, §7.12";
    public override string Statement =>
        "The GLOP primal LP and the dual hull algorithm give the same D*(R) for every R ≥ R0 (infeasible below R0), for query-agnostic and query-aware tables, log and 0/1 loss.";
    public override string NegativeControl => "the LP's rate row written with the wrong sign (Σ P(u) p(m|u) R_{u,m} ≥ R)";

    public static IReadOnlyList<double> Rates { get; } = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>
    {
        ["rows"] = SyntheticExperiment.RowCount(scale),
        ["rates"] = "R0, " + string.Join(", ", Rates) + " (and R0 − 0.01 for infeasibility)",
        ["relative tolerance"] = RelativeTolerance,
        ["solver"] = "OR-Tools GLOP on per-rate minima; the full candidate LP once (aware, 0/1, R = 0.5)",
    };

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var experiment = Experiment(context);
        var rateRow = construction == Construction.Faithful ? RateRow.AtMost : RateRow.AtLeast;
        var obs = new Observations();
        double worst = 0;
        int step = 0;
        foreach (var loss in SyntheticExperiment.Losses)
        {
            foreach (var grouping in new[] { Grouping.QueryAgnostic, Grouping.QueryAware })
            {
                string name = SyntheticExperiment.Name(loss, grouping);
                var problem = experiment.Table(loss, grouping).Problem.PerRateMinima();
                var curve = experiment.Curve(loss, grouping);
                double r0 = curve.MinimumRate;
                var below = DistortionRateLp.TrySolve(problem, r0 - 0.01, out _, rateRow);
                obs.Expect($"{name}.infeasible-below-R0", below == LpStatus.Infeasible ? 1 : 0, 1, Tolerance.Absolute(0));
                foreach (double rate in Rates.Prepend(r0))
                {
                    var status = DistortionRateLp.TrySolve(problem, rate, out var lp, rateRow);
                    double dual = curve.Evaluate(rate);
                    string at = rate == r0 ? "R0" : $"R={rate}";
                    obs.Expect($"{name}.{at}.optimal", status == LpStatus.Optimal, $"LP status {status}");
                    if (status != LpStatus.Optimal) continue;
                    worst = Math.Max(worst, Math.Abs(lp!.Value - dual) / Math.Max(1, Math.Abs(dual)));
                    // strong duality: primal = dual
                    obs.Expect($"{name}.{at}.primal", lp.Value, dual, Agreement);
                    if (dual > curve.SaturationDistortion + SaturationSlack)
                        obs.Expect($"{name}.{at}.rate-row-tight", Tolerance.Absolute(RateTolerance).Accepts(rate, lp.AchievedRate),
                            $"achieved rate {lp.AchievedRate:G8} at R = {rate:G8}");
                }
                context.Report(++step / 5.0);
            }
        }
        // Pruning (spec §7.12): the LP over every candidate equals the LP over per-rate minima.
        var full = experiment.Table(Loss.ZeroOne, Grouping.QueryAware).Problem;
        var fullStatus = DistortionRateLp.TrySolve(full, 0.5, out var fullLp, rateRow);
        double pruned = experiment.Curve(Loss.ZeroOne, Grouping.QueryAware).Evaluate(0.5);
        obs.Expect("zero-one.aware.R=0.5.full-lp-optimal", fullStatus == LpStatus.Optimal, $"full LP status {fullStatus}");
        if (fullStatus == LpStatus.Optimal)
        {
            obs.Expect("zero-one.aware.R=0.5.full-lp", fullLp!.Value, pruned, Agreement);
            obs.Measure("zero-one.aware.full-lp.columns", full.Columns);
        }
        obs.Measure("max-relative-error", worst);
        return obs.Conclude($"primal = dual within {worst:E1} (relative) at every rate of 4 tables; infeasible below R0; full LP = pruned LP");
    }
}
