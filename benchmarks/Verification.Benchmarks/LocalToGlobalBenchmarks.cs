using BenchmarkDotNet.Attributes;
using Verification.Core.Seeding;
using Verification.Transformers.LocalToGlobal;

namespace Verification.Benchmarks;

/// <summary>
/// Local to Global speed goals (issue #5): a 29×29 basin grid integrated to convergence ≤ 1 s on 2 cores; the
/// fraction-vs-σ estimate with 10^5 starts in seconds via the closed-form predicate, the integrator confirming a
/// sample. Run: <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*LocalToGlobal*' --job short</c>.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class LocalToGlobalBenchmarks
{
    private readonly ReducedFlow below = new(new CanonicalModel(0.2, 0.3));
    private readonly ReducedFlow above = new(new CanonicalModel(0.5, 0.8));

    /// <summary>The 841 starts of LG.basin-theorem-holds for (0.5, 0.8), each integrated until ‖F‖∞ &lt; 1e-7.</summary>
    [Benchmark(Baseline = true)]
    public int BasinGrid29x29() => Grid(above);

    [Benchmark]
    public int BasinGrid29x29BelowOne() => Grid(below);

    /// <summary>10^5 Gaussian starts at σ = 1 classified by the closed-form energy predicate.</summary>
    [Benchmark]
    public double FractionVsSigma100kPredicate() =>
        SmallInitialisation.PredictedBigramFraction(1.3, 1.0, 100_000, new Rng(1));

    /// <summary>1000 of those starts confirmed by the integrator.</summary>
    [Benchmark]
    public int FractionVsSigma1kIntegrated()
    {
        var rng = new Rng(2);
        int global = 0;
        for (int i = 0; i < 1000; i++)
            if (Basins.TryClassify(above, [rng.Normal(), rng.Normal()]).End == FlowEnd.Global) global++;
        return global;
    }

    private static int Grid(ReducedFlow flow)
    {
        var axis = BasinGrid.Axis(29);
        int global = 0;
        foreach (var w in axis)
            foreach (var e in axis)
                if (Basins.TryClassify(flow, [e, w]).End == FlowEnd.Global) global++;
        return global;
    }
}
