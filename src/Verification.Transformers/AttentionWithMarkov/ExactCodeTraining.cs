// Attention with Markov (arXiv 2402.04161), §4: the code model trained on the EXACT population loss (spec §5: all
// 2^(N+1) stationary sequences weighted by their probability, N ≤ 10) instead of sampled batches — no sampling noise,
// and at N = 6 much cheaper than a sampled run at T = 256. Used for the (p, q) grid at CI scale.
using Verification.Core.Runtime;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>Exact loss and position-averaged P̂(1|x=0), P̂(0|x=1) of a trained model (expectations, not samples).</summary>
public sealed record ExactEvaluation(double Loss, double ProbOneGivenZero, double ProbZeroGivenOne, ReachedPoint Reached);

public static class ExactCodeTraining
{
    /// <summary>
    /// Trains the code model (d, L, tying of <paramref name="config"/>, T = N = <see cref="TrainingConfig.Length"/> ≤ 10)
    /// with the paper's AdamW groups and schedule over <see cref="TrainingConfig.Iterations"/> full-batch steps on
    /// the exact population loss of the chain (p, q), through the one <see cref="TrainingLoop"/>. Throws
    /// <see cref="TrainingDivergedException"/> (step, cause) on a NaN/∞ loss.
    /// </summary>
    public static ExactEvaluation Train(double p, double q, bool tied, TrainingConfig config, long seed, Device? device = null)
    {
        config.Validate();
        TorchRuntime.Initialize();
        var population = new ExactPopulationLoss(p, q, config.Length, device);   // validates p, q ∈ (0,1) and N ≤ 10
        return TrainingLoop.Run(new TrainingJob<CodeTransformer, ExactEvaluation>(seed, config.Iterations,
            streams => new CodeTransformer(new CodeTransformerConfig(config.Dim, config.Layers, config.Length, tied), streams.Init, device),
            (_, _) => new ExactObjective(population),
            model => new PaperOptimizer(model, config),
            (_, _) => new AtTheEnd<CodeTransformer, ExactEvaluation>((model, _) => Evaluate(model, population))));
    }

    /// <summary>The exact loss and predictions of <paramref name="model"/> on every sequence of <paramref name="population"/>.</summary>
    public static ExactEvaluation Evaluate(CodeTransformer model, ExactPopulationLoss population)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var logit = LogitOfOne(model, population.Inputs);                                 // (S, N)
        double loss = population.Of(logit).item<double>();
        if (!double.IsFinite(loss)) throw new TrainingDivergedException(-1, $"final exact loss is {loss}");
        var probOne = logit.sigmoid();                                                      // (S, N)
        var zero = population.Inputs.eq(0).to_type(ScalarType.Float64);                     // (S, N)
        var w = population.Weights.unsqueeze(1);                                            // (S, 1)
        double p10 = (w * probOne * zero).sum().item<double>() / (w * zero).sum().item<double>();
        double p01 = (w * (1 - probOne) * (1 - zero)).sum().item<double>() / (w * (1 - zero)).sum().item<double>();
        return new ExactEvaluation(loss, p10, p01, MarkovTrainer.Classify(population.Chain, loss, p10));
    }

    /// <summary>logit of P(x_{t+1} = 1): the difference of the 2-way head's logits, as float64 (S, N).</summary>
    private static Tensor LogitOfOne(CodeTransformer model, Tensor inputs)
    {
        var logits = model.call(inputs);                                                    // (S, N, 2)
        return (logits.select(2, 1) - logits.select(2, 0)).to_type(ScalarType.Float64);     // (S, N)
    }

    /// <summary>Every step: the exact population loss over all 2^(N+1) sequences (the data are the whole population).</summary>
    private sealed class ExactObjective(ExactPopulationLoss population) : ITrainingObjective<CodeTransformer>
    {
        public string Name => "exact loss";

        public Tensor Loss(CodeTransformer model) => population.Of(LogitOfOne(model, population.Inputs));
    }
}
