using BenchmarkDotNet.Attributes;
using Verification.Core.Markov;
using Verification.Transformers.AttentionWithMarkov;
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
        runs = Enumerable.Range(0, K)
            .Select(i => new SampledRun(new BinaryMarkovChain(0.2 + 0.005 * (i % 100), 0.3), true, config, i) { Stop = new TrainingStop(Steps), Checkpoint = false })
            .ToArray();
    }

    [Benchmark(Baseline = true)]
    public double Separate() => runs.Sum(r => MarkovTrainer.Train(r, CPU).FinalLoss);

    [Benchmark]
    public double Batched() =>
        runs.Chunk(BatchedTraining.RunsPerBatch(runs[0].Config, CPU)).Sum(batch => BatchedTraining.Train(batch, CPU).Sum(r => r.Get().FinalLoss));
}
