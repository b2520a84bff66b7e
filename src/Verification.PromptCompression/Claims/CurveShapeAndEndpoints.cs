// arXiv 2407.15504, §3 (properties of D*(R)); spec §7 items 4 and 5.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// On the synthetic set D* is finite, non-increasing and convex on [R0, 1]; R0 = E[1/len X]; D*(R0) is the mean
/// of each group's best minimum-rate candidate; D*(1) = Σ P(u) min_m D_{u,m} ≤ the distortion without compression.
/// Negative control: the best fixed-rate policy without time sharing, Σ_u P(u) min_{m: R_{u,m} ≤ R} D_{u,m}.
/// </summary>
public sealed class CurveShapeAndEndpoints(SyntheticExperiments experiments) : SyntheticClaim<CurveShapeAndEndpoints.Settings>(experiments)
{
    /// <param name="GridPoints">rates on [R0, 1] at which D* is evaluated for the shape checks</param>
    /// <param name="ShapeSlack">slack of the shape checks (rise, negative second difference) and of D*(1) ≤ D(no compression)</param>
    /// <param name="RateTolerance">relative (floor the same), on R0</param>
    /// <param name="EndpointTolerance">relative (floor the same), on D*(R0) and D*(1)</param>
    public sealed record Settings(SyntheticSplit Split, int GridPoints = 400, double ShapeSlack = 1e-12, double RateTolerance = 1e-12,
        double EndpointTolerance = 1e-9) : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale));
    }

    public override string Id => "PC.curve-shape-and-endpoints";
    public override IReadOnlyList<string> DependsOn => ["PC.primal-equals-dual"];
    public override string Section => "§3; spec §7.4, §7.5";
    public override string Statement =>
        "D*(R) is finite, non-increasing and convex on [R0, 1], with R0 = E[1/len X], D*(R0) = Σ P(u)·(best minimum-rate candidate) and D*(1) = Σ P(u) min_m D ≤ D(no compression).";
    public override string NegativeControl => "per-prompt best candidate under the rate cap, without time sharing between prompts";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var endpoint = Tolerance.Relative(settings.EndpointTolerance, settings.EndpointTolerance);
        var obs = new Observations();
        double r0Expected = experiment.Rows.Average(r => 1.0 / r.Length);
        foreach (var (loss, grouping, name) in SyntheticExperiment.Tables)
        {
            var (table, curve) = (experiment.Table(loss, grouping), experiment.Curve(loss, grouping));
            Func<double, double> dStar = construction == Construction.Faithful ? curve.Evaluate : r => FixedRateCurve(table.Problem, r);
            double r0 = curve.MinimumRate;
            var grid = new CurveOnGrid(dStar, r0, settings.GridPoints);
            // finite, non-increasing (no rise), convex (no negative second difference) on [R0, 1]; each reports its worst rate
            obs.ExpectAll($"{name}.finite", grid.Finite);
            obs.ExpectAll($"{name}.max-rise", grid.Rises, Tolerance.AtMost(settings.ShapeSlack));
            obs.ExpectAll($"{name}.max-negative-second-difference", grid.NegativeSecondDifferences, Tolerance.AtMost(settings.ShapeSlack));
            // endpoints read off the table: R0 = E[1/len X], D*(R0), D*(1) ≤ D(no compression)
            obs.Expect($"{name}.r0", r0, r0Expected, Tolerance.Relative(settings.RateTolerance, settings.RateTolerance));
            obs.Expect($"{name}.dstar-at-r0", dStar(r0), table.Problem.DistortionAtMinimumRate, endpoint);
            obs.Expect($"{name}.dstar-at-1", dStar(1), table.Problem.SaturationDistortion, endpoint);
            obs.Measure($"{name}.d-no-compression", table.NoCompressionDistortion);
            obs.ExpectAtMost($"{name}.dstar-at-1-vs-no-compression", table.Problem.SaturationDistortion, table.NoCompressionDistortion, settings.ShapeSlack);
        }
        return obs.Conclude("finite, non-increasing and convex on [R0, 1] for 4 tables; R0, D*(R0) and D*(1) match the table");
    }

    /// <summary>The negative control's curve: each group alone takes its best candidate with rate ≤ R.</summary>
    public static double FixedRateCurve(RateDistortionProblem problem, double rate)
    {
        double total = 0;
        foreach (var g in problem.Groups)
        {
            double best = double.PositiveInfinity;
            for (int m = 0; m < g.Count; m++) if (g.Rates[m] <= rate) best = Math.Min(best, g.Distortions[m]);
            total += g.Weight * best;
        }
        return total;
    }
}
