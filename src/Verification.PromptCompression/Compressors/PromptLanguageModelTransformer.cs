// arXiv 2407.15504, §4: Selective Context and (Long)LLMLingua score tokens with a small causal LM (Pythia in the
// paper); spec §5. The paper-scale stand-in: token and learned position embeddings, causal pre-LayerNorm blocks
// (Models/EncoderBlock.cs), a final LayerNorm, next-bit logits.
using TorchSharp;
using TorchSharp.Modules;
using Verification.PromptCompression.Models;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Compressors;

/// <summary>
/// Next-bit logits after a context token (a query, or "no query") and the bits so far, from a small decoder-only
/// transformer. Same ids as the GRU (<see cref="PromptLanguageModelNet"/>). Position i attends to positions ≤ i only,
/// so its logits are those of the prefix ids[0..i] — what <see cref="PromptLanguageModel.NextBitLoss"/> relies on.
/// </summary>
public sealed class PromptLanguageModelTransformer : nn.Module<Tensor, Tensor>
{
    /// <summary>The spec's "2 layers"; 4 heads; positions for the context token and up to 31 bits (BitString holds ≤ 30).</summary>
    public const int Layers = 2, Heads = 4, MaxTokens = 32;

    private readonly Embedding token, position;
    private readonly ModuleList<EncoderBlock> blocks = new();
    private readonly LayerNorm finalNorm;
    private readonly Linear head;

    /// <param name="dim">width d (heads must divide it); the MLP is 4d wide, as in Pythia.</param>
    /// <param name="device">Where the parameters live: the run's device (torch's default device when null).</param>
    /// <param name="causal">true for the LM; false only as the negative control of the causality test (the future leaks).</param>
    public PromptLanguageModelTransformer(int dim, Device? device = null, bool causal = true) : base(nameof(PromptLanguageModelTransformer))
    {
        token = nn.Embedding(PromptLanguageModelNet.Vocabulary, dim, device: device);
        position = nn.Embedding(MaxTokens, dim, device: device);
        for (int i = 0; i < Layers; i++) blocks.Add(new EncoderBlock(dim, Heads, 4 * dim, device, causal));
        finalNorm = nn.LayerNorm(dim, device: device);
        head = nn.Linear(dim, 2, device: device);
        RegisterComponents();
    }

    /// <param name="ids">(B, 1 + T): the context token, then the bits (padding at the end).</param>
    /// <returns>(B, 1 + T, 2): logits of the next bit after each prefix.</returns>
    public override Tensor forward(Tensor ids)
    {
        long t = ids.shape[1];
        if (t > MaxTokens) throw new ArgumentOutOfRangeException(nameof(ids), t, $"at most {MaxTokens} tokens");
        using var scope = NewDisposeScope();
        var padding = ids.eq(PromptLanguageModelNet.Padding);                                                    // (B, 1+T); padding is last, so no position loses its keys
        var h = token.call(ids) + position.call(arange(t, ScalarType.Int64, device: ids.device)).unsqueeze(0);   // (B, 1+T, d)
        foreach (var block in blocks) h = block.call(h, padding);                                                // (B, 1+T, d)
        var logits = head.call(finalNorm.call(h));                                                               // (B, 1+T, 2)
        return logits.MoveToOuterDisposeScope();
    }
}
