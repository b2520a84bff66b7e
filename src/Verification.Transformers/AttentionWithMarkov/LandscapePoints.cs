// Attention with Markov (arXiv 2402.04161), §3 (global minima; bad local minimum θ_π; saddle when untied).
// The paper's exact parameter values could not be retrieved; these are the spec's equivalent constructions
// (attention-with-markov.md §3), checked there by an independent pure-Python model.
using Verification.Core.Markov;
using Verification.Core.Seeding;
using Verification.Transformers.Models;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>The explicit parameter points of §3, written into a <see cref="TheoryTransformer"/>.</summary>
public static class LandscapePoints
{
    /// <summary>
    /// Global minimum θ*: e = s·u, p_n = −(s/2)·u (so x_n·e + p_n = (x_n − ½)·s·u), W_O = 0 (attention off),
    /// W_1 = w uᵀ with w ≥ 0 (ReLU(W_1 y_n) = x_n·(s/2)·w), W_2 = γ u wᵀ/‖w‖², giving
    /// logit_n = x_n·s²(1 + γ/2) − s²/2 + b. With b = logit(p) + s²/2 and γ = 2(Δ/s² − 1),
    /// Δ = log[(1−p)(1−q)/(pq)], σ(logit_n) = P(x_{n+1} = 1 | x_n), the Markov kernel. Untied: a = e.
    /// W_Q, W_K, W_V, u, w and s ∈ [0.5, 1.5] are drawn from <paramref name="rng"/> (they are arbitrary).
    /// </summary>
    public static void GlobalMinimum(TheoryTransformer model, double p, double q, Rng rng)
    {
        var chain = Checked(p, q);
        var c = model.Config;
        int d = c.Dim, r = c.Hidden;
        double s = rng.Uniform(0.5, 1.5);
        var u = UnitVector(d, rng);
        var w = Enumerable.Range(0, r).Select(_ => Math.Abs(rng.Normal())).ToArray();
        double w2 = w.Sum(x => x * x);
        double delta = Math.Log((1 - chain.P) * (1 - chain.Q) / (chain.P * chain.Q));
        double gamma = 2 * (delta / (s * s) - 1);

        model.Assign("e", u.Select(x => s * x).ToArray());
        model.Assign("p", Enumerable.Range(0, c.Length).SelectMany(_ => u.Select(x => -s / 2 * x)).ToArray());
        foreach (var name in new[] { "W_Q", "W_K", "W_V" }) model.Assign(name, Normal(d * d, rng));
        model.Assign("W_O", new double[d * d]);
        model.Assign("W_1", Outer(w, u));                                   // (r, d) = w uᵀ
        model.Assign("W_2", Outer(u, w).Select(x => gamma * x / w2).ToArray());   // (d, r) = γ u wᵀ/‖w‖²
        model.Assign("b", [Logit(chain.P) + s * s / 2]);
        if (!c.Tied) model.Assign("a", u.Select(x => s * x).ToArray());
    }

    /// <summary>
    /// Unigram point θ_π: e = 0 (and a = 0 untied), b = logit(π1), W_O = 0, W_2 = 0, p_n ≡ p₀ constant; the model
    /// predicts π1 whatever the input, L = H(π), ∇L = 0. W_Q, W_K, W_V, W_1 and p₀ are drawn from <paramref name="rng"/>
    /// (p₀ ~ N(0, I) keeps W_1 y_n off the ReLU kink). <paramref name="positionalSpread"/> &gt; 0 adds independent
    /// N(0, spread²) noise to each p_n: still a stationary point, but the saddle of the tied p+q &lt; 1 case needs
    /// near-constant p_n (σ'(b)·Cov_n(p_n) can outweigh 2|c|; spec §6), so this variant is only a negative control.
    /// </summary>
    public static void Unigram(TheoryTransformer model, double p, double q, Rng rng, double positionalSpread = 0)
    {
        var chain = Checked(p, q);
        var c = model.Config;
        int d = c.Dim, r = c.Hidden;
        var p0 = Normal(d, rng);
        model.Assign("e", new double[d]);
        foreach (var name in new[] { "W_Q", "W_K", "W_V" }) model.Assign(name, Normal(d * d, rng));
        model.Assign("W_O", new double[d * d]);
        model.Assign("W_1", Normal(r * d, rng));
        model.Assign("p", Enumerable.Range(0, c.Length).SelectMany(_ => p0.Select(x => x + positionalSpread * rng.Normal()).ToArray()).ToArray());
        model.Assign("W_2", new double[d * r]);
        model.Assign("b", [Logit(chain.Pi1)]);
        if (!c.Tied) model.Assign("a", new double[d]);
    }

    /// <summary>c = E[(π1 − x_{n+1})·x_n] = pq(p+q−1)/(p+q)², the curvature scale at θ_π (spec §3).</summary>
    public static double CurvatureScale(double p, double q) => p * q * (p + q - 1) / ((p + q) * (p + q));

    public static double Logit(double x) => Math.Log(x / (1 - x));

    private static BinaryMarkovChain Checked(double p, double q)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in the open interval (0, 1)");
        if (!(q > 0 && q < 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "q must lie in the open interval (0, 1)");
        return new BinaryMarkovChain(p, q);
    }

    private static double[] Normal(int count, Rng rng) => Enumerable.Range(0, count).Select(_ => rng.Normal()).ToArray();

    private static double[] UnitVector(int d, Rng rng)
    {
        var v = Normal(d, rng);
        double norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    /// <summary>Row-major outer product x yᵀ, shape (|x|, |y|).</summary>
    private static double[] Outer(double[] x, double[] y) => x.SelectMany(xi => y.Select(yj => xi * yj)).ToArray();
}
