// arXiv 2006.07990 §4, Experiment 2 (spec §4, P10; pitfall 8: it does not test the theorem): edge-popup masks on a
// random network built from redundant layers, "Linear" (no middle ReLU) vs "ReLU" (the theory's structure).
using Verification.Core.Data;
using Verification.Core.Runtime;
using Verification.LotteryTickets.Data;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// Sizes of Experiment 2 (the authors': FC2 = 784-500-10, r = 5, SGD momentum 0.9, wd 5e-4, cosine, batch 64, lr 0.1),
/// trained on the 7,000 training digits of the fixed split, accuracy on its 2,000 test digits.
/// </summary>
public sealed record EdgePopupSettings(int Hidden, int R, int Epochs, int BatchSize, double LearningRate, double[] KeepFractions,
    double Momentum = 0.9, double WeightDecay = 5e-4)
{
    /// <summary>FC2 with r = 5; 10 epochs instead of the authors' 30–150 (CPU only).</summary>
    public static EdgePopupSettings Paper { get; } = new(500, 5, 10, 64, 0.1, [0.5, 0.25, 0.1, 0.05, 0.01]);

    /// <summary>CI: hidden 64 and 2 epochs so that 2 variants × 2 keep fractions fit the test budget.</summary>
    public static EdgePopupSettings Ci { get; } = new(64, 5, 2, 64, 0.1, [0.5, 0.05]);
}

/// <summary>Experiment 2: edge-popup scores trained on a frozen random network of redundant layers (or random masks, the control).</summary>
public static class EdgePopupExperiment
{
    /// <summary>Held-out accuracy of the pruned random network; <paramref name="trainScores"/> false = random masks (the control).</summary>
    /// <param name="device">Where the network and the data live: the run's device (torch's default device when null).</param>
    public static double Accuracy(EdgePopupSettings s, bool relu, double keep, long seed, bool trainScores, Device? device = null)
    {
        TorchRuntime.Initialize();
        var data = Mnist.Load(DatasetCache.Default());
        using var scope = NewDisposeScope();
        var gen = new Generator((ulong)seed);
        var l1 = new RedundantLayer(Mnist.Pixels, s.Hidden, s.R, relu, keep, gen, device);
        var l2 = new RedundantLayer(s.Hidden, Mnist.Classes, s.R, relu, keep, gen, device);
        Tensor Forward(Tensor x) => l2.call(nn.functional.relu(l1.call(x)));   // (B, 784) → (B, 10)
        var x = tensor(data.Train.Flat(), [data.Train.Count, Mnist.Pixels], device: device);   // (N, 784)
        var y = tensor(data.Train.LongLabels(), device: device);                               // (N)
        if (trainScores)
        {
            var parameters = l1.parameters().Concat(l2.parameters()).ToArray();
            var opt = optim.SGD(parameters, s.LearningRate, momentum: s.Momentum, weight_decay: s.WeightDecay);
            int steps = s.Epochs * ((data.Train.Count + s.BatchSize - 1) / s.BatchSize), step = 0;
            for (int epoch = 0; epoch < s.Epochs; epoch++)
            {
                var order = HostRandom.Permutation(data.Train.Count, gen, device);
                for (int start = 0; start < data.Train.Count; start += s.BatchSize, step++)
                {
                    using var inner = NewDisposeScope();
                    foreach (var g in opt.ParamGroups) g.LearningRate = 0.5 * s.LearningRate * (1 + Math.Cos(Math.PI * step / steps));   // cosine
                    var idx = order.narrow(0, start, Math.Min(s.BatchSize, data.Train.Count - start));
                    opt.zero_grad();
                    var loss = nn.functional.cross_entropy(Forward(x.index_select(0, idx)), y.index_select(0, idx));
                    if (!double.IsFinite(loss.item<float>()))
                        throw new Verification.Core.Claims.ClaimInconclusiveException($"edge-popup training diverged (loss {loss.item<float>()})");
                    loss.backward();
                    opt.step();
                }
            }
        }
        using var _ = no_grad();
        var logits = Forward(tensor(data.Test.Flat(), [data.Test.Count, Mnist.Pixels], device: device));   // (N, 10)
        return logits.argmax(1).eq(tensor(data.Test.LongLabels(), device: device)).sum().item<long>() / (double)data.Test.Count;
    }
}
