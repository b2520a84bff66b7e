// Attention with Markov (arXiv 2402.04161), §4: one pre-LN block of the trained model
// (authors' repo Bond1995/Markov, Markov-LLM/src/models/base.py, nanoGPT/GPT-2 layout; spec §2 "experimental model").
using TorchSharp.Modules;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// x ← x + c_proj(attn(ln_1(x))); x ← x + mlp(ln_2(x)), single causal head, MLP d → 4d → d with GELU, no Linear
/// biases and LayerNorms without bias (the code's <c>bias=False</c>), dropout 0.
/// </summary>
public sealed class CodeBlock : nn.Module<Tensor, Tensor>
{
    private readonly Parameter ln_1;
    private readonly Linear c_attn;
    private readonly Linear attn_proj;
    private readonly Parameter ln_2;
    private readonly Linear c_fc;
    private readonly Linear mlp_proj;
    private readonly int dim;
    private readonly int window;

    /// <param name="window">M ≥ 1: position t attends to t−M+1 … t only; 0: full causal attention.</param>
    public CodeBlock(int dim, int layers, Generator? generator, int window = 0, Device? device = null) : base("CodeBlock")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        this.dim = dim;
        this.window = window;
        ln_1 = new Parameter(ones(dim, device: device));
        ln_2 = new Parameter(ones(dim, device: device));
        c_attn = nn.Linear(dim, 3 * dim, hasBias: false, device: device);
        attn_proj = nn.Linear(dim, dim, hasBias: false, device: device);
        c_fc = nn.Linear(dim, 4 * dim, hasBias: false, device: device);
        mlp_proj = nn.Linear(4 * dim, dim, hasBias: false, device: device);
        RegisterComponents();
        using var _ = no_grad();
        // GPT-2 init: N(0, 0.02), residual projections N(0, 0.02/√(2L)).
        HostRandom.NormalInto(c_attn.weight!, 0, 0.02, generator);
        HostRandom.NormalInto(c_fc.weight!, 0, 0.02, generator);
        HostRandom.NormalInto(attn_proj.weight!, 0, 0.02 / Math.Sqrt(2 * layers), generator);
        HostRandom.NormalInto(mlp_proj.weight!, 0, 0.02 / Math.Sqrt(2 * layers), generator);
    }

    /// <summary>The Linear weights (decayed by AdamW); LayerNorm gains are not.</summary>
    public IEnumerable<Parameter> DecayedWeights => [c_attn.weight!, attn_proj.weight!, c_fc.weight!, mlp_proj.weight!];

    public IEnumerable<Parameter> UndecayedWeights => [ln_1, ln_2];

    /// <summary>Additive mask (T, T): 0 where t − M &lt; s ≤ t (causal, within the window), −∞ elsewhere.</summary>
    public static Tensor WindowMask(long length, int window, ScalarType dtype, Device? device = null)
    {
        var t = arange(length, device: device).unsqueeze(1);                                // (T, 1)
        var s = arange(length, device: device).unsqueeze(0);                                // (1, T)
        var allowed = s.le(t).logical_and(s.gt(t - window));                               // (T, T)
        return zeros(length, length, dtype, device: device).masked_fill(allowed.logical_not(), double.NegativeInfinity);   // (T, T)
    }

    /// <summary>(B, T, d) → (B, T, d).</summary>
    public override Tensor forward(Tensor x)
    {
        var h = nn.functional.layer_norm(x, [dim], ln_1, null, 1e-5);                      // (B, T, d)
        var qkv = c_attn.call(h).unsqueeze(1).split(dim, 3);                                // 3 × (B, 1, T, d)
        // softmax(q kᵀ/√d + causal mask) v, fused, one head as a 4-D (B, heads, T, d) batch: the layout nanoGPT
        // passes and the one libtorch's fast CPU kernel takes (a 3-D batch falls back to the unfused maths, ≈ 2× slower).
        var att = window == 0
            ? nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], is_casual: true)                   // (B, 1, T, d)
            : nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], WindowMask(x.shape[1], window, x.dtype, x.device));   // (B, 1, T, d)
        x = x + attn_proj.call(att.squeeze(1));                                             // (B, T, d)
        var m = nn.functional.layer_norm(x, [dim], ln_2, null, 1e-5);                       // (B, T, d)
        return x + mlp_proj.call(nn.functional.gelu(c_fc.call(m)));                        // (B, T, d)
    }
}
