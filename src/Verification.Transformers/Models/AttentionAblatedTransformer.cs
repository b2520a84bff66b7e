// Attention with Markov (arXiv 2402.04161), ICLR rebuttal ablation (spec attention-with-markov §4 "ICLR/v2 additions"):
// the trained code model with its attention block removed.
using TorchSharp.Modules;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// The <see cref="CodeTransformer"/> of <see cref="CodeTransformerConfig"/> with every block's attention branch removed:
/// x ← x + mlp(ln_2(x)) per block, then ln_f and the (tied or untied) head. It is built as the code model itself and
/// reads that model's parameters, so from the same generator it starts from exactly the code model's weights (the
/// attention weights are drawn and left unused); only the parameters the ablated forward uses are trained. The output
/// at position t then depends on x_t and t alone: on a first-order chain that is all the Bayes predictor needs, on a
/// lag-k chain (k ≥ 2) nothing of x_t predicts x_{t+1}, so the loss cannot go below H(π).
/// </summary>
public sealed class AttentionAblatedTransformer : nn.Module<Tensor, Tensor>, IMarkovModel
{
    private readonly CodeTransformer code;
    private readonly Parameter wte, wpe, ln_f, lm_head_bias;
    private readonly Parameter? lm_head_weight;
    private readonly (Parameter Ln2, Parameter Fc, Parameter Proj)[] mlps;

    public AttentionAblatedTransformer(CodeTransformerConfig config, Generator? generator = null, Device? device = null) : base(Initialized("AttentionAblatedTransformer"))
    {
        code = new CodeTransformer(config, generator, device);
        var named = code.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Parameter Named(string name) => named.TryGetValue(name, out var p) ? p
            : throw new InvalidOperationException($"the code model has no parameter '{name}' (its layout changed)");
        (wte, wpe, ln_f, lm_head_bias) = (Named("wte"), Named("wpe"), Named("ln_f"), Named("lm_head_bias"));
        lm_head_weight = config.Tied ? null : Named("lm_head_weight");
        mlps = Enumerable.Range(0, config.Layers)
            .Select(i => (Named($"blocks.{i}.ln_2"), Named($"blocks.{i}.c_fc.weight"), Named($"blocks.{i}.mlp_proj.weight"))).ToArray();
        // Not registered as components: the parameters belong to the wrapped code model, which this module disposes.
    }

    public CodeTransformerConfig Config => code.Config;

    public Device Device => code.Device;

    private static string Initialized(string name)
    {
        TorchRuntime.Initialize();
        return name;
    }

    /// <summary>The MLP weights and an untied head (the code model's decayed group, less the attention weights).</summary>
    public IEnumerable<Parameter> DecayedParameters =>
        mlps.SelectMany(m => new[] { m.Fc, m.Proj }).Concat(lm_head_weight is null ? [] : [lm_head_weight]);

    /// <summary>Embeddings, ln_2 and ln_f gains, the head bias (ln_1 feeds only the removed attention).</summary>
    public IEnumerable<Parameter> UndecayedParameters => new[] { wte, wpe, ln_f, lm_head_bias }.Concat(mlps.Select(m => m.Ln2));

    public Tensor Logits(Tensor idx) => call(idx);

    /// <summary>(B, T) int64 symbols → (B, T, 2) logits for x_{t+1}.</summary>
    public override Tensor forward(Tensor idx)
    {
        long t = idx.shape[1];
        int d = Config.Dim;
        if (t > Config.Length) throw new ArgumentException($"sequence length {t} exceeds the model's T = {Config.Length}", nameof(idx));
        var x = wte.index_select(0, idx.reshape(-1)).reshape(idx.shape[0], t, d) + wpe.narrow(0, 0, t);   // (B, T, d)
        foreach (var (ln2, fc, proj) in mlps)
        {
            var m = nn.functional.layer_norm(x, [d], ln2, null, 1e-5);                      // (B, T, d)
            x = x + nn.functional.gelu(m.matmul(fc.t())).matmul(proj.t());                  // (B, T, d)
        }
        x = nn.functional.layer_norm(x, [d], ln_f, null, 1e-5);                             // (B, T, d)
        return x.matmul((lm_head_weight ?? wte).t()) + lm_head_bias;                        // (B, T, 2)
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) code.Dispose();
        base.Dispose(disposing);
    }
}
