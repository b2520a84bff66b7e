// arXiv 2006.07990 §2 (Theorem 1 setup): the target f(x) = W_l σ(W_{l−1} … σ(W_1 x)), bias-free ReLU, ‖W_i‖ ≤ 1.
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>What to do with a target layer whose spectral norm exceeds 1 (spec pitfall 6).</summary>
public enum NormPolicy { Refuse, Rescale }

/// <summary>
/// A bias-free ReLU network with weight matrices W_i ∈ ℝ^{d_i×d_{i−1}} and spectral norms ‖W_i‖ ≤ 1 (the class of
/// Theorem 1). A ReLU follows every layer but the last.
/// </summary>
public sealed class TargetNetwork
{
    /// <summary>Slack on ‖W_i‖ ≤ 1 for the power iteration's own rounding.</summary>
    public const double NormSlack = 1e-9;

    private TargetNetwork(double[][,] weights, string? rescaleNote)
    {
        Weights = weights;
        RescaleNote = rescaleNote;
        Widths = [weights[0].GetLength(1), .. weights.Select(w => w.GetLength(0))];
    }

    public IReadOnlyList<double[,]> Weights { get; }

    /// <summary>d_0, d_1, …, d_l.</summary>
    public IReadOnlyList<int> Widths { get; }

    public int Depth => Weights.Count;

    /// <summary>Why and by how much layers were rescaled under <see cref="NormPolicy.Rescale"/>; null if none was.</summary>
    public string? RescaleNote { get; }

    /// <summary>
    /// Validates the layers (non-empty, finite, chained shapes) and the norm assumption ‖W_i‖ ≤ 1: refuses with an
    /// <see cref="ArgumentException"/> naming the layer and its norm, or rescales that layer to norm 1 and says so.
    /// </summary>
    public static TargetNetwork Create(IReadOnlyList<double[,]> weights, NormPolicy policy = NormPolicy.Refuse)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) throw new ArgumentException("a target needs at least one layer", nameof(weights));
        var copy = new double[weights.Count][,];
        var notes = new List<string>();
        for (int i = 0; i < weights.Count; i++)
        {
            var w = weights[i] ?? throw new ArgumentException($"layer W_{i + 1} is null", nameof(weights));
            if (w.GetLength(0) == 0 || w.GetLength(1) == 0)
                throw new ArgumentException($"layer W_{i + 1} is empty ({w.GetLength(0)}×{w.GetLength(1)})", nameof(weights));
            if (i > 0 && w.GetLength(1) != weights[i - 1].GetLength(0))
                throw new ArgumentException($"layer W_{i + 1} has {w.GetLength(1)} columns but W_{i} has {weights[i - 1].GetLength(0)} rows", nameof(weights));
            foreach (var v in w)
                if (!double.IsFinite(v)) throw new ArgumentException($"layer W_{i + 1} has a non-finite entry ({v})", nameof(weights));
            copy[i] = (double[,])w.Clone();
            double norm = SpectralNorm(w);
            if (norm > 1 + NormSlack)
            {
                if (policy == NormPolicy.Refuse)
                    throw new ArgumentException(
                        $"layer W_{i + 1} has spectral norm {norm:G6} > 1; Theorem 1 assumes ‖W_i‖ ≤ 1 (rescale it, or use NormPolicy.Rescale)",
                        nameof(weights));
                Scale(copy[i], 1 / norm);
                notes.Add($"W_{i + 1} divided by its spectral norm {norm:G6}");
            }
        }
        return new TargetNetwork(copy, notes.Count == 0 ? null : string.Join("; ", notes) + " (the output is scaled by the product of these factors)");
    }

    /// <summary>A random target: Gaussian entries, each layer scaled to spectral norm exactly <paramref name="norm"/> (1: spec P5).</summary>
    public static TargetNetwork Random(IReadOnlyList<int> widths, Rng rng, double norm = 1)
    {
        if (!(norm > 0 && norm <= 1)) throw new ArgumentOutOfRangeException(nameof(norm), norm, "layer norm must be in (0, 1]");
        if (widths.Count < 2) throw new ArgumentException("widths d_0..d_l need at least two entries", nameof(widths));
        var layers = new double[widths.Count - 1][,];
        for (int i = 0; i < layers.Length; i++)
        {
            if (widths[i] < 1 || widths[i + 1] < 1) throw new ArgumentOutOfRangeException(nameof(widths), "every width must be ≥ 1");
            var w = new double[widths[i + 1], widths[i]];
            for (int r = 0; r < w.GetLength(0); r++)
                for (int c = 0; c < w.GetLength(1); c++) w[r, c] = rng.Normal();
            Scale(w, norm / SpectralNorm(w));
            layers[i] = w;
        }
        return Create(layers);
    }

    public double[] Evaluate(double[] x)
    {
        if (x.Length != Widths[0]) throw new ArgumentException($"input has {x.Length} entries, expected d_0 = {Widths[0]}", nameof(x));
        var h = x;
        for (int i = 0; i < Depth; i++)
        {
            h = Dense.Apply(Weights[i], h);
            if (i < Depth - 1) Dense.Relu(h);
        }
        return h;
    }

    /// <summary>‖W‖₂ by power iteration on WᵀW from a fixed start (deterministic), to relative accuracy ~1e-12.</summary>
    public static double SpectralNorm(double[,] w)
    {
        int cols = w.GetLength(1);
        var v = new double[cols];
        for (int c = 0; c < cols; c++) v[c] = 1 + 0.1 * c;   // fixed, generic start
        double lambda = 0;
        for (int it = 0; it < 5000; it++)
        {
            var u = Dense.ApplyTransposed(w, Dense.Apply(w, v));
            double norm = Math.Sqrt(u.Sum(t => t * t));
            if (norm == 0) return 0;
            for (int c = 0; c < cols; c++) v[c] = u[c] / norm;
            if (Math.Abs(norm - lambda) <= 1e-15 * norm) { lambda = norm; break; }
            lambda = norm;
        }
        return Math.Sqrt(lambda);
    }

    private static void Scale(double[,] w, double f)
    {
        for (int r = 0; r < w.GetLength(0); r++)
            for (int c = 0; c < w.GetLength(1); c++) w[r, c] *= f;
    }
}

/// <summary>Small dense linear algebra for the constructions (sizes ≤ a few hundred).</summary>
public static class Dense
{
    public static double[] Apply(double[,] w, double[] x)
    {
        var y = new double[w.GetLength(0)];
        for (int r = 0; r < y.Length; r++)
        {
            double s = 0;
            for (int c = 0; c < x.Length; c++) s += w[r, c] * x[c];
            y[r] = s;
        }
        return y;
    }

    public static double[] ApplyTransposed(double[,] w, double[] y)
    {
        var x = new double[w.GetLength(1)];
        for (int r = 0; r < y.Length; r++)
            for (int c = 0; c < x.Length; c++) x[c] += w[r, c] * y[r];
        return x;
    }

    public static void Relu(double[] h)
    {
        for (int i = 0; i < h.Length; i++) h[i] = Math.Max(h[i], 0);
    }

    public static double Norm(double[] x) => Math.Sqrt(x.Sum(t => t * t));

    /// <summary>A uniform random point on the unit sphere of ℝ^d.</summary>
    public static double[] UnitVector(int d, Rng rng)
    {
        var x = new double[d];
        double n;
        do
        {
            for (int i = 0; i < d; i++) x[i] = rng.Normal();
            n = Norm(x);
        } while (n == 0);
        for (int i = 0; i < d; i++) x[i] /= n;
        return x;
    }
}
