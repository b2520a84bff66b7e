// Rare Gems (Sreenivasan et al., NeurIPS 2022, arXiv 2202.12002), §3 and the spec's §1/§5: the network GEM-MINER
// searches. Bias-free MLP (784-300-100-10 by default), ReLU, non-affine BatchNorm after each hidden layer (as the
// reference code's NonAffineBatchNorm), per weight a frozen value w, a score p ∈ [0,1] and a freeze flag q ∈ {0,1}.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>How the mask of a <see cref="MaskedMlp"/> is formed in the forward pass.</summary>
public enum MaskMode
{
    /// <summary>GEM-MINER: m = 1[p &gt; 0.5] ⊙ q with a straight-through gradient ∂m/∂p = q.</summary>
    Mining,
    /// <summary>Fine-tuning and evaluation of a given mask: m is a fixed 0/1 tensor per layer.</summary>
    Fixed,
    /// <summary>Edge-popup: m keeps the top-k scores of each layer, straight-through.</summary>
    TopKPerLayer,
}

/// <summary>BatchNorm1d without scale or shift; running statistics still update (momentum 0.1, or a cumulative average).</summary>
public sealed class NonAffineBatchNorm : nn.Module<Tensor, Tensor>
{
    private readonly Tensor running_mean;
    private readonly Tensor running_var;
    private const double Eps = 1e-5;
    private long cumulativeBatches = -1;   // ≥ 0: recomputing statistics as a plain average over batches

    /// <param name="device">Where the running statistics live (torch's default device when null).</param>
    public NonAffineBatchNorm(long features, ScalarType dtype, Device? device = null) : base(nameof(NonAffineBatchNorm))
    {
        running_mean = zeros(features, dtype: dtype, device: device);
        running_var = ones(features, dtype: dtype, device: device);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)   // (B, n) → (B, n)
    {
        if (!training) return (x - running_mean) / (running_var + Eps).sqrt();
        var mean = x.mean([0]);                              // (n)
        var variance = x.var(0, unbiased: false);           // (n)
        using (no_grad())
        {
            double m = cumulativeBatches >= 0 ? 1.0 / ++cumulativeBatches : 0.1;
            long b = x.shape[0];
            running_mean.mul_(1 - m).add_(mean.detach() * m);
            running_var.mul_(1 - m).add_(variance.detach() * (m * b / Math.Max(1, b - 1)));
        }
        return (x - mean) / (variance + Eps).sqrt();
    }

    /// <summary>Starts (true) or ends (false) recomputing the running statistics as an average over the next batches.</summary>
    public void Recompute(bool start) => cumulativeBatches = start ? 0 : -1;
}

