// Local to Global (arXiv 2406.03072), §2 canonical reduction (spec local-to-global §1 "An exact full-weight
// construction"): the map from the canonical (e, w, b) to weights of the single-layer transformer of Attention with
// Markov (Models/TheoryTransformer, tied, W_V = 0) whose logits equal the canonical ones.
using Verification.Core.Seeding;
using Verification.Transformers.Models;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>Which rank-one MLP direction u the bridge uses.</summary>
public enum BridgeVariant
{
    /// <summary>u = (2/√r)·1: nonnegative entries, ‖u‖² = 4, so ReLU keeps the rank-one structure.</summary>
    Faithful,

    /// <summary>u with random signs (the authors' May-2024 `lowrank` init, spec §1): the reduced gap is no longer e²(1+2w|w|).</summary>
    RandomSignU,
}

/// <summary>
/// e⃗ = e·α, p_n = −(e/2)·α for every n, W1 = |w|·u αᵀ, W2 = w·α uᵀ, W_V = 0 (attention then adds nothing, whatever W_Q,
/// W_K, W_O are), tied head a = e⃗, with α a fixed unit vector. For e ≥ 0 the head bias is b; for e &lt; 0 ReLU fires after
/// a 0 instead of a 1, the gap is the same and f0 moves by −2e²w|w|, which the bias absorbs: b + 2e²w|w|.
/// </summary>
public static class TransformerBridge
{
    /// <summary>The unit vector α ∝ (1, 2, …, d) (deliberately not an axis).</summary>
    public static double[] Alpha(int d)
    {
        var a = Enumerable.Range(1, d).Select(i => (double)i).ToArray();
        double norm = Math.Sqrt(a.Sum(x => x * x));
        return a.Select(x => x / norm).ToArray();
    }

    /// <summary>
    /// Overwrites e, p, W_V, W_1, W_2 and b of a tied <paramref name="model"/> with the image of (e, w, b).
    /// <paramref name="rng"/> is needed only for <see cref="BridgeVariant.RandomSignU"/>.
    /// </summary>
    public static void Load(TheoryTransformer model, double e, double w, double b,
        BridgeVariant variant = BridgeVariant.Faithful, Rng? rng = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Config.Tied)
            throw new ArgumentException("the canonical reduction needs a tied model (output head a = e); weight tying is essential (spec pitfall 9)", nameof(model));
        if (!double.IsFinite(e) || !double.IsFinite(w) || !double.IsFinite(b))
            throw new ArgumentOutOfRangeException(nameof(e), (e, w, b), "the canonical parameters (e, w, b) must be finite");
        if (variant == BridgeVariant.RandomSignU && rng is null)
            throw new ArgumentNullException(nameof(rng), "the random-sign variant needs a random stream");
        int d = model.Config.Dim, n = model.Config.Length, r = model.Config.Hidden;
        var alpha = Alpha(d);
        var u = Enumerable.Range(0, r)
            .Select(_ => 2 / Math.Sqrt(r) * (variant == BridgeVariant.Faithful || rng!.Bernoulli(0.5) ? 1 : -1)).ToArray();

        model.Assign("e", alpha.Select(a => e * a).ToArray());                                          // (d)
        model.Assign("p", Enumerable.Range(0, n).SelectMany(_ => alpha.Select(a => -e / 2 * a)).ToArray());   // (N, d)
        model.Assign("W_V", new double[d * d]);                                                         // (d, d)
        model.Assign("W_1", Outer(u, alpha, Math.Abs(w)));                                              // (r, d)
        model.Assign("W_2", Outer(alpha, u, w));                                                        // (d, r)
        model.Assign("b", [e >= 0 ? b : b + 2 * e * e * w * Math.Abs(w)]);                               // ()
    }

    private static double[] Outer(double[] left, double[] right, double scale)
    {
        var m = new double[left.Length * right.Length];
        for (int i = 0; i < left.Length; i++)
            for (int j = 0; j < right.Length; j++)
                m[i * right.Length + j] = scale * left[i] * right[j];
        return m;
    }
}
