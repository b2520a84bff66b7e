// arXiv 2407.15504, §4 (LLMLingua-2: a RoBERTa/XLM-RoBERTa token classifier) and §5 (QuerySelect: the same classifier
// with query-dependent labels); spec §5. The paper-scale stand-in for those encoders: token and learned position
// embeddings, bidirectional pre-LayerNorm blocks (Models/EncoderBlock.cs), a final LayerNorm, a per-token keep logit.
using TorchSharp;
using TorchSharp.Modules;
using Verification.PromptCompression.Models;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Compressors;

/// <summary>
/// Per-token keep logits from a small bidirectional transformer encoder. Same ids as the GRU
/// (<see cref="TokenClassifierNet"/>: 2·query + bit, padding 16), so every token carries the query, as the paper's
/// input carries it beside the context; padded keys are masked, so a prompt's logits do not depend on its batch.
/// </summary>
public sealed class TokenClassifierTransformer : nn.Module<Tensor, Tensor>
{
    /// <summary>The spec's "2 layers"; 4 heads; positions for prompts of up to 32 tokens (BitString holds ≤ 30).</summary>
    public const int Layers = 2, Heads = 4, MaxTokens = 32;

    private readonly Embedding token, position;
    private readonly ModuleList<EncoderBlock> blocks = new();
    private readonly LayerNorm finalNorm;
    private readonly Linear head;

    /// <param name="dim">width d (heads must divide it); the MLP is 4d wide, as in RoBERTa and Pythia.</param>
    /// <param name="device">Where the parameters live: the run's device (torch's default device when null).</param>
    public TokenClassifierTransformer(int dim, Device? device = null) : base(nameof(TokenClassifierTransformer))
    {
        token = nn.Embedding(TokenClassifierNet.Vocabulary, dim, device: device);
        position = nn.Embedding(MaxTokens, dim, device: device);
        for (int i = 0; i < Layers; i++) blocks.Add(new EncoderBlock(dim, Heads, 4 * dim, device));
        finalNorm = nn.LayerNorm(dim, device: device);
        head = nn.Linear(dim, 1, device: device);
        RegisterComponents();
    }

    /// <param name="ids">(B, T) token ids.</param>
    /// <returns>(B, T) keep logits.</returns>
    public override Tensor forward(Tensor ids)
    {
        long t = ids.shape[1];
        if (t > MaxTokens) throw new ArgumentOutOfRangeException(nameof(ids), t, $"at most {MaxTokens} tokens");
        using var scope = NewDisposeScope();
        var padding = ids.eq(TokenClassifierNet.Padding);                                                        // (B, T)
        var h = token.call(ids) + position.call(arange(t, ScalarType.Int64, device: ids.device)).unsqueeze(0);   // (B, T, d)
        foreach (var block in blocks) h = block.call(h, padding);                                                // (B, T, d)
        var logits = head.call(finalNorm.call(h)).squeeze(-1);                                                   // (B, T)
        return logits.MoveToOuterDisposeScope();
    }
}
