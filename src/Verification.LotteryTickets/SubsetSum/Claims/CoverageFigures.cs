// arXiv 2006.07990 §2, Lemma 1 (spec P1–P2): the figures and table of SS.coverage-threshold.
using Verification.Core.Claims;

namespace Verification.LotteryTickets.SubsetSum.Claims;

/// <summary>What SS.coverage-threshold draws from one coverage sweep: n₉₀ against log10(1/ε), the Wilson table, coverage against n.</summary>
public static class CoverageFigures
{
    /// <summary>Adds the figures of one summand distribution (<paramref name="name"/>): the n₉₀ fit only when every ε has an n₉₀.</summary>
    public static void Add(Observations obs, string name, CoverageSweep sweep, int trials)
    {
        double r = sweep.Radius;
        if (sweep.N90Fit is { } fit) obs.Add(N90(name, sweep, fit));
        var ns = Enumerable.Range(1, sweep.Curves[0].Covered.Length).Select(n => (double)n).ToArray();
        obs.Add(new DataTable($"ss-coverage-{name}-wilson95", ["eps", "n", "covered", "p", "low95", "high95"],
            [.. sweep.Curves.SelectMany(c => ns.Select((n, i) => (IReadOnlyList<double>)
                [c.Epsilon, n, c.Covered[i], c.Interval[i].Estimate, c.Interval[i].Low, c.Interval[i].High]))]));
        obs.Add(new Figure($"ss-coverage-{name}", $"P(ε-coverage of [−{r},{r}]) vs n, {name} summands ({trials} trials)", "n", "coverage probability",
            [.. sweep.Curves.SelectMany(c => new[]
            {
                new Series($"ε={c.Epsilon}", ns, c.P, SeriesStyle.LineWithMarkers, $"ε={c.Epsilon}"),
                new Series($"log2(r/ε), ε={c.Epsilon}", [Math.Log2(r / c.Epsilon), Math.Log2(r / c.Epsilon)], [0, 1], SeriesStyle.Reference, $"ε={c.Epsilon}"),
            })],
            Caption: "Each ε's coverage rises from 0 to 1 as n grows, a little right of its counting bound log2(r/ε) (labelled line): smaller ε needs more summands, about one more per halving."));
    }

    private static Figure N90(string name, CoverageSweep sweep, LinearFit fit)
    {
        var logInv = sweep.LogInverseEpsilon;
        var n90 = sweep.Curves.Select(c => c.N90).ToArray();
        var latest = sweep.Curves.Select(c => c.N90Latest95).ToArray();
        return new Figure($"ss-n90-{name}", $"n for 90% coverage vs log10(1/ε) ({name})", "log10(1/ε)", "n90",
        [
            new Series("measured n90", logInv, n90, SeriesStyle.Markers, "m"),
            new Series($"fit {fit.Intercept:F1} + {fit.Slope:F2}·log10(1/ε), R²={fit.RSquared:F3}", logInv, logInv.Select(fit.At).ToArray(), SeriesStyle.Line, "m"),
            new Series("log2(r/ε) (counting bound)", logInv, logInv.Select(l => Math.Log2(sweep.Radius) + l * Math.Log2(10)).ToArray(), SeriesStyle.Reference, "b"),
            .. (latest.All(double.IsFinite)
                ? new[]
                {
                    new Series("n90 range, Wilson 95%: earliest", logInv, sweep.Curves.Select(c => c.N90Earliest95).ToArray(), SeriesStyle.Markers, "ci"),
                    new Series("n90 range, Wilson 95%: latest", logInv, latest, SeriesStyle.Markers, "ci"),
                }
                : []),
        ], Caption: "n90 grows linearly in log10(1/ε) (the fit's slope), parallel to the counting bound log2(r/ε): the paper's O(log(1/ε)) summands.");
    }
}
