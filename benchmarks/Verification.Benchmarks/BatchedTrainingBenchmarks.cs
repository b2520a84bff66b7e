using BenchmarkDotNet.Attributes;
using Verification.Core.Markov;
using Verification.Transformers.AttentionWithMarkov;
using static TorchSharp.torch;

namespace Verification.Benchmarks;

/// <summary>
/// K code-model runs trained as one batched program (<see cref="BatchedTraining"/>) against the same K runs one after
/// another (<see cref="MarkovTrainer"/>), 20 steps each, at the CI length (T = 256) and the paper's (T = 1024): the
/// Ratio column is batched / separate for each (K, T). Run:
/// <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*BatchedTraining*'</c>
/// (the same command on a GPU machine after setting the device, see docs/PERFORMANCE.md).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class BatchedTrainingBenchmarks
{
    private SampledRun[] runs = [];

    [Params(1, 8, 32, 150)]
    public int K { get; set; }

    [Params(256, 1024)]
    public int T { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize();
        var config = TrainingConfig.Paper with { Length = T };
        runs = Enumerable.Range(0, K)
            .Select(i => new SampledRun(new BinaryMarkovChain(0.2 + 0.005 * (i % 100), 0.3), true, config, i) { Stop = new TrainingStop(20), Checkpoint = false })
            .ToArray();
    }

    [Benchmark(Baseline = true)]
    public double Separate() => runs.Sum(r => MarkovTrainer.Train(r, CPU).FinalLoss);

    [Benchmark]
    public double Batched() => BatchedTraining.Train(runs, CPU).Sum(r => r.Get().FinalLoss);
}
