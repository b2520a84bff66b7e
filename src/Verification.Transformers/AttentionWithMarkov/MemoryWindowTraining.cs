// Attention with Markov (arXiv 2402.04161 v1), higher-order experiments (spec §4 "loss-masking", §5 item 7): the code
// model with attention limited to the last M tokens, trained on the lag-k chain (k interleaved first-order chains).
using Verification.Core.Claims;
using Verification.Core.Markov;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>A finished lag-k run: evaluation curve and the final loss on fresh batches (nats).</summary>
public sealed record MemoryWindowRun(IReadOnlyList<double> Steps, IReadOnlyList<double> Losses, double FinalLoss);

public static class MemoryWindowTraining
{
    /// <summary>
    /// Trains the code model of <paramref name="config"/> (attention window <paramref name="window"/>, 0 = full causal)
    /// on fresh batches of <paramref name="source"/> with the paper's AdamW groups and schedule (a sampled run of
    /// <see cref="MarkovTrainer"/>, without the checkpoint evaluation); evaluates every
    /// <see cref="TrainingConfig.EvalEvery"/> steps and at the end on fresh batches. Throws
    /// <see cref="TrainingDivergedException"/> (step, cause) on a NaN/∞ loss.
    /// </summary>
    public static MemoryWindowRun Train(LagKMarkovSource source, bool tied, int window, TrainingConfig config, long seed,
        Action<double>? progress = null, Device? device = null)
    {
        var run = MarkovTrainer.Train(Run(source, tied, window, config, seed), device, progress);
        return new MemoryWindowRun(run.Steps, run.Losses, run.FinalLoss);
    }

    /// <summary>
    /// The tied run of <see cref="Run"/> as one of a claim's trainings (<see cref="ClaimTraining"/>: the claim's device
    /// and progress), named <paramref name="what"/> and drawn over [<paramref name="from"/>, + <paramref name="width"/>)
    /// of the claim's progress; the lag-k experiments' (<see cref="LagKMemory"/>, <see cref="LagKDepth"/>) one way to train.
    /// </summary>
    public static MemoryWindowRun TrainTied(ClaimContext context, LagKMarkovSource source, int window, TrainingConfig config, long seed,
        string what, double from, double width)
    {
        var run = ClaimTraining.Train(context, what, Run(source, tied: true, window, config, seed), from, width);
        return new MemoryWindowRun(run.Steps, run.Losses, run.FinalLoss);
    }

    /// <summary>The sampled run of <see cref="Train"/>: evaluated on the lag-k source itself, no checkpoint evaluation.</summary>
    public static SampledRun Run(LagKMarkovSource source, bool tied, int window, TrainingConfig config, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        return new SampledRun(MarkovSource.LagK(source), tied, config, seed) { Window = window, Checkpoint = false };
    }
}
