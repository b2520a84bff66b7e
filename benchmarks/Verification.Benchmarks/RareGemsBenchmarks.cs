using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Verification.Core.Data;
using Verification.Core.Runtime;
using Verification.LotteryTickets.Data;
using Verification.LotteryTickets.RareGems;
using static TorchSharp.torch;

namespace Verification.Benchmarks;

/// <summary>
/// One GEM-MINER run (Rare Gems, arXiv 2202.12002) on the 7k MNIST training digits, 784-300-100-10, against one
/// fine-tuning run of the same length (the goal: 30 mining epochs ≤ 90 s on 2 cores). A single run is
/// seconds long, so the job is a short one: 1 warm-up, 3 measured runs, 1 invocation each.
/// Run: <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*RareGems*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class RareGemsBenchmarks
{
    private TensorData train = null!;

    [Params(30)]
    public int Epochs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize();
        train = TensorData.From(Mnist.Load(DatasetCache.Default()).Train);
    }

    [GlobalCleanup]
    public void Cleanup() => train.Dispose();

    [Benchmark(Baseline = true)]
    public double FineTuneRun()
    {
        using var model = new MaskedMlp(RareGemsSettings.DefaultWidths);
        GemMiner.Initialize(model, new Generator(1));
        Training.UseMask(model, model.Q);
        return Training.FineTune(model, train, Epochs, 0.05, 128, new Generator(2))[^1];
    }

    [Benchmark]
    public double GemMinerRun()
    {
        using var model = new MaskedMlp(RareGemsSettings.DefaultWidths);
        GemMiner.Initialize(model, new Generator(1));
        return GemMiner.Mine(model, train, new GemMinerConfig { Epochs = Epochs }, new Generator(2)).DensityGem;
    }
}
