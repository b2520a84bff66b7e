// Local to Global (arXiv 2406.03072), §4: K independent copies of the authors' simplified model (SimpleTransformer) as
// one program — every parameter stacked along a leading model axis (issue #26).
using static TorchSharp.torch;

namespace Verification.Transformers.Models;

/// <summary>
/// K <see cref="SimpleTransformer"/>s of one configuration as one <see cref="BatchedMarkovModel"/>. The forward pass is
/// the single model's, op for op: the scalar embedding and positions per model, each weight product a batched matrix
/// product, attention over models × batch, the output product ⟨a, z_t⟩ a product summed over d.
/// <para>
/// Not bit-identical to the single model, for the reason given at <see cref="BatchedCodeTransformer"/>: a batched
/// product reassociates float32 sums differently from the single model's matmul (measured within 1e-6 in
/// BatchedTrainingTests).
/// </para>
/// </summary>
public sealed class BatchedSimpleTransformer : BatchedMarkovModel
{
    /// <param name="models">K ≥ 1 models of one <see cref="SimpleTransformerConfig"/>, on one device; their weights are copied.</param>
    public BatchedSimpleTransformer(IReadOnlyList<SimpleTransformer> models) : base("BatchedSimpleTransformer", OfOneConfiguration(models, m => m.Config))
    {
        Config = models[0].Config;
    }

    public SimpleTransformerConfig Config { get; }

    protected override Tensor Forward(Tensor idx, Func<string, Tensor> parameter)
    {
        long k = idx.shape[0], b = idx.shape[1], t = idx.shape[2];
        int d = Config.Dim;
        if (t > Config.Length) throw new ArgumentException($"sequence length {t} exceeds the model's T = {Config.Length}", nameof(idx));
        var e = parameter("e");                                                              // (K, d)
        var h = idx.to_type(ScalarType.Float32).unsqueeze(-1) * e.view(k, 1, 1, d)
                + parameter("wpe").narrow(1, 0, t).unsqueeze(1);                              // (K, B, T, d)
        Tensor Heads(string weight) => Linear(h, parameter(weight)).reshape(k * b, 1, t, d); // (K·B, 1, T, d)
        var attention = nn.functional.scaled_dot_product_attention(Heads("w_q"), Heads("w_k"), Heads("w_v"), is_casual: true);   // (K·B, 1, T, d)
        var y = h + attention.reshape(k, b, t, d);                                           // (K, B, T, d)
        var z = y + Linear(nn.functional.relu(Linear(y, parameter("w_1"))), parameter("w_2"));   // (K, B, T, d)
        var head = Config.Tied ? e : parameter("a");                                         // (K, d)
        // ⟨a, z_t⟩ as a product and a sum over d, not a (K, B·T, d)·(K, d, 1) bmm: libtorch computes that batched
        // matrix–vector product through a different kernel for K = 1 than for K > 1 (4.8e-7 apart, measured), which
        // would make a run depend on its batch
        var logit = (z * head.view(k, 1, 1, d)).sum(-1) + parameter("b").view(k, 1, 1);     // (K, B, T)
        return stack([zeros_like(logit), logit], -1);                                        // (K, B, T, 2)
    }
}
