// Rare Gems (arXiv 2202.12002), §3: the one minibatch loop shared by GEM-MINER's mining, fine-tuning ("refining"),
// edge-popup and both IMPs: seeded shuffling, zero_grad, loss, a finite-loss check, backward, step.
using TorchSharp;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

internal static class Minibatches
{
    /// <summary>
    /// One epoch of optimiser steps over <paramref name="train"/> in minibatches of a seeded permutation. Per batch:
    /// <paramref name="beforeStep"/> (e.g. GEM-MINER's clamp), zero_grad, <paramref name="loss"/>, a finite check,
    /// backward, step, <paramref name="afterStep"/> (e.g. IMP's snapshot of the rewind point). Returns the mean batch
    /// loss. A NaN or infinite loss throws <see cref="TrainingDivergedException"/> naming <paramref name="what"/>, the
    /// epoch and <paramref name="hint"/>.
    /// </summary>
    public static double Epoch(TensorData train, int batchSize, Generator? shuffle, optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> loss, string what, int epoch, string hint = "", Action? beforeStep = null, Action? afterStep = null)
    {
        double sum = 0;
        int batches = 0;
        foreach (var (x, y) in train.Batches(batchSize, shuffle))
        {
            using var scope = NewDisposeScope();
            beforeStep?.Invoke();
            optimizer.zero_grad();
            var l = loss(x, y);                                 // scalar
            double value = l.ToDouble();
            if (!double.IsFinite(value))
                throw new TrainingDivergedException($"{what} loss is {value} at epoch {epoch}{hint}");
            l.backward();
            optimizer.step();
            afterStep?.Invoke();
            sum += value;
            batches++;
            x.Dispose();
            y.Dispose();
        }
        return sum / Math.Max(1, batches);
    }
}
