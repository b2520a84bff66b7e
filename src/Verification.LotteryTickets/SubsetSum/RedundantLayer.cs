// arXiv 2006.07990 §4, Experiment 2 (authors' pruning/ code, "RedLayer"): the theory's layer pair as a prunable module.
// weight1 fans each input j out to r hidden units (one edge each), an optional ReLU ("ReLU" = the theory's variant,
// "Linear" = none), then a dense weight2; weights frozen (Kaiming normal), only edge-popup scores are trained.
using TorchSharp;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// Input (B, in) → output (B, out). Masks keep the top <see cref="KeepFraction"/> of |score| entries of each weight;
/// the straight-through estimator passes the mask's gradient to the scores (edge-popup).
/// </summary>
public sealed class RedundantLayer : nn.Module<Tensor, Tensor>
{
    private readonly Tensor weight1, weight2;   // frozen: (in·r), (out, in·r)
    private readonly TorchSharp.Modules.Parameter score1, score2;
    private readonly int inputs, r;
    private readonly bool relu;

    /// <param name="device">Where weights and scores live: the run's device (torch's default device when null).</param>
    public RedundantLayer(int inputs, int outputs, int r, bool relu, double keepFraction, Generator generator, Device? device = null)
        : base(nameof(RedundantLayer))
    {
        if (inputs < 1 || outputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), "layer sizes must be ≥ 1");
        if (r < 1) throw new ArgumentOutOfRangeException(nameof(r), r, "redundancy r must be ≥ 1");
        if (!(keepFraction > 0 && keepFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(keepFraction), keepFraction, "keep fraction must be in (0, 1]");
        this.inputs = inputs;
        this.r = r;
        this.relu = relu;
        KeepFraction = keepFraction;
        weight1 = (HostRandom.Normal(0, 1, [inputs * r], float32, generator, device) * Math.Sqrt(2)).DetachFromDisposeScope();                               // fan-in 1
        weight2 = (HostRandom.Normal(0, 1, [outputs, inputs * r], float32, generator, device) * Math.Sqrt(2.0 / (inputs * r))).DetachFromDisposeScope();   // (out, in·r)
        // scores as edge-popup initialises them: Kaiming-uniform scale 1/√fan-in, both signs
        score1 = new TorchSharp.Modules.Parameter(HostRandom.Uniform(0, 1, [inputs * r], float32, generator, device) * 2 - 1);
        score2 = new TorchSharp.Modules.Parameter((HostRandom.Uniform(0, 1, [outputs, inputs * r], float32, generator, device) * 2 - 1) / Math.Sqrt(inputs * r));
        RegisterComponents();
    }

    public double KeepFraction { get; }

    public long Weights => weight1.numel() + weight2.numel();

    public override Tensor forward(Tensor x)
    {
        var h = x.repeat_interleave(r, dim: 1) * (weight1 * Mask(score1));   // (B, in·r)
        if (relu) h = nn.functional.relu(h);
        return h.matmul((weight2 * Mask(score2)).t());                       // (B, out)
    }

    /// <summary>Top-k of |score| as a 0/1 mask in the forward pass, identity gradient to the scores (straight-through).</summary>
    private Tensor Mask(Tensor score)
    {
        long k = Math.Max(1, (long)Math.Round(KeepFraction * score.numel()));
        var magnitude = score.abs();
        var threshold = magnitude.flatten().topk((int)k, sorted: false).values.min();   // the k-th largest |score|
        var hard = magnitude.ge(threshold).to(score.dtype).detach();
        return hard + magnitude - magnitude.detach();   // gradient to |score|, the quantity that is ranked
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            weight1.Dispose();
            weight2.Dispose();
        }
        base.Dispose(disposing);
    }
}
