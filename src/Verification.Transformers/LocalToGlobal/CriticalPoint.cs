// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 rows 3–5): the local geometry of the reduced
// loss L̃ at a point of one of its critical sets — the loss, the closed-form gradient and the finite-difference
// Hessian — and the points of the global-minimum set Γ* = {e²(1 + 2w|w|) = c*} the claims probe.
using System.Globalization;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>L̃ at (e, w): its value, the largest gradient component and the finite-difference Hessian with its spectrum.</summary>
public sealed record CriticalPoint(CanonicalModel Model, double E, double W, double Loss, double MaxAbsGradient, double[,] Hessian,
    double LambdaMin, double LambdaMax)
{
    /// <summary>Probes <paramref name="model"/>'s L̃ at (<paramref name="e"/>, <paramref name="w"/>).</summary>
    public static CriticalPoint Probe(CanonicalModel model, double e, double w)
    {
        var (ge, gw) = model.ReducedGradient(e, w);
        var hessian = Curvature.FiniteDifferenceHessian(model, e, w);
        var (lo, hi) = Curvature.Eigenvalues(hessian);
        return new(model, e, w, model.ReducedLoss(e, w), Math.Max(Math.Abs(ge), Math.Abs(gw)), hessian, lo, hi);
    }

    /// <summary>"p=0.2,q=0.3,e=1.2203,w=0.5": the point, as a check's case label.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"p={Model.P},q={Model.Q},e={E:G5},w={W}");
}

/// <summary>The set Γ* = {e²(1 + 2w|w|) = c*} of global minima of L̃ (spec §3).</summary>
public static class GlobalMinima
{
    /// <summary>
    /// The e &gt; 0 points of {e²(1 + 2w|w|) = <paramref name="cStar"/>} at those of <paramref name="ws"/> where the
    /// set has one (c*/(1 + 2w|w|) &gt; 0). <paramref name="cStar"/> is a parameter so that a wrong c* can be probed.
    /// </summary>
    public static IEnumerable<(double E, double W)> Points(double cStar, IEnumerable<double> ws)
    {
        foreach (var w in ws)
        {
            double e2 = cStar / (1 + 2 * w * Math.Abs(w));
            if (e2 > 0) yield return (Math.Sqrt(e2), w);
        }
    }

    /// <summary>
    /// The nonzero Hessian eigenvalue of L̃ = φ(c) on the level set c = <paramref name="cStar"/>, where φ′ = 0:
    /// φ″(c*)·|∇c|², ∇c = (2e(1 + 2w|w|), 4e²|w|).
    /// </summary>
    public static double Curvature(CanonicalModel model, double cStar, double e, double w)
    {
        double ce = 2 * e * (1 + 2 * w * Math.Abs(w)), cw = 4 * e * e * Math.Abs(w);
        return model.PhiSecond(cStar) * (ce * ce + cw * cw);
    }
}

/// <summary>The unigram line e = 0 of L̃ and the saddle (0, −1/√2) on it (spec §3).</summary>
public static class UnigramLine
{
    /// <summary>The Hessian of L̃ on e = 0 in closed form: diag(2κ(1 + 2w|w|), 0).</summary>
    public static double[,] Hessian(CanonicalModel model, double w) => new[,] { { 2 * model.Kappa * (1 + 2 * w * Math.Abs(w)), 0 }, { 0, 0.0 } };

    /// <summary>
    /// Whether L̃ − H(π) of <paramref name="model"/>, read at e = h on both sides of the saddle (w = −1/√2 ∓ h), has
    /// opposite signs there, the sign of κ(1 + 2w|w|): that of <paramref name="kappa"/> above the saddle.
    /// </summary>
    public static bool ChangesSignAcrossSaddle(CanonicalModel model, double kappa, double h)
    {
        int below = Math.Sign(model.ReducedLoss(h, CanonicalModel.SaddleW - h) - model.UnigramEntropy);
        int above = Math.Sign(model.ReducedLoss(h, CanonicalModel.SaddleW + h) - model.UnigramEntropy);
        return below == -above && above == Math.Sign(kappa);
    }
}
