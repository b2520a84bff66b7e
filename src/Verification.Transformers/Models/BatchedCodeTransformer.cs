// Attention with Markov (arXiv 2402.04161), §4: K independent copies of the trained code model (CodeTransformer) as one
// program — every parameter stacked along a leading model axis, one forward and one backward for all (issue #26).
using TorchSharp.Modules;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// K <see cref="CodeTransformer"/>s of one configuration trained as one: each parameter of the single model becomes a
/// (K, …) parameter whose slice k is model k's, built from K models made as usual (so model k starts from exactly the
/// weights its own seed draws). The forward pass is the single model's, op for op, with the model axis folded into
/// the batch where an op is per-row (embedding lookup, LayerNorm, attention, GELU) and a batched matrix product where
/// the single model has a Linear: no op mixes two models, so model k's loss, gradient and (with the elementwise AdamW)
/// update depend on model k's data and weights only — not on K, nor on which models share the batch.
/// <para>
/// Not bit-identical to the single model: a Linear there is one matrix product over B·T rows whose weight gradient
/// libtorch forms as (gradᵀ·input)ᵀ, here a batched product that forms inputᵀ·grad, and the LayerNorm gain multiplies
/// outside the fused kernel; both reassociate float32 sums, so single and batched agree to ≈ 1e-7 relative per step
/// (measured in BatchedTrainingTests), and a training run amplifies that as any float change does.
/// </para>
/// </summary>
public sealed class BatchedCodeTransformer : nn.Module<Tensor, Tensor>
{
    private readonly Dictionary<string, Parameter> stacked = new(StringComparer.Ordinal);
    private readonly List<Parameter> decayed = [];
    private readonly List<Parameter> undecayed = [];

    /// <param name="models">K ≥ 1 models of one <see cref="CodeTransformerConfig"/>, on one device; their weights are copied.</param>
    public BatchedCodeTransformer(IReadOnlyList<CodeTransformer> models) : base(Initialized("BatchedCodeTransformer"))
    {
        if (models.Count == 0) throw new ArgumentException("at least one model is needed", nameof(models));
        Config = models[0].Config;
        if (models.Any(m => m.Config != Config)) throw new ArgumentException("every model of a batch must share one configuration", nameof(models));
        Count = models.Count;
        var decayedNames = Names(models[0], models[0].DecayedParameters);
        var byModel = models.Select(ByName).ToArray();
        using (no_grad())
        {
            foreach (var (name, _) in models[0].named_parameters())
            {
                var slices = byModel.Select(m => m[name].detach()).ToArray();
                var p = new Parameter(stack(slices, 0).contiguous());
                stacked[name] = p;
                register_parameter(name.Replace('.', '_'), p);
                (decayedNames.Contains(name) ? decayed : undecayed).Add(p);
            }
        }
    }

    public CodeTransformerConfig Config { get; }

    /// <summary>K, the number of models.</summary>
    public int Count { get; }

    public Device Device => stacked["wte"].device;

    /// <summary>The stacked Linear weights (decayed by AdamW), as the single model's groups.</summary>
    public IEnumerable<Parameter> DecayedParameters => decayed;

    /// <summary>The stacked embeddings, LayerNorm gains and head bias (not decayed).</summary>
    public IEnumerable<Parameter> UndecayedParameters => undecayed;

    private static string Initialized(string name)
    {
        TorchRuntime.Initialize();
        return name;
    }

    private static Dictionary<string, Parameter> ByName(CodeTransformer model) =>
        model.named_parameters().ToDictionary(np => np.name, np => np.parameter, StringComparer.Ordinal);

    private static HashSet<string> Names(CodeTransformer model, IEnumerable<Parameter> subset)
    {
        var handles = subset.Select(p => p.Handle).ToHashSet();
        return model.named_parameters().Where(np => handles.Contains(np.parameter.Handle)).Select(np => np.name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Writes model k's slice of every parameter into <paramref name="model"/> (one of the same configuration).</summary>
    public void CopyInto(int k, CodeTransformer model)
    {
        using var _ = no_grad();
        var target = ByName(model);
        foreach (var (name, p) in stacked) target[name].copy_(p[k]);
    }

    /// <summary>(K, B, T) int64 symbols, model k's batch at k → (K, B, T, 2) logits.</summary>
    public override Tensor forward(Tensor idx)
    {
        if (idx.shape[0] != Count) throw new ArgumentException($"the batch holds {idx.shape[0]} models' data, the program {Count} models", nameof(idx));
        return Forward(idx, name => stacked[name]);
    }

    /// <summary>
    /// The models <paramref name="live"/> only (indices into the K, ascending): (|live|, B, T) symbols, row j for model
    /// live[j] → (|live|, B, T, 2) logits. The other models cost nothing and get a zero gradient. Their parameters
    /// are read through index_select, whose backward scatters each row's gradient into zeros, exactly: a live
    /// model's loss, gradient and update are bit for bit those of the full batch.
    /// </summary>
    public Tensor Forward(Tensor idx, long[] live)
    {
        if (live.Length == Count) return forward(idx);
        if (idx.shape[0] != live.Length) throw new ArgumentException($"the batch holds {idx.shape[0]} models' data, {live.Length} models are live", nameof(idx));
        using var rows = tensor(live, device: Device);
        return Forward(idx, name => stacked[name].index_select(0, rows));
    }

    private Tensor Forward(Tensor idx, Func<string, Tensor> parameter)
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

    /// <summary>x·Wₖᵀ per model, as the single model's bias-free Linear: (K, B, T, in) × (K, out, in) → (K, B, T, out).</summary>
    private static Tensor Linear(Tensor x, Tensor weight)
    {
        long k = x.shape[0], b = x.shape[1], t = x.shape[2];
        return x.reshape(k, b * t, x.shape[3]).bmm(weight.transpose(1, 2)).reshape(k, b, t, weight.shape[1]);
    }
}
