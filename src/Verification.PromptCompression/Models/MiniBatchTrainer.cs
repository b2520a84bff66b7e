// The one training loop of the PC area's small TorchSharp models (answerer, token classifiers, language model):
// seeded initialization, per-epoch shuffling from the caller's Rng, Adam on mini-batches, a divergence check.
using TorchSharp;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Models;

/// <summary>Mini-batch Adam over a list of rows; the caller supplies the summed loss of a batch and what it counts.</summary>
public static class MiniBatchTrainer
{
    /// <summary>
    /// Trains <paramref name="net"/> for <paramref name="epochs"/> epochs and returns the mean loss of the last epoch
    /// (summed loss / summed count). <paramref name="batchLoss"/> returns the batch's summed loss (a scalar tensor)
    /// and the number of items it sums over; the step minimizes their ratio. The rows are shuffled each epoch with
    /// <paramref name="rng"/>, which <paramref name="batchLoss"/> may also draw from (same order every run).
    /// </summary>
    public static double Train<TRow>(nn.Module net, IReadOnlyList<TRow> rows, int epochs, int batchSize, double learningRate,
        Rng rng, Func<TRow[], (Tensor LossSum, double Count)> batchLoss, string what)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (rows.Count == 0) throw new ArgumentException("no training rows", nameof(rows));
        TorchRuntime.Initialize();
        net.train();
        var optimizer = optim.Adam(net.parameters(), learningRate);
        var order = Enumerable.Range(0, rows.Count).ToArray();
        double epochLoss = double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            double total = 0, count = 0;
            for (int start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.Skip(start).Take(batchSize).Select(i => rows[i]).ToArray();
                optimizer.zero_grad();
                var (lossSum, n) = batchLoss(batch);
                (lossSum / n).backward();
                optimizer.step();
                total += lossSum.item<float>();
                count += n;
            }
            epochLoss = total / count;
            if (!double.IsFinite(epochLoss)) throw new InvalidOperationException($"{what} training diverged at epoch {epoch} (loss {epochLoss})");
        }
        net.eval();
        return epochLoss;
    }

    /// <summary>
    /// Every parameter uniform in ±1/√hidden from a generator seeded with <paramref name="seed"/> (the GRU models' init),
    /// drawn on the host and copied to the parameters' device (<see cref="HostRandom"/>).
    /// </summary>
    public static void InitializeUniform(nn.Module net, int hidden, long seed)
    {
        TorchRuntime.Initialize();
        using var _ = no_grad();
        var generator = new Generator((ulong)seed, HostRandom.Host);
        double a = 1 / Math.Sqrt(hidden);
        foreach (var p in net.parameters()) HostRandom.UniformInto(p, -a, a, generator);
    }

    /// <summary>
    /// The transformers' init (answerer, token classifier, LM), by parameter name: LayerNorms (1, 0), biases 0, token
    /// and position embeddings uniform in ±0.5, every other weight uniform in ±1/√fan-in; host draws from a generator
    /// seeded with <paramref name="seed"/>, in <c>named_parameters</c> order.
    /// </summary>
    public static void InitializeTransformer(nn.Module net, long seed)
    {
        TorchRuntime.Initialize();
        using var _ = no_grad();
        var generator = new Generator((ulong)seed, HostRandom.Host);
        foreach (var (name, p) in net.named_parameters())
        {
            if (name.Contains("norm", StringComparison.OrdinalIgnoreCase)) { if (name.EndsWith("weight", StringComparison.Ordinal)) p.fill_(1); else p.zero_(); }
            else if (name.EndsWith("bias", StringComparison.Ordinal)) p.zero_();
            else if (name.StartsWith("token", StringComparison.Ordinal) || name.StartsWith("position", StringComparison.Ordinal)) HostRandom.UniformInto(p, -0.5, 0.5, generator);
            else { double a = 1 / Math.Sqrt(p.shape[1]); HostRandom.UniformInto(p, -a, a, generator); }
        }
    }
}
