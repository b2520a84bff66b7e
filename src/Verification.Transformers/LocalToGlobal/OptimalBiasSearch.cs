// Local to Global (arXiv 2406.03072), §2 (spec local-to-global §2 and §5 row 2): the experiment behind the optimal-bias
// claim — a candidate b*(e, w) set beside ∂L/∂b and beside a derivative-free 1-D minimiser of L(e, w, ·).
using System.Globalization;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>A candidate optimal bias at (e, w): how stationary it is and, where searched, how close to the 1-D minimiser.</summary>
/// <param name="Gradient">|∂L/∂b| at b*</param>
/// <param name="Distance">|b* − argmin| (NaN where not searched)</param>
/// <param name="Resolution">what a search by values can resolve at this point: the minimiser tolerance + k·√(2ε|L|/L″(b*))</param>
/// <param name="LossAboveArgmin">(L(b*) − L(argmin)) / (ε|L(b*)|): b*'s loss above the search's, in units of L's last digits</param>
public sealed record BiasProbe(string Label, double BStar, double Gradient, bool Searched, double Distance, double Resolution, double LossAboveArgmin);

/// <summary>Probes a candidate b* by stationarity and by a golden-section search of L(e, w, ·).</summary>
public static class OptimalBiasSearch
{
    /// <summary>Machine epsilon of double, 2⁻⁵².</summary>
    public const double Eps = 2.220446049250313e-16;

    /// <summary>
    /// Probes <paramref name="bStar"/> at (e, w): ∂L/∂b there and, when <paramref name="search"/>, the golden-section
    /// minimiser of L(e, w, ·) over e²/2 ± (|c| + <paramref name="searchMargin"/>) to an interval of <paramref name="searchTolerance"/>.
    /// </summary>
    public static BiasProbe Probe(CanonicalModel model, double e, double w, double bStar, bool search, double searchMargin,
        double searchTolerance, double minimizerTolerance, double resolutionFactor)
    {
        string label = string.Create(CultureInfo.InvariantCulture, $"p={model.P},q={model.Q},e={e},w={w}");
        double grad = Math.Abs(model.Gradient(e, w, bStar).Db);
        if (!search) return new BiasProbe(label, bStar, grad, false, double.NaN, double.NaN, double.NaN);
        double width = Math.Abs(model.Gap(e, w)) + searchMargin;
        double argmin = GoldenSection(b => model.Loss(e, w, b), e * e / 2 - width, e * e / 2 + width, searchTolerance);
        double loss = model.Loss(e, w, bStar);
        double resolution = minimizerTolerance + resolutionFactor * Math.Sqrt(2 * Eps * Math.Abs(loss) / Curvature(model, e, w, bStar));
        return new BiasProbe(label, bStar, grad, true, Math.Abs(argmin - bStar), resolution, (loss - model.Loss(e, w, argmin)) / (Eps * Math.Abs(loss)));
    }

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
