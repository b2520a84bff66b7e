// Attention with Markov (arXiv 2402.04161), §3: first- and second-order analysis of the loss at explicit points.
using Verification.Core.Claims;
using Verification.Transformers.Models;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// Sizes of the exact landscape checks: d, N, r. Paper scale uses the spec's d=4, N=8, r=16 (229 parameters, ~3 s per
/// double-backward Hessian on one core); CI uses N=6, r=8 (157 parameters, 128 inputs) to fit the test budget.
/// </summary>
public sealed record LandscapeSizes(int Dim, int Length, int Hidden)
{
    public static readonly LandscapeSizes Smoke = new(2, 4, 4);
    public static readonly LandscapeSizes Ci = new(4, 6, 8);
    public static readonly LandscapeSizes Paper = new(4, 8, 16);

    public static LandscapeSizes For(Scale scale) => scale switch { Scale.Smoke => Smoke, Scale.Ci => Ci, _ => Paper };

    public TheoryTransformerConfig Config(bool tied) => new(Dim, Length, Hidden, tied);

    public override string ToString() => $"d={Dim}, N={Length}, r={Hidden}";
}

/// <summary>What the exact analysis at one point found: L, max |∇L|, the Hessian spectrum and its eigenvectors.</summary>
public sealed record LandscapeProbe(double Loss, double MaxGradient, double[] Eigenvalues, double[,] Eigenvectors)
{
    public double MinEigenvalue => Eigenvalues[0];

    /// <summary>How many eigenvalues lie within <paramref name="tolerance"/> of 0 (the flat directions).</summary>
    public int NearZeroEigenvalues(double tolerance) => Eigenvalues.Count(v => Math.Abs(v) <= tolerance);

    /// <summary>The eigenvector of the smallest eigenvalue, in the flat-θ order.</summary>
    public double[] LowestDirection()
    {
        int n = Eigenvalues.Length;
        return Enumerable.Range(0, n).Select(i => Eigenvectors[i, 0]).ToArray();
    }

    /// <summary>
    /// How much a step of length <paramref name="t"/> along <see cref="LowestDirection"/> (the better of ±) lowers the
    /// exact loss at the model's θ: L(θ) − min L(θ ± t·v).
    /// </summary>
    public double DescentAlongLowest(TheoryTransformer model, ExactPopulationLoss loss, double t)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var _ = TorchSharp.torch.no_grad();
        var v = TorchSharp.torch.tensor(LowestDirection(), TorchSharp.torch.ScalarType.Float64, device: model.Device);   // (D)
        var theta = model.Flatten();                                                                                     // (D)
        return Loss - Math.Min(loss.AtTheta(model.Config, theta + t * v).item<double>(), loss.AtTheta(model.Config, theta - t * v).item<double>());
    }

    /// <summary>Loss, gradient and (if <paramref name="withHessian"/>) the full Hessian spectrum at the model's θ.</summary>
    public static LandscapeProbe At(TheoryTransformer model, ExactPopulationLoss loss, bool withHessian = true)
    {
        double value = loss.Value(model);
        double maxGrad = loss.Gradient(model).Max(Math.Abs);
        if (!withHessian) return new LandscapeProbe(value, maxGrad, [], new double[0, 0]);
        var (values, vectors) = ExactPopulationLoss.Eigen(loss.Hessian(model));
        return new LandscapeProbe(value, maxGrad, values, vectors);
    }
}
