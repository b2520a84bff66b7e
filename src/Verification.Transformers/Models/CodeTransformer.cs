// Attention with Markov (arXiv 2402.04161), §4: the model the paper trained (authors' repo Bond1995/Markov,
// Markov-LLM/src/models/base.py: nanoGPT/GPT-2, pre-LN, GELU, 2-way softmax head, tied token embedding).
using TorchSharp.Modules;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// d (n_embd), L (n_layer ≥ 1), T (sequence length for wpe), tying wte = lm_head.weight; <paramref name="Window"/>
/// M ≥ 1 limits attention to the last M positions (the v1 paper's "memory" experiment), 0 = full causal attention.
/// </summary>
public sealed record CodeTransformerConfig(int Dim, int Layers, int Length, bool Tied, int Window = 0)
{
    public CodeTransformerConfig Validate()
    {
        if (Dim <= 0) throw new ArgumentOutOfRangeException(nameof(Dim), Dim, "embedding dimension d must be ≥ 1");
        if (Layers <= 0) throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "depth L must be ≥ 1");
        if (Length <= 0) throw new ArgumentOutOfRangeException(nameof(Length), Length, "sequence length T must be ≥ 1");
        if (Window < 0) throw new ArgumentOutOfRangeException(nameof(Window), Window, "attention window M must be ≥ 1, or 0 for full causal attention");
        return this;
    }
}

/// <summary>
/// Token embedding wte (2, d) + learned position embedding wpe (T, d) → L pre-LN <see cref="CodeBlock"/>s → ln_f →
/// lm_head (d → 2, with bias): two logits per position, trained with softmax cross-entropy. Tied: the head weight is
/// wte itself. Theory equivalence (spec §2): e = e₁ − e₀, a = e, b = b₁ − b₀.
/// </summary>
public sealed class CodeTransformer : nn.Module<Tensor, Tensor>, IMarkovModel
{
    private readonly Parameter wte;
    private readonly Parameter wpe;
    private readonly ModuleList<CodeBlock> blocks;
    private readonly Parameter ln_f;
    private readonly Parameter? lm_head_weight;
    private readonly Parameter lm_head_bias;

    /// <param name="device">Where every parameter lives: the run's device (torch's default device when null).</param>
    public CodeTransformer(CodeTransformerConfig config, Generator? generator = null, Device? device = null) : base(Initialized("CodeTransformer"))
    {
        Config = config.Validate();
        int d = config.Dim;
        wte = new Parameter(HostRandom.Normal(0, 0.02, [2, d], ScalarType.Float32, generator, device));
        wpe = new Parameter(HostRandom.Normal(0, 0.02, [config.Length, d], ScalarType.Float32, generator, device));
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new CodeBlock(d, config.Layers, generator, config.Window, device)).ToArray());
        ln_f = new Parameter(ones(d, device: device));
        lm_head_weight = config.Tied ? null : new Parameter(HostRandom.Normal(0, 0.02, [2, d], ScalarType.Float32, generator, device));
        lm_head_bias = new Parameter(zeros(2, device: device));
        RegisterComponents();
    }

    public CodeTransformerConfig Config { get; }

    /// <summary>Where the parameters live; inputs of <see cref="forward"/> must be there too.</summary>
    public Device Device => wte.device;

    // The base constructor already calls into native torch: load it (and patch it where needed) first.
    private static string Initialized(string name)
    {
        TorchRuntime.Initialize();
        return name;
    }

    /// <summary>Linear weights, decayed by AdamW (the untied head is a Linear; the tied matrix is not decayed).</summary>
    public IEnumerable<Parameter> DecayedParameters =>
        blocks.SelectMany(b => b.DecayedWeights).Concat(lm_head_weight is null ? [] : [lm_head_weight]);

    /// <summary>Embeddings, LayerNorm gains and the head bias: not decayed.</summary>
    public IEnumerable<Parameter> UndecayedParameters =>
        new[] { wte, wpe, ln_f, lm_head_bias }.Concat(blocks.SelectMany(b => b.UndecayedWeights));

    public Tensor Logits(Tensor idx) => call(idx);

    /// <summary>(B, T) int64 symbols → (B, T, 2) logits for x_{t+1}.</summary>
    public override Tensor forward(Tensor idx)
    {
        long t = idx.shape[1];
        if (t > Config.Length) throw new ArgumentException($"sequence length {t} exceeds the model's T = {Config.Length}", nameof(idx));
        var x = wte.index_select(0, idx.reshape(-1)).reshape(idx.shape[0], t, Config.Dim) + wpe.narrow(0, 0, t);   // (B, T, d)
        foreach (var block in blocks) x = block.call(x);                                    // (B, T, d)
        x = nn.functional.layer_norm(x, [Config.Dim], ln_f, null, 1e-5);                    // (B, T, d)
        return x.matmul((lm_head_weight ?? wte).t()) + lm_head_bias;                        // (B, T, 2)
    }
}
