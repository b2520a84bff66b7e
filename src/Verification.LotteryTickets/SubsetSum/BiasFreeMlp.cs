// arXiv 2006.07990 §4, Experiment 1: the target is a bias-free 784-500-10 fully connected ReLU network (Theorem 1's
// class has no biases).
using TorchSharp;
using TorchSharp.Modules;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>f(x) = W2 σ(W1 x), no biases. Input (B, 784), output logits (B, 10).</summary>
public sealed class BiasFreeMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1, fc2;

    /// <param name="device">Where the weights live: the run's device (torch's default device when null).</param>
    public BiasFreeMlp(int inputs, int hidden, int outputs, Generator generator, Device? device = null) : base(nameof(BiasFreeMlp))
    {
        fc1 = nn.Linear(inputs, hidden, hasBias: false, device: device, dtype: float32);
        fc2 = nn.Linear(hidden, outputs, hasBias: false, device: device, dtype: float32);
        using (no_grad())
        {
            // Kaiming-uniform as PyTorch's default, but drawn from our seeded generator (never the global RNG)
            fc1.weight!.copy_((HostRandom.Uniform(0, 1, fc1.weight.shape, float32, generator, device) * 2 - 1) / Math.Sqrt(inputs));   // (hidden, 784)
            fc2.weight!.copy_((HostRandom.Uniform(0, 1, fc2.weight.shape, float32, generator, device) * 2 - 1) / Math.Sqrt(hidden));   // (10, hidden)
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => fc2.call(nn.functional.relu(fc1.call(x)));   // (B, 784) → (B, 10)

    /// <summary>W1 (hidden × 784) and W2 (10 × hidden) as double arrays, row-major.</summary>
    public (double[,] W1, double[,] W2) Weights() => (ToArray(fc1.weight!), ToArray(fc2.weight!));

    /// <summary>Overwrites W1 and W2 (same shapes).</summary>
    public void SetWeights(double[,] w1, double[,] w2)
    {
        using var _ = no_grad();
        fc1.weight!.copy_(FromArray(w1, fc1.weight.device));
        fc2.weight!.copy_(FromArray(w2, fc2.weight.device));
    }

    private static double[,] ToArray(Tensor w)
    {
        int rows = (int)w.shape[0], cols = (int)w.shape[1];
        var flat = w.detach().cpu().to(float64).data<double>().ToArray();
        var a = new double[rows, cols];
        Buffer.BlockCopy(flat, 0, a, 0, flat.Length * sizeof(double));
        return a;
    }

    private static Tensor FromArray(double[,] a, Device device)
    {
        var flat = new double[a.Length];
        Buffer.BlockCopy(a, 0, flat, 0, flat.Length * sizeof(double));
        return tensor(flat, [a.GetLength(0), a.GetLength(1)], dtype: float64, device: device).to(float32);
    }
}
