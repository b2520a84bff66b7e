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
        foreach (var (c, (name, dist, r)) in Summands.Index())
        {
            using var group = obs.Case(name);
            var sweep = CoverageSweep.Run(construction == Construction.Faithful ? dist : SummandDistribution.NonNegativeUniform, r,
                s.Trials, s.MaxTerms, s.Epsilons, context.Rng($"coverage-{name}"), f => context.Report((c + f) / Summands.Length));
            // (a) D_n ≥ r·2^{−n} for every trial and n: no sample beats the counting bound
            obs.ExpectAll("d-over-counting-bound", sweep.OverCountingBound(), Tolerance.AtLeast(CountingBoundSlack));
            foreach (var curve in sweep.Curves)
            {
                // (b) coverage ≈ 0 at the counting threshold, ≈ 1 at the largest n (one-sided bounds)
                var eps = $"eps={curve.Epsilon}";
                obs.ExpectAtMost($"{eps}.p-at-log2", curve.AtThreshold, s.LowProbability).Measure($"{eps}.p-at-log2.high95", curve.AtThresholdHigh95)
                    .ExpectAtLeast($"{eps}.p-at-max-n", curve.AtMaxN, s.HighProbability).Measure($"{eps}.p-at-max-n.low95", curve.AtMaxNLow95)
                    .Measure($"{eps}.n90", curve.N90).Measure($"{eps}.n90.earliest95", curve.N90Earliest95).Measure($"{eps}.n90.latest95", curve.N90Latest95);
            }
            // every ε reaches 90% coverage within the largest n (the worst n90 is shown; NaN where none)
            obs.ExpectAll("n90-at-most-max-n", sweep.Curves.Select(k => ($"eps={k.Epsilon}", k.N90, (double)s.MaxTerms)), Tolerance.AtMost());
            if (sweep.N90Fit is { } fit)
            {
                // (c) n₉₀ linear in log10(1/ε) with a slope > 0; for U[−1,1] the ratio over two decades of ε is O(1)
                obs.ExpectAtLeast("n90-fit.slope-per-decade", fit.Slope, Positive).ExpectAtLeast("n90-fit.r2", fit.RSquared, s.MinRSquared);
                if (dist != SummandDistribution.Uniform) obs.Measure("n90-ratio", sweep.N90Ratio);
                else obs.ExpectAtMost("n90-ratio", sweep.N90Ratio, s.MaxRatio);
                if (dist == SummandDistribution.Uniform && TwoDecades(s)) obs.ExpectAtLeast("n90-ratio.two-decades", sweep.N90Ratio, s.MinRatio);
            }
            if (construction == Construction.Faithful) CoverageFigures.Add(obs, name, sweep, s.Trials);
        }
        return obs.Conclude(() =>
            $"counting bound never beaten; coverage rises from ≤ {s.LowProbability} to ≥ {s.HighProbability}; n90 linear in log(1/ε) " +
            $"(uniform slope {obs["uniform.n90-fit.slope-per-decade"]:F2}/decade, products {obs["product.n90-fit.slope-per-decade"]:F2}/decade)");
    }

    /// <summary>U[−1,1] summands on [−1,1]; products of two U[−1,1] on [−½,½] (their density has a uniform component there).</summary>
    private static readonly (string Name, SummandDistribution Distribution, double Radius)[] Summands =
        [("uniform", SummandDistribution.Uniform, 1.0), ("product", SummandDistribution.ProductOfUniforms, 0.5)];

    /// <summary>The ratio's lower bound is decided only over two decades of ε (spec P2).</summary>
    private static bool TwoDecades(Settings s) => s.Epsilons.Max() / s.Epsilons.Min() >= 99;

    /// <summary>D_n/(r·2^{−n}) may fall below 1 by this much (rounding in the sums), never more.</summary>
    public const double CountingBoundSlack = 1e-12;

    /// <summary>The smallest positive double: "at least <see cref="Positive"/>" is "greater than 0".</summary>
    public const double Positive = double.Epsilon;
}