/// <summary>
/// The masked MLP. <c>W[l]</c> (out, in) are the weights (trained only when fine-tuning), <c>P[l]</c> the scores
/// (trained only when mining), <c>Q[l]</c> the freeze flags, <c>M[l]</c> the fixed mask of <see cref="MaskMode.Fixed"/>.
/// </summary>
public sealed class MaskedMlp : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor>[] norms;

    /// <param name="device">Where every parameter and buffer lives: the run's device (torch's default device when null).</param>
    public MaskedMlp(IReadOnlyList<int> widths, ScalarType dtype = ScalarType.Float32, Device? device = null) : base(nameof(MaskedMlp))
    {
        if (widths.Count < 2 || widths.Any(w => w <= 0))
            throw new ArgumentException($"widths must be ≥ 2 positive layer sizes, got [{string.Join(",", widths)}]", nameof(widths));
        Widths = [.. widths];
        int layers = widths.Count - 1;
        var w = new Parameter[layers];
        var p = new Parameter[layers];
        Q = new Tensor[layers];
        M = new Tensor[layers];
        norms = new nn.Module<Tensor, Tensor>[layers - 1];
        for (int l = 0; l < layers; l++)
        {
            w[l] = new Parameter(zeros(widths[l + 1], widths[l], dtype: dtype, device: device));   // (out, in)
            p[l] = new Parameter(zeros(widths[l + 1], widths[l], dtype: dtype, device: device));   // (out, in)
            Q[l] = ones(widths[l + 1], widths[l], dtype: dtype, device: device);
            M[l] = ones(widths[l + 1], widths[l], dtype: dtype, device: device);
            register_parameter($"w{l}", w[l]);
            register_parameter($"p{l}", p[l]);
            register_buffer($"q{l}", Q[l]);
            register_buffer($"m{l}", M[l]);
            if (l < layers - 1)
            {
                norms[l] = new NonAffineBatchNorm(widths[l + 1], dtype, device);
                register_module($"bn{l}", norms[l]);
            }
        }
        W = w;
        P = p;
    }

    public int[] Widths { get; }
    public int Layers => Widths.Length - 1;

    /// <summary>Copies <paramref name="weights"/> (one tensor per layer, the shapes of <see cref="W"/>) into the weights: a rewind.</summary>
    public void LoadWeights(IReadOnlyList<Tensor> weights)
    {
        using var _ = no_grad();
        for (int l = 0; l < Layers; l++) W[l].copy_(weights[l]);
    }
    public Parameter[] W { get; }
    public Parameter[] P { get; }
    public Tensor[] Q { get; }
    public Tensor[] M { get; }
    public MaskMode Mode { get; set; } = MaskMode.Mining;

    /// <summary>Sabotage: the straight-through gradient skips the flags, so frozen entries still get a task gradient.</summary>
    public bool StraightThroughIgnoresFlags { get; set; }

    /// <summary>Keep fraction of each layer in <see cref="MaskMode.TopKPerLayer"/>.</summary>
    public double TopKDensity { get; set; } = 1;

    /// <summary>Number of weights of layer l and in all.</summary>
    public long LayerSize(int l) => (long)Widths[l] * Widths[l + 1];
    public long Size => Enumerable.Range(0, Layers).Sum(LayerSize);

    /// <summary>The mask of layer l as used in the forward pass (with its straight-through gradient where mining).</summary>
    public Tensor Mask(int l) => Mode switch
    {
        // value 1[p>0.5]·q exactly (p − p.detach() is 0); gradient wrt p is q: ∂L/∂p = (∂L/∂w_eff ⊙ w) ⊙ q.
        MaskMode.Mining when StraightThroughIgnoresFlags => Q[l] * P[l].gt(0.5).to(P[l].dtype) + (P[l] - P[l].detach()),
        MaskMode.Mining => Q[l] * (P[l].gt(0.5).to(P[l].dtype) + (P[l] - P[l].detach())),
        MaskMode.TopKPerLayer => TopK(P[l], TopKDensity) + (P[l].abs() - P[l].abs().detach()),   // ranks |p|, gradient through |p|
        _ => M[l],
    };

    private static Tensor TopK(Tensor scores, double density)
    {
        using var _ = no_grad();
        var flat = scores.abs().flatten();
        long k = Math.Max(1, (long)Math.Round(density * flat.shape[0]));
        var mask = zeros_like(flat);
        mask.index_put_(ones(k, dtype: scores.dtype, device: scores.device), flat.topk((int)k).indexes);
        return mask.view_as(scores);
    }

    public override Tensor forward(Tensor x)   // (B, Widths[0]) → (B, Widths[^1]) logits
    {
        var h = x;
        for (int l = 0; l < Layers; l++)
        {
            h = h.matmul((W[l] * Mask(l)).t());               // (B, Widths[l+1])
            if (l < Layers - 1) h = nn.functional.relu(norms[l].call(h));
        }
        return h;
    }

    /// <summary>Recomputes the BatchNorm running statistics as the average over <paramref name="batches"/> (train mode, no gradient).</summary>
    public void RecomputeBatchNorm(IEnumerable<Tensor> batches)
    {
        bool wasTraining = training;
        train();
        foreach (var bn in norms.Cast<NonAffineBatchNorm>()) bn.Recompute(true);
        using (no_grad())
            foreach (var x in batches)
            {
                using var scope = NewDisposeScope();
                forward(x);
            }
        foreach (var bn in norms.Cast<NonAffineBatchNorm>()) bn.Recompute(false);
        train(wasTraining);
    }
}
