// arXiv 2402.04161, §2 (entropy rate and unigram entropy of the binary source); spec attention-with-markov §1.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Core.Markov.Claims;

/// <summary>
/// The entropy rate of a binary chain is at most its stationary entropy H(π), with equality exactly when
/// p + q = 1 (the i.i.d. chain) (spec attention-with-markov §1). Checked on a grid off the line (a strict gap
/// is required there) and on points of the line p + q = 1 (equality to 1e-12). Negative control: the entropy rate
/// computed in bits while H(π) stays in nats, a unit mix-up that breaks both the bound and the equality.
/// Produces the figure "entropy rate vs H(π) over p for a few q".
/// </summary>
public sealed class EntropyRateBelowStationaryEntropy : Claim<EntropyRateBelowStationaryEntropy.Settings>
{
    /// <param name="GridSize">chains (i/(n+1), j/(n+1)) for 1 ≤ i, j ≤ n</param>
    /// <param name="EqualityTolerance">absolute, in nats: "equal" on the line p + q = 1, "strictly below" off it</param>
    public sealed record Settings(int GridSize, double EqualityTolerance = 1e-12) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale switch { Scale.Smoke => 19, Scale.Ci => 99, _ => 399 });
    }

    public override string Id => "MC.entropy-rate-at-most-stationary-entropy";
    public override PaperRef Paper => PaperRef.MarkovMachinery;
    public override string Section => "AM §1 (entropy rate and unigram entropy)";
    public override string Statement =>
        "The entropy rate [q·h(p) + p·h(q)]/(p+q) is at most H(π) = h(p/(p+q)), with equality exactly when p + q = 1.";
    public override string NegativeControl => "entropy rate in bits compared with H(π) in nats";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        double tol = settings.EqualityTolerance;
        // gap = H(π) − entropy rate at every chain of the grid
        var points = Grid(settings.GridSize, context).Select(c => (c.Label, c.OnLine, Gap: c.Chain.StationaryEntropy - Rate(c.Chain, construction))).ToList();
        var onLine = points.Where(c => c.OnLine).ToList();
        var offLine = points.Where(c => !c.OnLine).ToList();
        var obs = new Observations().Measure("points.on-line", onLine.Count).Measure("points.off-line", offLine.Count);
        if (construction == Construction.Faithful) obs.Add(Figure());
        // entropy rate ≤ H(π) everywhere, = on p + q = 1, < off it; each check reports its worst chain
        return obs
            .ExpectAll("min-gap", points.Select(c => (c.Label, c.Gap, 0.0)), Tolerance.AtLeast(tol))
            .ExpectAll("max-abs-gap.on-line", onLine.Select(c => (c.Label, Math.Abs(c.Gap), 0.0)), Tolerance.Absolute(tol))
            .ExpectAll("min-gap.off-line", offLine.Select(c => (c.Label, c.Gap, tol)), Tolerance.AtLeast())
            .Conclude(() => $"entropy rate ≤ H(π) at all {points.Count} points; equality on p+q=1 (max |gap| {obs["max-abs-gap.on-line"]:E1}), " +
                            $"strict elsewhere (min gap {obs["min-gap.off-line"]:E2})");
    }

    private static double Rate(BinaryMarkovChain c, Construction k) =>
        k == Construction.Faithful ? c.EntropyRate : c.EntropyRate / Math.Log(2);

    /// <summary>The chains (i/(n+1), j/(n+1)), 1 ≤ i, j ≤ n, and whether p + q = 1 (exactly, in the grid's integers).</summary>
    private static IEnumerable<(string Label, bool OnLine, BinaryMarkovChain Chain)> Grid(int n, ClaimContext context)
    {
        for (int i = 1; i <= n; i++)
        {
            for (int j = 1; j <= n; j++)
                yield return ($"p={i}/{n + 1},q={j}/{n + 1}", i + j == n + 1, new BinaryMarkovChain(i / (n + 1.0), j / (n + 1.0)));
            context.Report(i / (double)n);
        }
    }

    /// <summary>Entropy rate and H(π) over p for q ∈ {0.2, 0.5, 0.8}.</summary>
    public static Figure Figure()
    {
        var ps = Enumerable.Range(1, 99).Select(i => i / 100.0).ToArray();
        var series = new List<Series>();
        foreach (var q in new[] { 0.2, 0.5, 0.8 })
        {
            var chains = ps.Select(p => new BinaryMarkovChain(p, q)).ToArray();
            series.Add(new Series($"entropy rate, q={q}", ps, chains.Select(c => c.EntropyRate).ToArray(), Group: $"q={q}"));
            series.Add(new Series($"H(π), q={q}", ps, chains.Select(c => c.StationaryEntropy).ToArray(), SeriesStyle.Dashed, $"q={q}"));
        }
        return new Figure("entropy-vs-p", "Entropy rate vs stationary entropy H(π) (nats)", "p = P(1|0)", "nats", series,
            Caption: "Each solid entropy-rate curve stays below the dashed H(π) of the same colour and touches it only at p = 1 − q (the i.i.d. chain).");
    }
}
