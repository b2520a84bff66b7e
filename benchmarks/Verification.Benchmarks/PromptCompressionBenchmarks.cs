using BenchmarkDotNet.Attributes;
using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.Benchmarks;

/// <summary>
/// arXiv 2407.15504 §3.2: the dual hull algorithm vs the GLOP primal on the same cached table (validation split,
/// 1,400 rows, lengths 4–10, query-aware groups, 0/1 loss), and the cost of filling the oracle tables.
/// Run: <c>dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*PromptCompression*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PromptCompressionBenchmarks
{
    private IReadOnlyList<PromptRow> rows = [];
    private OracleBlackBox oracle = null!;
    private RateDistortionProblem full = null!;
    private RateDistortionProblem pruned = null!;

    [GlobalSetup]
    public void Setup()
    {
        rows = SyntheticDataset.Generate(SyntheticSplit.Validation, Rng.For(1, "pc.validation"));
        oracle = OracleBlackBox.For(rows);
        full = DistortionTable.Build(rows, oracle, Loss.ZeroOne, Grouping.QueryAware).Problem;
        pruned = full.PerRateMinima();
        double dual = DualDistortionRate.Compute(full).Evaluate(0.3), primal = DistortionRateLp.Solve(full, 0.3).Value;
        if (Math.Abs(dual - primal) > 1e-9) throw new InvalidOperationException($"dual {dual} ≠ primal {primal}");
    }

    /// <summary>The whole curve (hulls, one sort), then D*(0.3).</summary>
    [Benchmark(Baseline = true)]
    public double DualWholeCurve() => DualDistortionRate.Compute(full).Evaluate(0.3);

    /// <summary>GLOP on every candidate column, one rate.</summary>
    [Benchmark]
    public double GlopFullTableOneRate() => DistortionRateLp.Solve(full, 0.3).Value;

    /// <summary>GLOP on the per-rate minima (spec §8 "prune first"), one rate.</summary>
    [Benchmark]
    public double GlopPrunedTableOneRate() => DistortionRateLp.Solve(pruned, 0.3).Value;

    /// <summary>Both oracle tables (query-agnostic and query-aware) for the 1,400 rows, one loss.</summary>
    [Benchmark]
    public int BuildOracleTables() =>
        DistortionTable.Build(rows, oracle, Loss.Log, Grouping.QueryAgnostic).Problem.Columns +
        DistortionTable.Build(rows, oracle, Loss.Log, Grouping.QueryAware).Problem.Columns;
}
