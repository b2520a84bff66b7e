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
public sealed class BruteForceTinyInstances : Claim<BruteForceTinyInstances.Settings>
{
    /// <param name="Instances">random tiny instances</param>
    /// <param name="RatesChecked">D* is compared at R = k/RatesChecked, k = 0 … RatesChecked</param>
    /// <param name="AbsoluteTolerance">|dual − brute force| at every (instance, rate)</param>
    /// <param name="MaxGroups">1 … MaxGroups groups, with weights from counts 1 … MaxCount</param>
    /// <param name="MaxCandidates">1 … MaxCandidates candidates per group, rates k/RateDenominator (k = 1 … RateDenominator)</param>
    /// <param name="DistortionDenominator">distortions on a 1/DistortionDenominator grid in [0, 2], coarse so that ties and collinear points occur</param>
    public sealed record Settings(int Instances, int RatesChecked = 20, double AbsoluteTolerance = BruteForceTinyInstances.AbsoluteTolerance,
        int MaxGroups = 3, int MaxCount = 5, int MaxCandidates = 5, int RateDenominator = 5, int DistortionDenominator = 8)
        : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale == Scale.Smoke ? 40 : 400);
    }

    public const double AbsoluteTolerance = 1e-12;

    public override string Id => "PC.brute-force-tiny-instances";
    public override PaperRef Paper => PaperRef.PromptCompression;
    public override string Section => "§3.2, Algorithm 1; spec §7.3";
    public override string Statement =>
        "On tiny instances the dual algorithm's D*(R) equals the lower convex envelope of all deterministic policies, at every rate.";
    public override string NegativeControl => "the dual algorithm without the lower-convex-hull step";

    /// <summary>A random tiny instance of the shape <paramref name="shape"/> describes.</summary>
    public static RateDistortionProblem RandomInstance(Rng rng, Settings shape)
    {
        int groups = 1 + rng.NextInt(shape.MaxGroups);
        var parts = new List<(double, double[], double[])>();
        for (int u = 0; u < groups; u++)
        {
            int count = 1 + rng.NextInt(shape.MaxCandidates);
            var rates = Enumerable.Range(0, count).Select(_ => (1 + rng.NextInt(shape.RateDenominator)) / (double)shape.RateDenominator).ToArray();
            var distortions = Enumerable.Range(0, count).Select(_ => rng.NextInt(2 * shape.DistortionDenominator + 1) / (double)shape.DistortionDenominator).ToArray();
            parts.Add((1 + rng.NextInt(shape.MaxCount), rates, distortions));
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

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var options = new DualOptions(SkipHull: construction == Construction.Sabotaged);
        var rng = context.Rng("pc.brute-force");
        int n = settings.Instances, steps = settings.RatesChecked, failingRates = 0;
        double worst = 0;
        string first = "none";
        var agreement = Tolerance.Absolute(settings.AbsoluteTolerance);
        for (int i = 0; i < n; i++)
        {
            var problem = RandomInstance(rng, settings);
            var curve = DualDistortionRate.Compute(problem, options);
            for (int k = 0; k <= steps; k++)
            {
                double rate = k / (double)steps;
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
            .Expect("max-abs-dual-minus-brute-force", worst, 0, agreement)
            .Expect("first-failure", failingRates == 0, first)
            .Conclude($"dual = brute force on {n} instances × {steps + 1} rates (max error {worst:E1})");
    }
}
