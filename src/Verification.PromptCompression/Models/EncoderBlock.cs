// The pre-LayerNorm transformer block shared by the PC area's small transformers: the answerer (black box (b), spec §4),
// the token classifier (LLMLingua-2 / QuerySelect, spec §5; bidirectional like RoBERTa) and the prompt LM (Selective
// Context / LLMLingua, spec §5; causal like Pythia). Written out (attention, MLP, residuals) so that every mask is visible.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Models;

/// <summary>
/// One pre-LayerNorm encoder block: x + MHA(LN(x)), then x + MLP(LN(x)). Padded keys are masked out; a causal block
/// also masks every key after the query position, so position i reads only positions ≤ i.
/// </summary>
public sealed class EncoderBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly int heads;
    private readonly bool causal;
    private readonly LayerNorm norm1, norm2;
    private readonly Linear qkv, output, up, down;

    /// <param name="causal">mask the future (a decoder-only LM); false: bidirectional (an encoder).</param>
    public EncoderBlock(int dim, int heads, int feedForward, Device? device = null, bool causal = false) : base(nameof(EncoderBlock))
    {
        if (dim % heads != 0) throw new ArgumentOutOfRangeException(nameof(heads), heads, $"heads must divide the width {dim}");
        this.heads = heads;
        this.causal = causal;
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
    /// <param name="padding">(B, T) true where the token is padding. Every position must keep at least one key.</param>
    public override Tensor forward(Tensor x, Tensor padding)
    {
        long b = x.shape[0], t = x.shape[1], d = x.shape[2], dh = d / heads;
        using var scope = NewDisposeScope();
        var parts = qkv.call(norm1.call(x)).view(b, t, 3, heads, dh).permute(2, 0, 3, 1, 4);   // (3, B, H, T, dh)
        var (q, k, v) = (parts[0], parts[1], parts[2]);                                         // (B, H, T, dh) each
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(dh);                             // (B, H, T, T)
        scores = scores.masked_fill(padding.view(b, 1, 1, t), double.NegativeInfinity);        // no attention to padding
        if (causal)
        {
            var future = ones(t, t, ScalarType.Bool, device: x.device).triu(1);                  // (T, T): key j > query i
            scores = scores.masked_fill(future, double.NegativeInfinity);                       // exp(−∞) = 0: the future gets weight exactly 0
        }
        var attended = nn.functional.softmax(scores, -1).matmul(v);                              // (B, H, T, dh)
        var merged = attended.transpose(1, 2).reshape(b, t, d);                                  // (B, T, d)
        var h = x + output.call(merged);                                                         // (B, T, d)
        var y = h + down.call(nn.functional.gelu(up.call(norm2.call(h))));                       // (B, T, d)
        return y.MoveToOuterDisposeScope();
    }
}
