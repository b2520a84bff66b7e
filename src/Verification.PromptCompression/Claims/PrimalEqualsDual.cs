// arXiv 2407.15504, §3.2 (strong duality of the distortion-rate LP); spec §7 items 1 and 12.
using Verification.Core.Claims;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Strong duality on the synthetic set: the GLOP primal and the dual hull algorithm give the same D*(R) (1e-6
/// relative) at every R ≥ R0, the LP is infeasible below R0, the rate row is tight while D*(R) &gt; D*(1), and the LP
/// over the full candidate set equals the LP over per-rate minima. Negative control: the rate row with the wrong sign.
/// </summary>
public sealed class PrimalEqualsDual : Claim
{
    public const double RelativeTolerance = 1e-6;

    public override string Id => "PC.primal-equals-dual";
    public override PaperRef Paper => PaperRef.PromptCompression;
    public override string Section => "§3.2, Algorithm 1 (dual LP); spec §7.1, §7.12";
    public override string Statement =>
        "The GLOP primal LP and the dual hull algorithm give the same D*(R) for every R ≥ R0 (infeasible below R0), for query-agnostic and query-aware tables, log and 0/1 loss.";
    public override string NegativeControl => "the LP's rate row written with the wrong sign (Σ P(u) p(m|u) R_{u,m} ≥ R)";

    public static IReadOnlyList<double> Rates { get; } = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>
    {
        ["rows"] = SyntheticExperiment.SplitFor(scale).RowsPerQuery * 7,
        ["rates"] = "R0, " + string.Join(", ", Rates) + " (and R0 − 0.01 for infeasibility)",
        ["relative tolerance"] = RelativeTolerance,
        ["solver"] = "OR-Tools GLOP on per-rate minima; the full candidate LP once (aware, 0/1, R = 0.5)",
    };

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var experiment = SyntheticExperiment.For(context);
        var rateRow = construction == Construction.Faithful ? RateRow.AtMost : RateRow.AtLeast;
        var obs = new Observations();
        var failures = new List<string>();
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
                obs.Measure($"{name}.infeasible-below-R0", below == LpStatus.Infeasible ? 1 : 0, 1);
                if (below != LpStatus.Infeasible) failures.Add($"{name}: LP is {below} at R0 − 0.01");
                foreach (double rate in Rates.Prepend(r0))
                {
                    var status = DistortionRateLp.TrySolve(problem, rate, out var lp, rateRow);
                    double dual = curve.Evaluate(rate);
                    string at = rate == r0 ? "R0" : $"R={rate}";
                    if (status != LpStatus.Optimal)
                    {
                        failures.Add($"{name}: LP {status} at {at}");
                        continue;
                    }
                    double err = Math.Abs(lp!.Value - dual) / Math.Max(1, Math.Abs(dual));
                    worst = Math.Max(worst, err);
                    obs.Measure($"{name}.{at}.primal", lp.Value, dual, RelativeTolerance);
                    if (err > RelativeTolerance) failures.Add($"{name} at {at}: primal {lp.Value:G8} vs dual {dual:G8}");
                    if (dual > curve.SaturationDistortion + 1e-9 && Math.Abs(lp.AchievedRate - rate) > 1e-7)
                        failures.Add($"{name} at {at}: rate row not tight (achieved {lp.AchievedRate:G8})");
                }
                context.Report(++step / 5.0);
            }
        }
        // Pruning (spec §7.12): the LP over every candidate equals the LP over per-rate minima.
        var full = experiment.Table(Loss.ZeroOne, Grouping.QueryAware).Problem;
        var fullStatus = DistortionRateLp.TrySolve(full, 0.5, out var fullLp, rateRow);
        double pruned = experiment.Curve(Loss.ZeroOne, Grouping.QueryAware).Evaluate(0.5);
        if (fullStatus != LpStatus.Optimal) failures.Add($"full LP {fullStatus}");
        else
        {
            obs.Measure("zero-one.aware.R=0.5.full-lp", fullLp!.Value, pruned, RelativeTolerance);
            obs.Measure("zero-one.aware.full-lp.columns", full.Columns);
            if (Math.Abs(fullLp.Value - pruned) > RelativeTolerance * Math.Max(1, pruned)) failures.Add("full LP differs from the pruned one");
        }
        obs.Measure("max-relative-error", worst, 0, RelativeTolerance);
        return obs.Decide(failures.Count == 0,
            $"primal = dual within {worst:E1} (relative) at every rate of 4 tables; infeasible below R0; full LP = pruned LP",
            $"{failures.Count} disagreement(s), first: {failures.FirstOrDefault()}");
    }
}
