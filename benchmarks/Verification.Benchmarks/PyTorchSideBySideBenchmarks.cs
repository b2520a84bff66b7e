// Issue #18 item 5: the TorchSharp halves of the side-by-side comparison with PyTorch (benchmarks/pytorch/side_by_side.py
// times the same units; benchmarks/pytorch/side-by-side.sh runs both and prints the ratios; docs/PERFORMANCE.md).
// AM: Attention with Markov (arXiv 2402.04161) §4, the code model and optimizer of MarkovTrainer/PaperOptimizer.
// RG: Rare Gems (arXiv 2202.12002) §3 Algorithm 1, GEM-MINER's minibatch loop (GemMiner.Mine, Minibatches.Epoch).
using BenchmarkDotNet.Attributes;
using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.LotteryTickets.RareGems;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Benchmarks;

/// <summary>
/// The units, each written identically in benchmarks/pytorch/side_by_side.py:
/// <list type="bullet">
/// <item><see cref="AmTrainingStep"/>: one training step of the AM code model at CI size (d = 8, 1 layer, T = 256,
/// B = 16, tied): forward, cross-entropy, the loss read back (the trainer's NaN check), the schedule's learning rate
/// set, zero_grad, backward, and the two AdamW steps of <c>PaperOptimizer</c> (decayed Linear weights / the rest).
/// The batch is sampled once in the setup: sampling (C# on our side) is not part of the unit on either side.</item>
/// <item><see cref="AmForwardLoss"/> and <see cref="AmOptimizerSteps"/>: parts of the step (forward + cross-entropy +
/// item; the two AdamW steps alone), to show where the time goes.</item>
/// <item><see cref="GemMinerEpoch"/>: one GEM-MINER epoch (784-300-100-10, Adam 1e-2 on the scores, batch 128, clamp
/// before every minibatch, loss CE + λΣp²) over 7,000 random inputs of MNIST shape with random labels (the size of
/// <see cref="RareGemsBenchmarks"/>; the values do not change the cost of dense ops, and the Python side cannot read our
/// MNIST cache). It is <c>GemMiner.Mine</c> with one epoch and freezing off: the production loop, plus the optimizer's
/// construction and the final density summary, both also done by the Python side.</item>
/// <item><see cref="TinyAdd"/>: <c>a + b</c> of two 8-element float tensors, the result disposed: the fixed cost of one
/// op through the binding (the AM step is hundreds of such ops on small tensors).</item>
/// </list>
/// The job is fixed here (10 measured iterations, so the sd means something); run it without <c>--job</c>:
/// <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*SideBySide*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PyTorchSideBySideBenchmarks
{
    /// <summary>The size of <see cref="RareGemsBenchmarks"/>: all 7k training digits.</summary>
    public const int Digits = 7000;

    private static readonly TrainingConfig Am = TrainingConfig.Ci;

    private CodeTransformer? model;
    private optim.Optimizer? decayed;
    private optim.Optimizer? plain;
    private Tensor? x;
    private Tensor? y;
    private int step;

    private MaskedMlp? mlp;
    private TensorData? digits;
    private Generator? shuffle;

    private Tensor? a;
    private Tensor? b;

    [GlobalSetup(Targets = [nameof(AmTrainingStep), nameof(AmForwardLoss), nameof(AmOptimizerSteps)])]
    public void SetupAm()
    {
        TorchRuntime.Initialize();
        model = new CodeTransformer(new CodeTransformerConfig(Am.Dim, Am.Layers, Am.Length, Tied: true), new Generator(1));
        // PaperOptimizer (internal) exactly: nanoGPT's two AdamW groups with the paper's β and weight decay.
        decayed = optim.AdamW(model.DecayedParameters, Am.MaxLr, Am.Beta1, Am.Beta2, weight_decay: Am.WeightDecay);
        plain = optim.AdamW(model.UndecayedParameters, Am.MaxLr, Am.Beta1, Am.Beta2, weight_decay: 0);
        (x, y) = MarkovTrainer.Batch(new BinaryMarkovChain(0.5, 0.8), Am.Batch, Am.Length, new Rng(1));   // (B, T), (B, T)
        AmTrainingStep();   // gradients and AdamW state exist from here on, for AmOptimizerSteps
    }

    [Benchmark]
    public double AmTrainingStep()
    {
        using var scope = NewDisposeScope();
        var logits = model!.call(x!);                                                        // (B, T, 2)
        var loss = nn.functional.cross_entropy(logits.reshape(-1, 2), y!.reshape(-1));
        double value = loss.item<float>();
        double lr = Am.LearningRate(step++ % Am.Iterations);
        foreach (var opt in new[] { decayed!, plain! })
            foreach (var group in opt.ParamGroups) group.LearningRate = lr;
        decayed!.zero_grad();
        plain!.zero_grad();
        loss.backward();
        decayed.step();
        plain.step();
        return value;
    }

    /// <summary>Part of <see cref="AmTrainingStep"/>: forward, cross-entropy and the loss read back (graph built, not used).</summary>
    [Benchmark]
    public double AmForwardLoss()
    {
        using var scope = NewDisposeScope();
        var logits = model!.call(x!);                                                        // (B, T, 2)
        return nn.functional.cross_entropy(logits.reshape(-1, 2), y!.reshape(-1)).item<float>();
    }

    /// <summary>Part of <see cref="AmTrainingStep"/>: the two AdamW steps alone, on the gradients left by the setup.</summary>
    [Benchmark]
    public void AmOptimizerSteps()
    {
        using var scope = NewDisposeScope();
        decayed!.step();
        plain!.step();
    }

    [GlobalSetup(Target = nameof(GemMinerEpoch))]
    public void SetupRg()
    {
        TorchRuntime.Initialize();
        var data = new Generator(3);
        digits = new TensorData(randn([Digits, 784], generator: data), randint(10, [Digits], generator: data));   // (N, 784), (N)
        mlp = new MaskedMlp(RareGemsSettings.DefaultWidths);
        GemMiner.Initialize(mlp, new Generator(1));
        shuffle = new Generator(2);
    }

    [Benchmark]
    public double GemMinerEpoch() =>
        GemMiner.Mine(mlp!, digits!, new GemMinerConfig { Epochs = 1, Freeze = false, Lambda = RareGemsSettings.DefaultLambda }, shuffle!).DensityGem;

    [GlobalSetup(Target = nameof(TinyAdd))]
    public void SetupTiny()
    {
        TorchRuntime.Initialize();
        a = ones(8);
        b = ones(8);
    }

    [Benchmark]
    public void TinyAdd()
    {
        using var c = a! + b!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        model?.Dispose();
        mlp?.Dispose();
        digits?.Dispose();
        x?.Dispose();
        y?.Dispose();
        a?.Dispose();
        b?.Dispose();
    }
}
