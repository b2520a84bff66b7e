// Local to Global (arXiv 2406.03072), §2 (spec local-to-global §2 and §5 row 2): the optimal bias b* in closed form
// (log space) zeroes ∂L/∂b and equals a direct 1-D minimiser of L(e, w, ·).
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// b*(e, w) = e²/2 + ln[(p − q + √((p − q)² + 4pq·eᶜ))/(2q·eᶜ)] zeroes ∂L/∂b (|·| ≤ 1e-10, also where eᶜ overflows)
/// and equals the golden-section minimiser of L(e, w, ·) where |c| ≤ 20 (beyond, L is flat in b to machine precision
/// and a 1-D search cannot locate its minimum): to 1e-6 plus the resolution of a derivative-free search,
/// 4·√(2ε|L|/L″(b*)) (a flat minimum, L″ ≈ 1e-3 at c = −14, cannot be located better by comparing values), and with
/// L(b*) ≤ L(argmin) + 4ε|L|. Negative control: b* without the e²/2 offset of f0.
/// </summary>
public sealed class OptimalBiasIsStationary : Claim<OptimalBiasIsStationary.Settings>
{
    /// <param name="Points">(e, w, search): stationarity is checked everywhere, the 1-D search only where search is set</param>
    /// <param name="MinimizerTolerance">|b* − argmin| ≤ this + ResolutionFactor·√(2ε|L|/L″(b*)) (what a search by values can resolve)</param>
    /// <param name="SearchTolerance">width of the golden-section search's final interval</param>
    /// <param name="SearchMargin">the search runs over e²/2 ± (|c| + SearchMargin)</param>
    /// <param name="ResolutionFactor">ulps of L (and multiples of the search resolution) allowed between L(b*) and L(argmin)</param>
    public sealed record Settings((double P, double Q)[] Chains, (double E, double W, bool Search)[] Points,
        double GradientTolerance = OptimalBiasIsStationary.GradientTolerance, double MinimizerTolerance = OptimalBiasIsStationary.MinimizerTolerance,
        double SearchTolerance = 1e-11, double SearchMargin = 30, double ResolutionFactor = 4) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(OptimalBiasIsStationary.Chains, OptimalBiasIsStationary.Points);
    }

    public const double GradientTolerance = 1e-10;
    public const double MinimizerTolerance = 1e-6;

    public static readonly (double P, double Q)[] Chains = [(0.2, 0.3), (0.5, 0.8), (0.1, 0.1), (0.9, 0.9), (0.05, 0.7), (0.95, 0.3)];

    /// <summary>Starts with moderate gaps (1-D search too) and huge ones (eᶜ or e^−c overflows: stationarity only).</summary>
    public static readonly (double E, double W, bool Search)[] Points =
    [
        (0.5, 0.3, true), (1.2, -1.0, true), (2.0, -1.5, true), (-1.0, 0.5, true), (1.5, 1.0, true), (0.8, -0.6, true),
        (30.0, 3.0, false), (30.0, -3.0, false), (100.0, 2.0, false),
    ];

    public override string Id => "LG.optimal-bias-is-stationary";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§2 optimal bias (spec §2)";
    public override string Statement =>
        "The closed-form optimal bias b*(e, w) zeroes ∂L/∂b and equals the 1-D minimiser of L(e, w, ·), without overflow for huge gaps.";
    public override string NegativeControl => "b* computed without the e²/2 offset of f0 = b − e²/2 (off by a constant for each e)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        double worstGrad = 0, worstArg = 0, worstRatio = 0, k = settings.ResolutionFactor;
        int searched = 0, notFinite = 0, aboveArgmin = 0;
        foreach (var (p, q) in settings.Chains)
        {
            var model = new CanonicalModel(p, q);
            foreach (var (e, w, search) in settings.Points)
            {
                double bStar = construction == Construction.Faithful
                    ? model.OptimalBias(e, w)
                    : model.OptimalF0(model.Gap(e, w));
                double grad = Math.Abs(model.Gradient(e, w, bStar).Db);
                if (!double.IsFinite(bStar)) notFinite++;
                worstGrad = double.IsFinite(grad) ? Math.Max(worstGrad, grad) : double.PositiveInfinity;
                if (!search) continue;
                double c = model.Gap(e, w), width = Math.Abs(c) + settings.SearchMargin;
                double argmin = GoldenSection(b => model.Loss(e, w, b), e * e / 2 - width, e * e / 2 + width, settings.SearchTolerance);
                double d = Math.Abs(argmin - bStar), loss = model.Loss(e, w, bStar);
                double tol = settings.MinimizerTolerance + k * Math.Sqrt(2 * Eps * Math.Abs(loss) / Curvature(model, e, w, bStar));
                searched++;
                worstArg = Math.Max(worstArg, d);
                worstRatio = Math.Max(worstRatio, d / tol);
                // L(b*) ≤ L(argmin) up to ResolutionFactor ulps of L
                if (!Tolerance.AtMost(k * Eps * Math.Abs(loss)).Accepts(model.Loss(e, w, argmin), loss)) aboveArgmin++;
            }
        }
        context.Report(1);
        int points = settings.Chains.Length * settings.Points.Length;
        // b* is finite and stationary (∂L/∂b = 0) everywhere, and is the 1-D minimiser where searched
        // (|b* − argmin| within the point's tolerance, so the worst ratio is ≤ 1; L(b*) not above L(argmin)).
        var obs = new Observations()
            .Expect("bstar-finite", notFinite == 0, $"{notFinite} points with a non-finite b*")
            .ExpectAtMost("max-abs-dl-db-at-bstar", worstGrad, settings.GradientTolerance)
            .Measure("max-abs-bstar-minus-argmin", worstArg)
            .ExpectAtMost("max-abs-bstar-minus-argmin-over-tolerance", worstRatio, 1)
            .Expect("loss-at-bstar-not-above-loss-at-argmin", aboveArgmin == 0, $"{aboveArgmin} of {searched} searched points")
            .Measure("points.stationarity", points)
            .Measure("points.search", searched);
        return obs.Conclude(
            $"|∂L/∂b(b*)| ≤ {worstGrad:E1} at {points} points (gaps up to {new CanonicalModel(0.5, 0.8).Gap(100, 2):E1}); b* within {worstArg:E1} of the 1-D minimiser at {searched}");
    }

    private const double Eps = 2.220446049250313e-16;

    /// <summary>∂²L/∂b² = π1σ′(f1) + π0σ′(f0).</summary>
    public static double Curvature(CanonicalModel model, double e, double w, double b)
    {
        var (f0, f1) = model.Logits(e, w, b);
        double s0 = CanonicalModel.Sigmoid(f0), s1 = CanonicalModel.Sigmoid(f1);
        return model.Pi1 * s1 * (1 - s1) + model.Pi0 * s0 * (1 - s0);
    }

    /// <summary>Golden-section search for the minimum of a unimodal f on [a, b], to an interval of width tol.</summary>
    public static double GoldenSection(Func<double, double> f, double a, double b, double tol)
    {
        double invPhi = (Math.Sqrt(5) - 1) / 2;
        double x1 = b - invPhi * (b - a), x2 = a + invPhi * (b - a), f1 = f(x1), f2 = f(x2);
        while (b - a > tol)
        {
            if (f1 <= f2) { b = x2; x2 = x1; f2 = f1; x1 = b - invPhi * (b - a); f1 = f(x1); }
            else { a = x1; x1 = x2; f1 = f2; x2 = a + invPhi * (b - a); f2 = f(x2); }
        }
        return (a + b) / 2;
    }
}
