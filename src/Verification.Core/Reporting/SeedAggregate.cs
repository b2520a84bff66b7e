using MathNet.Numerics.Statistics;
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Core.Reporting;

/// <summary>How one measurement varies over the seeds of a run: mean ± sample sd and range.</summary>
public sealed record MeasurementSpread(string Name, int N, double Mean, double Sd, double Min, double Max)
{
    /// <summary>"0.5012 ± 0.0031": the mean to 4 significant digits, the sd to 2.</summary>
    public string MeanAndSd => $"{Significant.Format(Mean)} ± {Significant.Format(Sd, 2)}";

    public string Range => $"{Significant.Format(Min)} … {Significant.Format(Max)}";

    public string Describe() => $"{MeanAndSd} (range {Range}, n = {N})";
}

/// <summary>
/// A claim over the seeds of a run: its verdict per seed, how many seeds (k of n) gave the recorded verdict with the
/// Wilson 95% score interval for that proportion, how many seeds the claim needs (default: all), and the spread of
/// every measurement that varies with the seed. Seeds at which the claim was not run (scale) are left out of n.
/// </summary>
public sealed record SeedAggregate(
    string Id,
    Verdict Recorded,
    IReadOnlyList<(int Seed, Verdict Verdict)> PerSeed,
    int K,
    int N,
    int Needed,
    double Low,
    double High,
    IReadOnlyList<MeasurementSpread> Varying)
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = BinomialInterval.Z95;

    /// <summary>Whether enough seeds gave the recorded verdict.</summary>
    public bool AsRecorded => K >= Needed;

    public string Interval => $"[{Low:F2}, {High:F2}]";

    public string Headline => N == 0
        ? "not run at any seed"
        : $"{K} of {N} seeds as recorded (Wilson 95% {Interval}; needs {Needed})";

    /// <summary>The Wilson score interval of k of n seeds (<see cref="BinomialInterval.Wilson"/>); (0, 1) for no seed.</summary>
    public static (double Low, double High) Wilson(int k, int n, double z = Z95)
    {
        if (n <= 0) return (0, 1);
        var interval = BinomialInterval.Wilson(k, n, z);
        return (interval.Low, interval.High);
    }

    /// <summary>One aggregate per claim id, in the order the claims first appear in <paramref name="records"/>.</summary>
    public static IReadOnlyList<SeedAggregate> Of(IReadOnlyList<ClaimRecord> records, IReadOnlyDictionary<string, ClaimMeta> meta) =>
        records.GroupBy(r => r.Id).Select(g => Of(g.ToList(), meta.GetValueOrDefault(g.Key)?.SeedsNeeded)).ToList();

    /// <summary>
    /// The aggregates as results.json's <c>summary.overSeeds</c> (multi-seed runs only): per claim k of n, the seeds
    /// needed, the Wilson 95% bounds and whether it holds over seeds as recorded; the per-seed records stay in
    /// <c>claims</c>.
    /// </summary>
    public static IReadOnlyList<SeedSummary> Summaries(IReadOnlyList<ClaimRecord> records, IReadOnlyDictionary<string, ClaimMeta> meta) =>
        Of(records, meta).Select(a => new SeedSummary(a.Id, a.K, a.N, a.Needed, [Math.Round(a.Low, 6), Math.Round(a.High, 6)], a.AsRecorded))
            .ToList();

    public static SeedAggregate Of(IReadOnlyList<ClaimRecord> seeds, int? needed)
    {
        var ran = seeds.Where(r => r.Verdict != Verdict.NotRun).ToList();
        int n = ran.Count, k = ran.Count(r => r.Verdict == r.Recorded);
        var (low, high) = Wilson(k, n);
        var varying = new List<MeasurementSpread>();
        if (ran.Count > 1)
        {
            foreach (var name in ran[0].Measured.Keys)
            {
                if (!ran.All(r => r.Measured.ContainsKey(name))) continue;
                var xs = ran.Select(r => r.Measured[name]).ToList();
                if (xs.All(x => x.Equals(xs[0]))) continue;
                var (mean, sd) = xs.MeanStandardDeviation();   // sample sd (n − 1)
                varying.Add(new MeasurementSpread(name, xs.Count, mean, sd, xs.Min(), xs.Max()));
            }
        }
        return new SeedAggregate(seeds[0].Id, seeds[0].Recorded, seeds.Select(r => (r.Seed, r.Verdict)).ToList(),
            k, n, Math.Clamp(needed ?? n, 0, n), low, high, varying);
    }
}
