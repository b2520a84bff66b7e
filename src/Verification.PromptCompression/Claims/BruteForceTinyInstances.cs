// arXiv 2407.15504, §3 (D*(R) as the lower convex envelope of deterministic policies); spec §7 item 3.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// On random tiny instances (≤ 3 groups × ≤ 5 candidates) the dual algorithm equals the lower convex envelope of
/// the (rate, distortion) points of all deterministic policies, computed by enumeration. Negative control: the dual
/// algorithm without the hull step (edges between consecutive per-rate minima, sorted and walked).
/// </summary>
public sealed class BruteForceTinyInstances(SyntheticExperiments experiments) : SyntheticClaim(experiments)
{
    public const double AbsoluteTolerance = 1e-12;

    public override string Id => "PC.brute-force-tiny-instances";
    public override string Section => "§3.2, Algorithm 1; spec §7.3";
    public override string Statement =>
        "On tiny instances the dual algorithm's D*(R) equals the lower convex envelope of all deterministic policies, at every rate.";
    public override string NegativeControl => "the dual algorithm without the lower-convex-hull step";

    public static int Instances(Scale scale) => scale == Scale.Smoke ? 40 : 400;

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>
    {
        ["instances"] = Instances(scale),
        ["groups"] = "1–3, weights from counts 1–5",
        ["candidates"] = "1–5 per group, rates k/5, distortions on a 1/8 grid in [0, 2]",
        ["tolerance"] = AbsoluteTolerance,
    };

    /// <summary>A random tiny instance; distortions on a coarse grid so that ties and collinear points occur.</summary>
    public static RateDistortionProblem RandomInstance(Rng rng)
    {
        int groups = 1 + rng.NextInt(3);
        var parts = new List<(double, double[], double[])>();
        for (int u = 0; u < groups; u++)
        {
            int count = 1 + rng.NextInt(5);
            var rates = Enumerable.Range(0, count).Select(_ => (1 + rng.NextInt(5)) / 5.0).ToArray();
            var distortions = Enumerable.Range(0, count).Select(_ => rng.NextInt(17) / 8.0).ToArray();
            parts.Add((1 + rng.NextInt(5), rates, distortions));
        }
        return RateDistortionProblem.FromCounts(parts);
    }

    /// <summary>min over mixtures of at most two deterministic policies with mean rate ≤ R (exact in the plane).</summary>
    public static double BruteForce(RateDistortionProblem problem, double rate)
    {
        var points = new List<(double R, double D)> { (0, 0) };
        foreach (var g in problem.Groups)
            points = points.SelectMany(p => Enumerable.Range(0, g.Count)
                .Select(m => (p.R + g.Weight * g.Rates[m], p.D + g.Weight * g.Distortions[m]))).ToList();
        double best = double.PositiveInfinity;
        foreach (var a in points)
        {
            if (a.R > rate + DistortionRateCurve.RateSlack) continue;
            best = Math.Min(best, a.D);
            if (a.R >= rate) continue;
            foreach (var b in points)
                if (b.R > rate) best = Math.Min(best, a.D + (rate - a.R) / (b.R - a.R) * (b.D - a.D));
        }
        return best;
    }

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var options = new DualOptions(SkipHull: construction == Construction.Sabotaged);
        var rng = context.Rng("pc.brute-force");
        int n = Instances(context.Scale), failingRates = 0;
        double worst = 0;
        string first = "none";
        var agreement = Tolerance.Absolute(AbsoluteTolerance);
        for (int i = 0; i < n; i++)
        {
            var problem = RandomInstance(rng);
            var curve = DualDistortionRate.Compute(problem, options);
            for (int k = 0; k <= 20; k++)
            {
                double rate = k / 20.0;
                double expected = BruteForce(problem, rate), actual = curve.Evaluate(rate);
                bool bothInfinite = double.IsPositiveInfinity(expected) && double.IsPositiveInfinity(actual);
                double err = bothInfinite ? 0 : Math.Abs(expected - actual);
                worst = Math.Max(worst, double.IsNaN(err) ? double.PositiveInfinity : err);
                if (!bothInfinite && !agreement.Accepts(expected, actual) && failingRates++ == 0)
                    first = $"instance {i}, R = {rate}: brute force {expected:G8}, dual {actual:G8}";
            }
            if (i % 50 == 0) context.Report(i / (double)n);
        }
        // dual = brute-force envelope at every (instance, rate); the worst error is the check's measured value.
        return new Observations()
            .Measure("instances", n)
            .Expect("failing-rates", failingRates, 0, Tolerance.Absolute(0))
            .Expect("max|dual − brute force|", worst, 0, agreement)
            .Expect("first-failure", failingRates == 0, first)
            .Conclude($"dual = brute force on {n} instances × 21 rates (max error {worst:E1})");
    }
}
