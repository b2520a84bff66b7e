// Attention with Markov (arXiv 2402.04161), §4: K independent copies of the trained code model (CodeTransformer) as one
// program — every parameter stacked along a leading model axis, one forward and one backward for all (issue #26).
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// K <see cref="CodeTransformer"/>s of one configuration as one <see cref="BatchedMarkovModel"/>. The forward pass is
/// the single model's, op for op, with the model axis folded into the batch where an op is per-row (embedding lookup,
/// LayerNorm, attention, GELU) and a batched matrix product where the single model has a Linear.
/// <para>
/// Not bit-identical to the single model: a Linear there is one matrix product over B·T rows whose weight gradient
/// libtorch forms as (gradᵀ·input)ᵀ, here a batched product that forms inputᵀ·grad, and the LayerNorm gain multiplies
/// outside the fused kernel; both reassociate float32 sums, so single and batched agree to ≈ 1e-7 relative per step
/// (measured in BatchedTrainingTests), and a training run amplifies that as any float change does.
/// </para>
/// </summary>
public sealed class BatchedCodeTransformer : BatchedMarkovModel
{
    /// <param name="models">K ≥ 1 models of one <see cref="CodeTransformerConfig"/>, on one device; their weights are copied.</param>
    public BatchedCodeTransformer(IReadOnlyList<CodeTransformer> models) : base("BatchedCodeTransformer", OfOneConfiguration(models, m => m.Config))
    {
        Config = models[0].Config;
    }

    public CodeTransformerConfig Config { get; }

    protected override Tensor Forward(Tensor idx, Func<string, Tensor> parameter)
    {
        long k = idx.shape[0], b = idx.shape[1], t = idx.shape[2];
        int d = Config.Dim;
        if (t > Config.Length) throw new ArgumentException($"sequence length {t} exceeds the model's T = {Config.Length}", nameof(idx));
        // token lookup in the (2K, d) table: symbol s of model m is row 2m + s
        var wte = parameter("wte");                                                         // (K, 2, d)
        var rows = idx + arange(k, device: idx.device).mul(2).view(k, 1, 1);                 // (K, B, T)
        var x = wte.reshape(2 * k, d).index_select(0, rows.reshape(-1)).reshape(k, b, t, d)
                + parameter("wpe").narrow(1, 0, t).unsqueeze(1);                              // (K, B, T, d)
        for (int l = 0; l < Config.Layers; l++) x = Block(x, l, parameter);                  // (K, B, T, d)
        x = LayerNorm(x, parameter("ln_f"));                                                 // (K, B, T, d)
        var head = Config.Tied ? wte : parameter("lm_head_weight");                          // (K, 2, d)
        return Linear(x, head) + parameter("lm_head_bias").view(k, 1, 1, 2);                 // (K, B, T, 2)
    }

    /// <summary>One <see cref="CodeBlock"/> on (K, B, T, d).</summary>
    private Tensor Block(Tensor x, int layer, Func<string, Tensor> parameter)
    {
        long k = x.shape[0], b = x.shape[1], t = x.shape[2];
        int d = Config.Dim;
        Tensor P(string name) => parameter($"blocks.{layer}.{name}");
        var h = LayerNorm(x, P("ln_1"));                                                     // (K, B, T, d)
        var qkv = Linear(h, P("c_attn.weight")).reshape(k * b, t, 3 * d).unsqueeze(1).split(d, 3);   // 3 × (K·B, 1, T, d)
        var att = Config.Window == 0
            ? nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], is_casual: true)
            : nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], CodeBlock.WindowMask(t, Config.Window, x.dtype, x.device));   // (K·B, 1, T, d)
        x = x + Linear(att.squeeze(1).reshape(k, b, t, d), P("attn_proj.weight"));          // (K, B, T, d)
        var m = LayerNorm(x, P("ln_2"));                                                     // (K, B, T, d)
        return x + Linear(nn.functional.gelu(Linear(m, P("c_fc.weight"))), P("mlp_proj.weight"));   // (K, B, T, d)
    }

    /// <summary>LayerNorm over d (no bias) with model k's gain: (K, B, T, d) → (K, B, T, d).</summary>
    private static Tensor LayerNorm(Tensor x, Tensor gain) =>
        nn.functional.layer_norm(x, [x.shape[3]], null, null, 1e-5) * gain.view(gain.shape[0], 1, 1, gain.shape[1]);
}
