// arXiv 2407.15504, §5.1 (the black box: an LLM fine-tuned on uncompressed prompts); spec §4, CPU substitute (b):
// "a tiny TorchSharp transformer (2 layers, d = 64)". A bidirectional pre-LayerNorm encoder with learned positions,
// written out here (attention, MLP, residuals) so that every step is visible.
using TorchSharp;
using TorchSharp.Modules;
using Verification.Core.Runtime;
using Verification.PromptCompression.Data;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Oracle;

/// <summary>One pre-LayerNorm encoder block: x + MHA(LN(x)), then x + MLP(LN(x)); padded keys are masked out.</summary>
public sealed class EncoderBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly int heads;
    private readonly LayerNorm norm1, norm2;
    private readonly Linear qkv, output, up, down;

    public EncoderBlock(int dim, int heads, int feedForward, Device? device = null) : base(nameof(EncoderBlock))
    {
        if (dim % heads != 0) throw new ArgumentOutOfRangeException(nameof(heads), heads, $"heads must divide the width {dim}");
        this.heads = heads;
        // No biases and no LayerNorm gains inside the blocks: 4 parameter tensors per block instead of 12, which
        // matters on CPU, where Adam's per-tensor steps cost more than this model's arithmetic.
        norm1 = nn.LayerNorm(dim, elementwise_affine: false, device: device);
        qkv = nn.Linear(dim, 3 * dim, hasBias: false, device: device);
        output = nn.Linear(dim, dim, hasBias: false, device: device);
        norm2 = nn.LayerNorm(dim, elementwise_affine: false, device: device);
        up = nn.Linear(dim, feedForward, hasBias: false, device: device);
        down = nn.Linear(feedForward, dim, hasBias: false, device: device);
        RegisterComponents();
    }

    /// <param name="x">(B, T, d) hidden states.</param>
    /// <param name="padding">(B, T) true where the token is padding.</param>
    public override Tensor forward(Tensor x, Tensor padding)
    {
        long b = x.shape[0], t = x.shape[1], d = x.shape[2], dh = d / heads;
        using var scope = NewDisposeScope();
        var parts = qkv.call(norm1.call(x)).view(b, t, 3, heads, dh).permute(2, 0, 3, 1, 4);   // (3, B, H, T, dh)
        var (q, k, v) = (parts[0], parts[1], parts[2]);                                         // (B, H, T, dh) each
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(dh);                             // (B, H, T, T)
        scores = scores.masked_fill(padding.view(b, 1, 1, t), double.NegativeInfinity);        // no attention to padding
        var attended = nn.functional.softmax(scores, -1).matmul(v);                              // (B, H, T, dh)
        var merged = attended.transpose(1, 2).reshape(b, t, d);                                  // (B, T, d)
        var h = x + output.call(merged);                                                         // (B, T, d)
        var y = h + down.call(nn.functional.gelu(up.call(norm2.call(h))));                       // (B, T, d)
        return y.MoveToOuterDisposeScope();
    }
}

/// <summary>
/// The answerer: ids = [query token, bits…, padding…] → answer logits over counts 0…<see cref="MaxCount"/>, No, Yes.
/// Token and learned position embeddings, <c>layers</c> encoder blocks, a final LayerNorm; the head reads the query
/// token's state together with the <em>sum</em> of the bit tokens' states (a sum, not a mean, so that counts are
/// linear in it), through one hidden ReLU layer.
/// </summary>
public sealed class AnswererTransformer : nn.Module<Tensor, Tensor>
{
    public const int MaxCount = 16, Classes = MaxCount + 3, Vocabulary = 10, Padding = 9, MaxTokens = 1 + 32;

    private readonly Embedding token, position;
    private readonly ModuleList<EncoderBlock> blocks = new();
    private readonly LayerNorm finalNorm;
    private readonly Linear hidden, head;

    /// <param name="device">Where the parameters live: the run's device (torch's default device when null).</param>
    public AnswererTransformer(int dim, int layers, int heads, Device? device = null) : base(nameof(AnswererTransformer))
    {
        token = nn.Embedding(Vocabulary, dim, device: device);
        position = nn.Embedding(MaxTokens, dim, device: device);
        for (int i = 0; i < layers; i++) blocks.Add(new EncoderBlock(dim, heads, 2 * dim, device));
        finalNorm = nn.LayerNorm(dim, device: device);
        hidden = nn.Linear(2 * dim, 2 * dim, device: device);
        head = nn.Linear(2 * dim, Classes, device: device);
        RegisterComponents();
    }

    /// <param name="ids">(B, 1 + T): query token 2 + q, then the bits (padding 9 at the end).</param>
    /// <returns>(B, Classes) answer logits.</returns>
    public override Tensor forward(Tensor ids)
    {
        long b = ids.shape[0], t = ids.shape[1];
        if (t > MaxTokens) throw new ArgumentOutOfRangeException(nameof(ids), t, $"at most {MaxTokens - 1} bits");
        using var scope = NewDisposeScope();
        var padding = ids.eq(Padding);                                                   // (B, 1+T)
        var h = token.call(ids) + position.call(arange(t, ScalarType.Int64, device: ids.device)).unsqueeze(0);  // (B, 1+T, d)
        foreach (var block in blocks) h = block.call(h, padding);                        // (B, 1+T, d)
        h = finalNorm.call(h);
        var queryState = h.select(1, 0);                                                 // (B, d)
        var keep = padding.logical_not().unsqueeze(-1).to_type(h.dtype);                 // (B, 1+T, 1)
        var bitSum = (h * keep).narrow(1, 1, t - 1).sum(1) / MaxCount;                   // (B, d): scaled sum over the bits
        var logits = head.call(nn.functional.relu(hidden.call(cat([queryState, bitSum], -1))));   // (B, Classes)
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Seeded init: linear and embedding weights uniform in ±1/√fan-in (embeddings ±0.5), biases 0, LayerNorms (1, 0).</summary>
    public void Initialize(long seed)
    {
        using var _ = no_grad();
        var generator = new Generator((ulong)seed, HostRandom.Host);   // host draws, copied to the device (HostRandom)
        foreach (var (name, p) in named_parameters())
        {
            if (name.Contains("norm", StringComparison.OrdinalIgnoreCase)) { if (name.EndsWith("weight", StringComparison.Ordinal)) p.fill_(1); else p.zero_(); }
            else if (name.EndsWith("bias", StringComparison.Ordinal)) p.zero_();
            else if (name.StartsWith("token", StringComparison.Ordinal) || name.StartsWith("position", StringComparison.Ordinal)) HostRandom.UniformInto(p, -0.5, 0.5, generator);
            else { double a = 1 / Math.Sqrt(p.shape[1]); HostRandom.UniformInto(p, -a, a, generator); }
        }
    }

    /// <summary>The class of an answer code of query q.</summary>
    public static int ClassOf(BinaryQuery q, int code) => q == BinaryQuery.Palindrome ? MaxCount + 1 + code : code;
}
