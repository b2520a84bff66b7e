using BenchmarkDotNet.Attributes;
using Verification.Core.Information;
using Verification.Core.Markov;
using Verification.Core.Seeding;

namespace Verification.Benchmarks;

/// <summary>
/// Sampling a stationary chain vs estimating its entropy rate from the sample (the two halves of
/// MC.plug-in-entropy-rate-converges), side by side on the same 10^6 symbols.
/// </summary>
[MemoryDiagnoser]
public class MarkovBenchmarks
{
    private readonly BinaryMarkovChain chain = new(0.5, 0.8);
    private byte[] sample = [];

    [GlobalSetup]
    public void Setup() => sample = chain.Sample(1_000_000, new Rng(1));

    [Benchmark(Baseline = true)]
    public byte[] Sample1M() => chain.Sample(1_000_000, new Rng(2));

    [Benchmark]
    public double PlugInEntropy1M() => Entropy.PlugInConditional(sample);
}
