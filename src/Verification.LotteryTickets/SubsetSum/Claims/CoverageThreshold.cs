// arXiv 2006.07990 §2, Lemma 1 (Lueker 1998) and the counting bound (spec §1, P1–P2).
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.LotteryTickets.SubsetSum.Claims;

/// <summary>
/// Exact ε-coverage of [−r, r] by the 2^n subset sums of n i.i.d. summands (U[−1,1] on [−1,1]; products of two
/// U[−1,1] on [−½,½], where their density has a uniform component, spec §1 and pitfall 4). Checks, with thresholds
/// fixed in advance: (a) never covered below log2(r/ε), i.e. D_n ≥ r·2^{−n} for every trial (hard); (b) coverage
/// probability ≤ 0.1 at n = ⌈log2(r/ε)⌉ and ≥ 0.95 at the largest n; (c) n₉₀ (the n with ≥ 90% coverage) is linear
/// in log10(1/ε) (R² ≥ 0.9, slope &gt; 0) and, for U[−1,1] over two decades of ε, n₉₀(ε_min)/n₉₀(ε_max) ∈ [1.3, 2.5]
/// (spec P2: ≈ 1.5–2, not ~100 as a 1/ε law would give). Negative control: the summands' signs dropped (U[0,1]).
/// Reported, not decided on (spec P1): pointwise Wilson 95% intervals of every coverage probability (a table), and the
/// range of n₉₀ they allow (first n whose interval reaches 0.9, first n whose interval is above it).
/// </summary>
public sealed class CoverageThreshold : Claim<CoverageThreshold.Settings>
{
    /// <param name="LowProbability">coverage allowed at n = ⌈log2(r/ε)⌉ (at most)</param>
    /// <param name="HighProbability">coverage required at the largest n (at least; one-sided, not "1 ± 0.05")</param>
    /// <param name="MinRSquared">linearity of n₉₀ in log10(1/ε)</param>
    /// <param name="MinRatio">n₉₀(ε_min)/n₉₀(ε_max) over two decades, U[−1,1] only (spec P2: ≈ 1.5–2)</param>
    public sealed record Settings(int Trials, int MaxTerms, double[] Epsilons, double LowProbability = 0.1,
        double HighProbability = 0.95, double MinRSquared = 0.9, double MinRatio = 1.3, double MaxRatio = 2.5)
        : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => scale switch
        {
            Scale.Smoke => new(200, 20, [0.1, 0.03, 0.01, 0.003, 0.001]),   // fewer ε or trials make n90 too coarse for a fit
            Scale.Ci => new(300, 22, [0.1, 0.03, 0.01, 0.003, 0.001]),
            _ => new(2000, 24, [0.1, 0.03, 0.01, 0.003, 0.001]),
        };
    }


    public override string Id => "SS.coverage-threshold";
    public override PaperRef Paper => PaperRef.SubsetSumLottery;
    public override string Section => "§2, Lemma 1 (Lueker) and the counting bound";
    public override string Statement =>
        "Subset sums of n i.i.d. uniform summands never ε-cover [−1,1] for n < log2(1/ε), cover it with probability " +
        "rising from ≈0 to ≈1 as n grows, and the n for 90% coverage grows linearly in log(1/ε).";
    public override string NegativeControl => "summands with their sign dropped (U[0,1] instead of U[−1,1]), which cannot reach negative targets";

    protected override Outcome Check(ClaimContext context, Settings s, Construction construction)
    {
        var obs = new Observations();
        var cases = new (string Name, SummandDistribution Dist, double Radius)[]
        {
            ("uniform", SummandDistribution.Uniform, 1.0),
            ("product", SummandDistribution.ProductOfUniforms, 0.5),
        };
        for (int c = 0; c < cases.Length; c++)
        {
            var (name, dist, r) = cases[c];
            using var group = obs.Case(name);
            if (construction == Construction.Sabotaged) dist = SummandDistribution.NonNegativeUniform;
            var rng = context.Rng($"coverage-{name}");
            var distances = new double[s.Trials][];
            int violations = 0;
            for (int t = 0; t < s.Trials; t++)
            {
                var x = new double[s.MaxTerms];
                for (int i = 0; i < x.Length; i++) x[i] = SubsetSumCoverage.Sample(dist, rng);
                distances[t] = SubsetSumCoverage.WorstCaseDistances(x, s.Epsilons.Min(), r);
                for (int n = 1; n <= s.MaxTerms; n++)
                    if (distances[t][n - 1] < SubsetSumCoverage.CountingLowerBound(n, r) * (1 - 1e-12)) violations++;
                context.Report((c + (t + 1.0) / s.Trials) / cases.Length);
            }
            // (a) D_n ≥ r·2^{−n}: no (trial, n) pair beats the counting bound.
            obs.Expect("counting-bound-violations", violations, 0, Tolerance.Absolute(0));

            var series = new List<Series>();
            var n90 = new List<double>();
            var n90Range = new List<(double Earliest, double Latest)>();
            var logInv = new List<double>();
            var wilsonRows = new List<IReadOnlyList<double>>();
            foreach (var eps in s.Epsilons)
            {
                var ns = Enumerable.Range(1, s.MaxTerms).Select(n => (double)n).ToArray();
                var covered = ns.Select(n => distances.Count(d => d[(int)n - 1] <= eps)).ToArray();
                var ci = covered.Select(k => BinomialInterval.Wilson(k, s.Trials)).ToArray();   // pointwise 95%
                var p = ci.Select(b => b.Estimate).ToArray();
                for (int i = 0; i < ns.Length; i++)
                    wilsonRows.Add([eps, ns[i], covered[i], p[i], ci[i].Low, ci[i].High]);
                int nLow = (int)Math.Ceiling(SubsetSumCoverage.MinimumTerms(eps, r));
                double pLow = nLow <= s.MaxTerms ? p[nLow - 1] : 0, pHigh = p[^1];
                var (earliest90, first90, latest90) = BinomialInterval.Crossing(ci, 0.9);
                // (b) coverage ≈ 0 at the counting threshold, ≈ 1 at the largest n (one-sided bounds).
                obs.ExpectAtMost($"eps={eps}.p-at-log2", pLow, s.LowProbability);
                obs.Measure($"eps={eps}.p-at-log2.high95", nLow <= s.MaxTerms ? ci[nLow - 1].High : 0);
                obs.ExpectAtLeast($"eps={eps}.p-at-max-n", pHigh, s.HighProbability);
                obs.Measure($"eps={eps}.p-at-max-n.low95", ci[^1].Low);
                obs.Measure($"eps={eps}.n90", first90 < 0 ? double.NaN : first90 + 1);
                obs.Measure($"eps={eps}.n90.earliest95", earliest90 < 0 ? double.NaN : earliest90 + 1);
                obs.Measure($"eps={eps}.n90.latest95", latest90 < 0 ? double.NaN : latest90 + 1);
                if (first90 >= 0) n90Range.Add((earliest90 + 1, latest90 < 0 ? double.NaN : latest90 + 1));
                if (first90 >= 0)
                {
                    n90.Add(first90 + 1);
                    logInv.Add(Math.Log10(1 / eps));
                }
                series.Add(new Series($"ε={eps}", ns, p, SeriesStyle.LineWithMarkers, $"ε={eps}"));
                series.Add(new Series($"log2(r/ε), ε={eps}", [Math.Log2(r / eps), Math.Log2(r / eps)], [0, 1], SeriesStyle.Dashed, $"ε={eps}"));
            }
            obs.Expect("n90-reached", n90.Count == s.Epsilons.Length,
                $"90% coverage reached for {n90.Count} of {s.Epsilons.Length} ε values");
            if (n90.Count == s.Epsilons.Length)
            {
                var fit = LinearFit.Of(logInv, n90);
                double ratio = n90[^1] / n90[0];
                // (c) n₉₀ linear in log10(1/ε) with a positive slope; for U[−1,1] the ratio over the ε range is O(1).
                obs.Expect("n90-fit.slope-positive", fit.Slope > 0, $"slope {fit.Slope:F3} per decade");
                obs.Measure("n90-fit.slope-per-decade", fit.Slope);
                obs.ExpectAtLeast("n90-fit.r2", fit.RSquared, s.MinRSquared);
                bool twoDecades = s.Epsilons.Max() / s.Epsilons.Min() >= 99;
                if (dist == SummandDistribution.Uniform)
                {
                    obs.ExpectAtMost("n90-ratio", ratio, s.MaxRatio);
                    if (twoDecades) obs.Expect("n90-ratio.at-least-min", ratio >= s.MinRatio, $"ratio {ratio:F3} vs {s.MinRatio}");
                }
                else obs.Measure("n90-ratio", ratio);
                if (construction == Construction.Faithful)
                {
                    obs.Add(new Figure($"ss-n90-{name}", $"n for 90% coverage vs log10(1/ε) ({name})", "log10(1/ε)", "n90",
                    [
                        new Series("measured n90", logInv, n90, SeriesStyle.Markers, "m"),
                        new Series($"fit {fit.Intercept:F1} + {fit.Slope:F2}·log10(1/ε), R²={fit.RSquared:F3}", logInv, logInv.Select(fit.At).ToArray(), SeriesStyle.Line, "m"),
                        new Series("log2(r/ε) (counting bound)", logInv, logInv.Select(l => Math.Log2(r) + l * Math.Log2(10)).ToArray(), SeriesStyle.Dashed, "b"),
                        .. (n90Range.All(x => double.IsFinite(x.Latest))
                            ? new[]
                            {
                                new Series("n90 range, Wilson 95%: earliest", logInv, n90Range.Select(x => x.Earliest).ToArray(), SeriesStyle.Markers, "ci"),
                                new Series("n90 range, Wilson 95%: latest", logInv, n90Range.Select(x => x.Latest).ToArray(), SeriesStyle.Markers, "ci"),
                            }
                            : []),
                    ]));
                }
            }
            if (construction == Construction.Faithful)
                obs.Add(new DataTable($"ss-coverage-{name}-wilson95", ["eps", "n", "covered", "p", "low95", "high95"], wilsonRows));
            if (construction == Construction.Faithful)
                obs.Add(new Figure($"ss-coverage-{name}", $"P(ε-coverage of [−{r},{r}]) vs n, {name} summands ({s.Trials} trials)", "n", "coverage probability", series));
        }
        return obs.Conclude(() =>
            $"counting bound never beaten; coverage rises from ≤ {s.LowProbability} to ≥ {s.HighProbability}; n90 linear in log(1/ε) " +
            $"(uniform slope {obs["uniform.n90-fit.slope-per-decade"]:F2}/decade, products {obs["product.n90-fit.slope-per-decade"]:F2}/decade)");
    }
}
