// Attention with Markov (arXiv 2402.04161 v1), spec §4: the optimizer of the paper's code (nanoGPT's AdamW setup).
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// Two AdamW instances sharing the paper's learning-rate schedule (<see cref="TrainingConfig.LearningRate"/>): Linear
/// weights decayed, embeddings/LayerNorm/biases not (nanoGPT's parameter groups). One instance per training run.
/// </summary>
internal sealed class PaperOptimizer
{
    private readonly TrainingConfig config;
    private readonly optim.Optimizer decayed;
    private readonly optim.Optimizer plain;

    public PaperOptimizer(IMarkovModel model, TrainingConfig config)
    {
        this.config = config;
        decayed = optim.AdamW(model.DecayedParameters, config.MaxLr, config.Beta1, config.Beta2, weight_decay: config.WeightDecay);
        plain = optim.AdamW(model.UndecayedParameters, config.MaxLr, config.Beta1, config.Beta2, weight_decay: 0);
    }

    /// <summary>
    /// One update at schedule position <paramref name="step"/> from <paramref name="loss"/> (whose value is
    /// <paramref name="value"/>). A NaN/∞ loss stops the run: <see cref="TrainingDivergedException"/> naming the step,
    /// <paramref name="what"/> the loss is and the learning rate.
    /// </summary>
    public void Step(int step, Tensor loss, double value, string what)
    {
        double lr = config.LearningRate(step);
        if (!double.IsFinite(value)) throw new TrainingDivergedException(step, $"{what} is {value} (lr {lr:E2})");
        foreach (var opt in new[] { decayed, plain })
            foreach (var group in opt.ParamGroups) group.LearningRate = lr;
        decayed.zero_grad();
        plain.zero_grad();
        loss.backward();
        decayed.step();
        plain.step();
    }
}
