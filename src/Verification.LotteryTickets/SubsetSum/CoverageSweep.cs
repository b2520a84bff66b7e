// arXiv 2006.07990 §2, Lemma 1 (Lueker 1998) and the counting bound (spec §1, P1–P2): the coverage experiment of
// SS.coverage-threshold — exact worst-case distances D_n of many trials, the coverage probability P(D_n ≤ ε) with
// pointwise Wilson 95% intervals, n₉₀ and its growth in log10(1/ε).
using Verification.Core.Numerics;
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// Coverage of [−r, r] at one ε over n = 1..N: how many trials had D_n ≤ ε, with the pointwise Wilson 95% interval of
/// each probability, the probability at the counting threshold n = ⌈log2(r/ε)⌉ and at the largest n, and n₉₀ (the
/// first n whose estimate reaches 0.9) with the range of n the intervals allow (NaN where 0.9 is never reached).
/// </summary>
public sealed record CoverageCurve(double Epsilon, double Radius, int[] Covered, BinomialInterval[] Interval)
{
    public const double Level = 0.9;

    /// <summary>Coverage probability estimates, P(D_n ≤ ε) for n = 1..N.</summary>
    public double[] P => [.. Interval.Select(b => b.Estimate)];

    /// <summary>⌈log2(r/ε)⌉: below it no n numbers ε-cover [−r, r].</summary>
    public int CountingThreshold => (int)Math.Ceiling(SubsetSumCoverage.MinimumTerms(Epsilon, Radius));

    /// <summary>Coverage at the counting threshold (0 when it lies beyond the largest n).</summary>
    public double AtThreshold => CountingThreshold <= Covered.Length ? Interval[CountingThreshold - 1].Estimate : 0;

    public double AtThresholdHigh95 => CountingThreshold <= Covered.Length ? Interval[CountingThreshold - 1].High : 0;

    public double AtMaxN => Interval[^1].Estimate;

    public double AtMaxNLow95 => Interval[^1].Low;

    private (int Earliest, int Estimate, int Latest) Crossing => BinomialInterval.Crossing(Interval, Level);

    /// <summary>n₉₀: the first n whose coverage estimate reaches 0.9 (NaN if none).</summary>
    public double N90 => Crossing.Estimate < 0 ? double.NaN : Crossing.Estimate + 1;

    /// <summary>The first n whose Wilson interval reaches 0.9 (NaN if none).</summary>
    public double N90Earliest95 => Crossing.Earliest < 0 ? double.NaN : Crossing.Earliest + 1;

    /// <summary>The first n whose Wilson interval lies above 0.9 (NaN if none).</summary>
    public double N90Latest95 => Crossing.Latest < 0 ? double.NaN : Crossing.Latest + 1;
}

/// <summary>
/// One coverage experiment: <c>Trials</c> draws of N summands, the exact D_1..D_N of each
/// (<see cref="SubsetSumCoverage.WorstCaseDistances"/>), and the coverage curve at every ε.
/// </summary>
public sealed record CoverageSweep(double Radius, double[][] Distances, CoverageCurve[] Curves)
{
    public static CoverageSweep Run(SummandDistribution distribution, double radius, int trials, int terms,
        IReadOnlyList<double> epsilons, Rng rng, Action<double>? progress = null)
    {
        var distances = new double[trials][];
        for (int t = 0; t < trials; t++)
        {
            var x = new double[terms];
            for (int i = 0; i < x.Length; i++) x[i] = SubsetSumCoverage.Sample(distribution, rng);
            distances[t] = SubsetSumCoverage.WorstCaseDistances(x, epsilons.Min(), radius);
            progress?.Invoke((t + 1.0) / trials);
        }
        var curves = epsilons.Select(eps =>
        {
            var covered = Enumerable.Range(1, terms).Select(n => distances.Count(d => d[n - 1] <= eps)).ToArray();
            return new CoverageCurve(eps, radius, covered, [.. covered.Select(k => BinomialInterval.Wilson(k, trials))]);
        }).ToArray();
        return new CoverageSweep(radius, distances, curves);
    }

    /// <summary>Every (trial, n): D_n over the counting bound r·2^{−n}, which no n numbers can beat (expected ≥ 1).</summary>
    public IEnumerable<(string Case, double Measured, double Expected)> OverCountingBound() =>
        Distances.SelectMany((d, t) => d.Select((dn, i) => ($"trial={t},n={i + 1}", dn / SubsetSumCoverage.CountingLowerBound(i + 1, Radius), 1.0)));

    /// <summary>log10(1/ε) of each ε.</summary>
    public double[] LogInverseEpsilon => [.. Curves.Select(c => Math.Log10(1 / c.Epsilon))];

    /// <summary>n₉₀ linear in log10(1/ε); null unless every ε reaches 90% coverage within the largest n.</summary>
    public LinearFit? N90Fit => Curves.All(c => !double.IsNaN(c.N90)) ? LinearFit.Of(LogInverseEpsilon, [.. Curves.Select(c => c.N90)]) : null;

    /// <summary>n₉₀ at the last ε over n₉₀ at the first (the largest over the smallest n₉₀ for a decreasing ε list).</summary>
    public double N90Ratio => Curves[^1].N90 / Curves[0].N90;
}
