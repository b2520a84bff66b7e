using Verification.Core.Claims;
using Verification.Core.Information;

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


    private static double Rate(BinaryMarkovChain c, Construction k) =>
        k == Construction.Faithful ? c.EntropyRate : c.EntropyRate / Math.Log(2);

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        int n = settings.GridSize;
        double tol = settings.EqualityTolerance;
        int violations = 0, offLine = 0, onLine = 0;
        double minGapOff = double.PositiveInfinity, maxGapOn = 0;
        for (int i = 1; i <= n; i++)
        {
            for (int j = 1; j <= n; j++)
            {
                double p = i / (n + 1.0), q = j / (n + 1.0);
                var chain = new BinaryMarkovChain(p, q);
                double gap = chain.StationaryEntropy - Rate(chain, construction);
                bool onTheLine = i + j == n + 1;   // p + q = 1 exactly in the grid's integers
                if (gap < -tol) violations++;
                if (onTheLine)
                {
                    onLine++;
                    maxGapOn = Math.Max(maxGapOn, Math.Abs(gap));
                }
                else
                {
                    offLine++;
                    minGapOff = Math.Min(minGapOff, gap);
                }
            }
            context.Report(i / (double)n);
        }

        var obs = new Observations()
            .Measure("points.on-line", onLine)
            .Measure("points.off-line", offLine);
        if (construction == Construction.Faithful) obs.Add(Figure());

        // entropy rate ≤ H(π) everywhere, = on p + q = 1, < off it
        return obs
            .Expect("violations", violations, 0, Numerics.Tolerance.Absolute(0))
            .Expect("max-abs-gap.on-line", maxGapOn, 0, Numerics.Tolerance.Absolute(tol))
            .ExpectAtLeast("min-gap.off-line", minGapOff, tol)
            .Conclude($"entropy rate ≤ H(π) at all {onLine + offLine} points; equality on p+q=1 (max |gap| {maxGapOn:E1}), strict elsewhere (min gap {minGapOff:E2})");
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
        return new Figure("entropy-vs-p", "Entropy rate vs stationary entropy H(π) (nats)", "p = P(1|0)", "nats", series);
    }
}
