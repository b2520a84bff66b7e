// Attention with Markov (arXiv 2402.04161 v1), higher-order experiments (spec §4 "loss-masking", §5 item 7): the code
// model with attention limited to the last M tokens, trained on the lag-k chain (k interleaved first-order chains).
using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>A finished lag-k run: evaluation curve and the final loss on fresh batches (nats).</summary>
public sealed record MemoryWindowRun(IReadOnlyList<double> Steps, IReadOnlyList<double> Losses, double FinalLoss);

public static class MemoryWindowTraining
{
    /// <summary>
    /// Trains the code model of <paramref name="config"/> (attention window <paramref name="window"/>, 0 = full causal)
    /// on fresh batches of <paramref name="source"/> with the paper's AdamW groups and schedule; evaluates every
    /// <see cref="TrainingConfig.EvalEvery"/> steps and at the end on fresh batches. Throws
    /// <see cref="TrainingDivergedException"/> (step, cause) on a NaN/∞ loss.
    /// </summary>
    public static MemoryWindowRun Train(LagKMarkovSource source, bool tied, int window, TrainingConfig config, long seed,
        Action<double>? progress = null, Device? device = null)
    {
        config.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        using var model = new CodeTransformer(new CodeTransformerConfig(config.Dim, config.Layers, config.Length, tied, window), new Generator((ulong)seed), device);
        var dataRng = new Rng(seed ^ 0x5DEECE66DL);
        var evalRng = new Rng(seed ^ 0x2545F4914F6CDD1DL);
        var optimizer = new PaperOptimizer(model, config);
        var steps = new List<double>();
        var losses = new List<double>();
        for (int step = 0; step < config.Iterations; step++)
        {
            using var stepScope = NewDisposeScope();
            var (x, y) = MarkovTrainer.Batch(source.Sample, config.Batch, config.Length, dataRng, model.Device);   // (B, T), (B, T)
            var loss = nn.functional.cross_entropy(model.call(x).reshape(-1, 2), y.reshape(-1));
            optimizer.Step(step, loss, loss.item<float>(), "training loss");
            if ((step + 1) % config.EvalEvery == 0 || step == 0)
            {
                steps.Add(step + 1);
                losses.Add(Loss(model, source, config, config.EvalBatches, evalRng, step));
            }
            progress?.Invoke((step + 1) / (double)config.Iterations);
        }
        return new MemoryWindowRun(steps, losses, Loss(model, source, config, config.FinalEvalBatches, evalRng, config.Iterations));
    }

    /// <summary>Mean cross-entropy (nats) of <paramref name="model"/> on fresh batches of the lag-k source.</summary>
    public static double Loss(CodeTransformer model, LagKMarkovSource source, TrainingConfig config, int batches, Rng rng, int step)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        double loss = 0;
        for (int i = 0; i < batches; i++)
        {
            var (x, y) = MarkovTrainer.Batch(source.Sample, config.Batch, config.Length, rng, model.Device);   // (B, T)
            loss += nn.functional.cross_entropy(model.call(x).reshape(-1, 2), y.reshape(-1)).item<float>();
        }
        loss /= batches;
        if (!double.IsFinite(loss)) throw new TrainingDivergedException(step, $"evaluation loss is {loss}");
        return loss;
    }
}
