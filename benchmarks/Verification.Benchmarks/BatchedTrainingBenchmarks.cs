using BenchmarkDotNet.Attributes;
using Verification.Core.Markov;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Benchmarks;

/// <summary>
/// K code-model runs trained as one batched program (<see cref="BatchedTraining"/>) against the same K runs one after
/// another (<see cref="MarkovTrainer"/>), 5 steps each and a one-batch final evaluation (the cost of a step, which the
/// runs of a claim repeat 400 times), at the CI length (T = 256) and the paper's (T = 1024). Batched means as the claims
/// batch: in batches of at most <see cref="BatchedTraining.RunsPerBatch"/> runs (on a CPU 16 at T = 256, 4 at T = 1024). The
/// Ratio column is batched / separate for each (K, T). Run:
/// <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*BatchedTraining*'</c>
/// (the same command on a GPU machine after setting the device, see docs/PERFORMANCE.md).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class BatchedTrainingBenchmarks
{
    private const int Steps = 5;
    private SampledRun[] runs = [];

    [Params(1, 8, 32, 150)]
    public int K { get; set; }

    [Params(256, 1024)]
    public int T { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize();
        var config = TrainingConfig.Paper with { Length = T, FinalEvalBatches = 1 };
        runs = Runs(K, config);
    }

    [Benchmark(Baseline = true)]
    public double Separate() => SeparateRuns(runs);

    [Benchmark]
    public double Batched() => BatchedRuns(runs);

    /// <summary>The K runs one after another in the single loop.</summary>
    internal static double SeparateRuns(SampledRun[] runs) => runs.Sum(r => MarkovTrainer.Train(r, CPU).FinalLoss);

    /// <summary>The K runs in batches of at most <see cref="BatchedTraining.RunsPerBatch"/>, as the claims batch.</summary>
    internal static double BatchedRuns(SampledRun[] runs) =>
        runs.Chunk(BatchedTraining.RunsPerBatch(runs[0].Config, CPU)).Sum(batch => BatchedTraining.Train(batch, CPU).Sum(r => r.Get().FinalLoss));

    /// <summary>K runs of <paramref name="config"/>, each on its own chain and seed, stopped after <see cref="Steps"/> steps.</summary>
    internal static SampledRun[] Runs(int k, TrainingConfig config) =>
        Enumerable.Range(0, k)
            .Select(i => new SampledRun(new BinaryMarkovChain(0.2 + 0.005 * (i % 100), 0.3), true, config, i) { Stop = new TrainingStop(Steps), Checkpoint = false })
            .ToArray();
}

/// <summary>
/// The same comparison for the LG simplified model (<see cref="SimpleTransformer"/>, <see cref="BatchedSimpleTransformer"/>):
/// K = 1 and K = 20 (an arm of <c>LG.simplified-model-plateau-is-longer</c>: 20 seeds at T = 1024 at paper scale, 10 at
/// T = 256 at CI scale), tied, 5 steps per run. Run: <c>... --filter '*BatchedSimplifiedTraining*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class BatchedSimplifiedTrainingBenchmarks
{
    private SampledRun[] runs = [];

    [Params(1, 20)]
    public int K { get; set; }

    [Params(256, 1024)]
    public int T { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize();
        var config = TrainingConfig.Paper with { Length = T, FinalEvalBatches = 1 };
        Func<Generator, Device?, IMarkovModel> model = (g, d) => new SimpleTransformer(new SimpleTransformerConfig(config.Dim, T, true), g, d);
        runs = BatchedTrainingBenchmarks.Runs(K, config).Select(r => r with { Model = model, ModelBatches = true }).ToArray();
    }

    [Benchmark(Baseline = true)]
    public double Separate() => BatchedTrainingBenchmarks.SeparateRuns(runs);

    [Benchmark]
    public double Batched() => BatchedTrainingBenchmarks.BatchedRuns(runs);
}
