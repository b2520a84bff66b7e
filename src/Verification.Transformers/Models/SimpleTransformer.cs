// Local to Global (arXiv 2406.03072), §4 experiments: the authors' simplified single-layer model ("Markov-Simple" in
// Bond1995/Markov; spec local-to-global §1 and "Full-model settings"; ../shared/evidence/authors-code-runs.md).
using TorchSharp.Modules;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>Sizes of the simplified model: d, T (learned positions), tied output (a = e) or a separate head a.</summary>
public sealed record SimpleTransformerConfig(int Dim, int Length, bool Tied)
{
    /// <summary>MLP width r = 4d (the authors' code).</summary>
    public int Hidden => 4 * Dim;

    public SimpleTransformerConfig Validate()
    {
        if (Dim <= 0) throw new ArgumentOutOfRangeException(nameof(Dim), Dim, "embedding dimension d must be ≥ 1");
        if (Length <= 0) throw new ArgumentOutOfRangeException(nameof(Length), Length, "sequence length T must be ≥ 1");
        return this;
    }
}

/// <summary>
/// The authors' simplified model, trained like the code model (sampled batches, the paper's AdamW and schedule):
/// <code>
///   h_t = x_t·e + p_t                                   scalar embedding: symbol 0 maps to the zero vector
///   y_t = h_t + Σ_{i≤t} softmax_i(⟨W_Q h_t, W_K h_i⟩/√d) W_V h_i      causal, one head, no output projection
///   z_t = y_t + W_2 ReLU(W_1 y_t)                        r = 4d, no biases, no LayerNorm anywhere
///   logit_t = ⟨a, z_t⟩ + b,  tied: a = e;  P(x_{t+1} = 1) = σ(logit_t)   (binary cross-entropy)
/// </code>
/// Every weight starts N(0, 0.02²), b = 0. Decayed by AdamW: e (the tied output weight is decayed, unlike the code
/// model's), W_Q, W_K, W_V, W_1, W_2 and an untied a; not decayed: the positions p and the bias b (nanoGPT's groups:
/// Linear weights vs embeddings and biases). Decisions where the evidence is silent: no Linear biases, ReLU (not GELU),
/// the same std for every weight. <see cref="Logits"/> returns (0, logit) per position, so the two-class softmax
/// cross-entropy of the shared trainer is exactly the binary cross-entropy of σ(logit).
/// </summary>
public sealed class SimpleTransformer : nn.Module<Tensor, Tensor>, IMarkovModel
{
    private readonly Parameter e;
    private readonly Parameter wpe;
    private readonly Parameter w_q, w_k, w_v, w_1, w_2;
    private readonly Parameter? a;
    private readonly Parameter b;

    public SimpleTransformer(SimpleTransformerConfig config, Generator? generator = null, Device? device = null) : base(Initialized("SimpleTransformer"))
    {
        Config = config.Validate();
        int d = config.Dim, r = config.Hidden;
        Parameter Normal(params long[] shape) => new(HostRandom.Normal(0, 0.02, shape, ScalarType.Float32, generator, device));
        e = Normal(d);
        wpe = Normal(config.Length, d);
        w_q = Normal(d, d);
        w_k = Normal(d, d);
        w_v = Normal(d, d);
        w_1 = Normal(r, d);
        w_2 = Normal(d, r);
        a = config.Tied ? null : Normal(d);
        b = new Parameter(zeros(1, device: device));
        RegisterComponents();
    }

    public SimpleTransformerConfig Config { get; }

    public Device Device => e.device;

    private static string Initialized(string name)
    {
        TorchRuntime.Initialize();
        return name;
    }

    public IEnumerable<Parameter> DecayedParameters => new[] { e, w_q, w_k, w_v, w_1, w_2 }.Concat(a is null ? [] : [a]);

    public IEnumerable<Parameter> UndecayedParameters => [wpe, b];

    public Tensor Logits(Tensor idx) => call(idx);

    /// <summary>(B, T) int64 symbols → (B, T, 2) logits (0, logit_t).</summary>
    public override Tensor forward(Tensor idx)
    {
        long t = idx.shape[1];
        if (t > Config.Length) throw new ArgumentException($"sequence length {t} exceeds the model's T = {Config.Length}", nameof(idx));
        var h = idx.to_type(ScalarType.Float32).unsqueeze(-1) * e + wpe.narrow(0, 0, t);        // (B, T, d)
        var q = h.matmul(w_q.t()).unsqueeze(1);                                                // (B, 1, T, d)
        var k = h.matmul(w_k.t()).unsqueeze(1);                                                // (B, 1, T, d)
        var v = h.matmul(w_v.t()).unsqueeze(1);                                                // (B, 1, T, d)
        // softmax(q kᵀ/√d + causal mask) v, fused, one head as a 4-D (B, heads, T, d) batch (the fast kernel)
        var y = h + nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true).squeeze(1);   // (B, T, d)
        var z = y + nn.functional.relu(y.matmul(w_1.t())).matmul(w_2.t());                     // (B, T, d)
        var logit = z.matmul(a ?? e) + b;                                                      // (B, T)
        return stack([zeros_like(logit), logit], -1);                                          // (B, T, 2)
    }
}
