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
public sealed class EntropyRateBelowStationaryEntropy : Claim
{
    public const double EqualityTolerance = 1e-12;

    public override string Id => "MC.entropy-rate-at-most-stationary-entropy";
    public override PaperRef Paper => PaperRef.MarkovMachinery;
    public override string Section => "AM §1 (entropy rate and unigram entropy)";
    public override string Statement =>
        "The entropy rate [q·h(p) + p·h(q)]/(p+q) is at most H(π) = h(p/(p+q)), with equality exactly when p + q = 1.";
    public override string NegativeControl => "entropy rate in bits compared with H(π) in nats";

    public static int GridSize(Scale scale) => scale switch { Scale.Smoke => 19, Scale.Ci => 99, _ => 399 };

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) =>
        new Dictionary<string, object> { ["grid"] = $"{GridSize(scale)}x{GridSize(scale)} over (0,1)^2", ["equalityTolerance"] = EqualityTolerance };

    private static double Rate(BinaryMarkovChain c, Construction k) =>
        k == Construction.Faithful ? c.EntropyRate : c.EntropyRate / Math.Log(2);

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        int n = GridSize(context.Scale);
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
                if (gap < -EqualityTolerance) violations++;
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
            .Measure("violations", violations, 0, 0)
            .Measure("max|gap|.on-line", maxGapOn, 0, EqualityTolerance)
            .Measure("min-gap.off-line", minGapOff)
            .Measure("points.on-line", onLine)
            .Measure("points.off-line", offLine);
        if (construction == Construction.Faithful) obs.Add(Figure());

        bool holds = violations == 0 && maxGapOn <= EqualityTolerance && minGapOff > EqualityTolerance;
        return obs.Decide(holds,
            $"entropy rate ≤ H(π) at all {onLine + offLine} points; equality on p+q=1 (max |gap| {maxGapOn:E1}), strict elsewhere (min gap {minGapOff:E2})",
            $"{violations} points violate the bound; max |gap| on p+q=1 is {maxGapOn:E2}; min gap off the line is {minGapOff:E2}");
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
