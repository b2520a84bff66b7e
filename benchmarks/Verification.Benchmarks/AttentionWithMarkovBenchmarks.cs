using BenchmarkDotNet.Attributes;
using Verification.Core.Markov;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Benchmarks;

/// <summary>
/// Training speed of the code model of Attention with Markov (d=8, T=256, B=16, 1 layer; goal ≥ 50 steps/s on 2 cores)
/// and the cost of one exact double-backward Hessian at the CI landscape size (d=4, N=6, r=8).
/// One invocation of <see cref="Train50Steps"/> is 50 AdamW steps plus two evaluation batches (≈ 0.7 step each):
/// steps/s ≈ 50 / mean. Run: <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*AttentionWithMarkov*' --job short</c>.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AttentionWithMarkovBenchmarks
{
    private static readonly TrainingConfig Steps50 =
        TrainingConfig.Ci with { Iterations = 50, EvalEvery = 1000, EvalBatches = 1, FinalEvalBatches = 1, CheckpointStep = 50 };

    private readonly BinaryMarkovChain chain = new(0.5, 0.8);
    private TheoryTransformer? theory;
    private ExactPopulationLoss? loss;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize();
        theory = new TheoryTransformer(new TheoryTransformerConfig(4, 6, 8, true), new Generator(1));
        loss = new ExactPopulationLoss(0.5, 0.8, 6);
    }

    [Benchmark(Baseline = true)]
    public double Train50Steps() => MarkovTrainer.Train(chain, tied: true, Steps50, seed: 1).FinalLoss;

    /// <summary>The same 50 steps at the paper's T = 1024 (the cost of the paper-scale grid and escape-time arms).</summary>
    [Benchmark]
    public double Train50StepsAtPaperLength() => MarkovTrainer.Train(chain, tied: true, Steps50 with { Length = 1024 }, seed: 1).FinalLoss;

    /// <summary>50 steps of the authors' simplified model (Local to Global) at T = 256, the CI escape-time arm.</summary>
    [Benchmark]
    public double Train50StepsSimplifiedModel() => MarkovTrainer.Train(chain, tied: true, Steps50, seed: 1,
        model: (g, d) => new SimpleTransformer(new SimpleTransformerConfig(Steps50.Dim, Steps50.Length, Tied: true), g, d)).FinalLoss;

    [Benchmark]
    public double HessianCiSize() => loss!.Hessian(theory!)[0, 0];
}
