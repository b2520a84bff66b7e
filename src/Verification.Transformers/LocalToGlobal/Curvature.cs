// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 row 5): Hessians of L̃ by central finite
// differences of its closed-form gradient, independent of the closed-form Hessian they are compared with.

namespace Verification.Transformers.LocalToGlobal;

/// <summary>Finite-difference Hessians and the spectrum of a symmetric 2×2 matrix.</summary>
public static class Curvature
{
    /// <summary>Step of the central differences (spec: h = 1e-4; truncation O(h²) ≈ 1e-8, rounding ≈ 1e-12).</summary>
    public const double Step = 1e-4;

    /// <summary>
    /// The Hessian of L̃ at (e, w) by central differences of ∇L̃ (closed form), symmetrised.
    /// </summary>
    public static double[,] FiniteDifferenceHessian(CanonicalModel model, double e, double w, double h = Step)
    {
        if (!double.IsFinite(e) || !double.IsFinite(w))
            throw new ArgumentOutOfRangeException(nameof(e), (e, w), "the point (e, w) must be finite");
        if (!(h > 0)) throw new ArgumentOutOfRangeException(nameof(h), h, "the step must be positive");
        var (eP, wP) = model.ReducedGradient(e + h, w);
        var (eM, wM) = model.ReducedGradient(e - h, w);
        var (eP2, wP2) = model.ReducedGradient(e, w + h);
        var (eM2, wM2) = model.ReducedGradient(e, w - h);
        double hee = (eP - eM) / (2 * h), hwe = (wP - wM) / (2 * h);
        double hew = (eP2 - eM2) / (2 * h), hww = (wP2 - wM2) / (2 * h);
        double off = (hwe + hew) / 2;
        return new[,] { { hee, off }, { off, hww } };
    }

    /// <summary>The eigenvalues (λmin, λmax) of a symmetric 2×2 matrix.</summary>
    public static (double Min, double Max) Eigenvalues(double[,] m)
    {
        if (m.GetLength(0) != 2 || m.GetLength(1) != 2) throw new ArgumentException("a 2×2 matrix is required", nameof(m));
        double a = m[0, 0], b = (m[0, 1] + m[1, 0]) / 2, d = m[1, 1];
        double mean = (a + d) / 2, r = Math.Sqrt((a - d) * (a - d) / 4 + b * b);
        return (mean - r, mean + r);
    }

    /// <summary>max |a_ij − b_ij|.</summary>
    public static double MaxAbsDifference(double[,] a, double[,] b)
    {
        double m = 0;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                m = Math.Max(m, Math.Abs(a[i, j] - b[i, j]));
        return m;
    }
}
