// Two samples of right-censored times compared: the escape steps of tied training runs of this harness against those of
// the authors' own code (Attention with Markov, arXiv 2402.04161 §4). Mantel (1966), Peto & Peto (1972): the log-rank
// test; its exact permutation form for small samples (the authors' code was run with 3 and 5 seeds).
namespace Verification.Core.Numerics;

/// <summary>
/// The log-rank statistic of sample A against sample B: observed events of A, expected under "one survival curve for
/// both", the hypergeometric variance, χ² = (O − E)²/V with its χ²(1) p-value, and (when computed) the exact p-value of
/// the permutation test.
/// </summary>
public sealed record LogRankResult(double ObservedA, double ExpectedA, double Variance, double ChiSquare, double PValue)
{
    /// <summary>The fraction of all relabellings of the pooled times into samples of the same sizes with χ² ≥ this one.</summary>
    public double? ExactPValue { get; init; }
}

public static class LogRankTest
{
    /// <summary>Relabellings enumerated at most by <see cref="Compare"/> (C(25, 5) = 53,130 for 5 against 20).</summary>
    public const long MaxRelabellings = 5_000_000;

    /// <summary>
    /// Sums over the distinct event times t_j of the pooled sample: O_A = Σ d_Aj, E_A = Σ d_j n_Aj/n_j,
    /// V = Σ d_j (n_Aj/n_j)(1 − n_Aj/n_j)(n_j − d_j)/(n_j − 1) (n: at risk just before t_j, censored at t_j counted at risk).
    /// The exact p-value is computed (with <paramref name="exact"/>) when the relabellings number at most
    /// <see cref="MaxRelabellings"/>. Throws <see cref="ArgumentException"/> on an empty sample, a negative or
    /// non-finite time, or no event at all.
    /// </summary>
    public static LogRankResult Compare(IReadOnlyList<SurvivalTime> a, IReadOnlyList<SurvivalTime> b, bool exact = true)
    {
        SurvivalTime.Validate(a, nameof(a));
        SurvivalTime.Validate(b, nameof(b));
        var pooled = a.Concat(b).ToArray();
        if (!pooled.Any(s => s.Event)) throw new ArgumentException("no event in either sample: the test has nothing to compare");
        var inA = pooled.Select((_, i) => i < a.Count).ToArray();
        var (observed, expected, variance) = Sums(pooled, inA);
        double chi2 = variance > 0 ? (observed - expected) * (observed - expected) / variance : 0;
        var result = new LogRankResult(observed, expected, variance, chi2, ChiSquareOneTail(chi2));
        return exact && Binomial(pooled.Length, a.Count) <= MaxRelabellings ? result with { ExactPValue = Exact(pooled, a.Count, chi2) } : result;
    }

    /// <summary>P(X ≥ x) for X ~ χ²(1): erfc(√(x/2)).</summary>
    public static double ChiSquareOneTail(double x) => x <= 0 ? 1 : Erfc(Math.Sqrt(x / 2));

    /// <summary>
    /// erfc by the Chebyshev fit of Press et al., Numerical Recipes (2nd ed., §6.2, <c>erfcc</c>): relative error below
    /// 1.2e-7 everywhere, ample for a p-value.
    /// </summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    private static (double Observed, double Expected, double Variance) Sums(SurvivalTime[] pooled, bool[] inA)
    {
        double observed = 0, expected = 0, variance = 0;
        foreach (double t in pooled.Where(s => s.Event).Select(s => s.Time).Distinct())
        {
            int n = 0, nA = 0, d = 0, dA = 0;
            for (int i = 0; i < pooled.Length; i++)
            {
                if (pooled[i].Time < t) continue;
                n++;
                if (inA[i]) nA++;
                if (pooled[i].Event && pooled[i].Time == t) { d++; if (inA[i]) dA++; }
            }
            double share = nA / (double)n;
            observed += dA;
            expected += d * share;
            if (n > 1) variance += d * share * (1 - share) * (n - d) / (n - 1);
        }
        return (observed, expected, variance);
    }

    /// <summary>The share of the C(n, k) ways to call k of the pooled times "A" whose χ² reaches <paramref name="observedChi2"/>.</summary>
    private static double Exact(SurvivalTime[] pooled, int k, double observedChi2)
    {
        long total = 0, atLeast = 0;
        var inA = new bool[pooled.Length];
        foreach (var subset in Subsets(pooled.Length, k))
        {
            Array.Clear(inA);
            foreach (int i in subset) inA[i] = true;
            var (o, e, v) = Sums(pooled, inA);
            double chi2 = v > 0 ? (o - e) * (o - e) / v : 0;
            total++;
            if (chi2 >= observedChi2 * (1 - 1e-9)) atLeast++;   // equal statistics up to round-off count as "at least"
        }
        return atLeast / (double)total;
    }

    /// <summary>Every k-subset of 0 … n−1, in lexicographic order (the array is reused between subsets).</summary>
    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        var c = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return c;
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i) i--;
            if (i < 0) yield break;
            c[i]++;
            for (int j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
        }
    }

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
