// arXiv 2407.15504, §5.1 (the black box: an LLM fine-tuned on uncompressed prompts); spec §4, CPU substitute (b):
// "a tiny TorchSharp transformer (2 layers, d = 64)". A bidirectional pre-LayerNorm encoder with learned positions;
// its blocks (attention, MLP, residuals, written out) are Models/EncoderBlock.cs.
using TorchSharp;
using TorchSharp.Modules;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Models;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Oracle;

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
    public void Initialize(long seed) => MiniBatchTrainer.InitializeTransformer(this, seed);

    /// <summary>The class of an answer code of query q.</summary>
    public static int ClassOf(BinaryQuery q, int code) => q == BinaryQuery.Palindrome ? MaxCount + 1 + code : code;
}
