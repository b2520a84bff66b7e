// Attention with Markov (arXiv 2402.04161 v1), spec §4: the optimizer of the paper's code (nanoGPT's AdamW setup).
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// Two AdamW instances sharing the paper's learning-rate schedule (<see cref="TrainingConfig.LearningRate"/>): Linear
/// weights decayed, embeddings/LayerNorm/biases not (nanoGPT's parameter groups). One instance per training run.
/// </summary>
public sealed class PaperOptimizer : IStepOptimizer
{
    private readonly TrainingConfig config;
    private readonly optim.Optimizer decayed;
    private readonly optim.Optimizer plain;

    public PaperOptimizer(IMarkovModel model, TrainingConfig config) : this(model.DecayedParameters, model.UndecayedParameters, config)
    {
    }

    /// <summary>The two groups given directly (the stacked parameters of a <see cref="BatchedMarkovModel"/>: AdamW is elementwise, so each model's slice is updated as alone).</summary>
    public PaperOptimizer(IEnumerable<TorchSharp.Modules.Parameter> decayedParameters, IEnumerable<TorchSharp.Modules.Parameter> undecayedParameters, TrainingConfig config)
    {
        this.config = config;
        decayed = optim.AdamW(decayedParameters, config.MaxLr, config.Beta1, config.Beta2, weight_decay: config.WeightDecay);
        plain = optim.AdamW(undecayedParameters, config.MaxLr, config.Beta1, config.Beta2, weight_decay: 0);
    }

    public double LearningRate(int step) => config.LearningRate(step);

    public void Step(int step, Tensor loss)
    {
        double lr = config.LearningRate(step);
        foreach (var opt in new[] { decayed, plain })
            foreach (var group in opt.ParamGroups) group.LearningRate = lr;
        decayed.zero_grad();
        plain.zero_grad();
        loss.backward();
        decayed.step();
        plain.step();
    }
}
