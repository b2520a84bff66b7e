// arXiv 2402.04161, §2 (binary Markov source, stationary start); spec attention-with-markov §1.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Core.Markov.Claims;

/// <summary>
/// π P = π for the stationary distribution π = (q, p)/(p+q) of the binary chain (spec attention-with-markov §1),
/// checked on a grid of (p, q) in (0, 1]². Negative control: π with its components swapped, (p, q)/(p+q), a bug
/// the original higher-order generator had (spec §1).
/// </summary>
public sealed class StationaryDistributionIsInvariant : Claim<StationaryDistributionIsInvariant.Settings>
{
    /// <param name="GridSize">chains (i/n, j/n) for 1 ≤ i, j ≤ n</param>
    /// <param name="Tolerance">absolute; πP − π is a few ulps in exact arithmetic</param>
    public sealed record Settings(int GridSize, double Tolerance = 1e-12) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale switch { Scale.Smoke => 9, Scale.Ci => 41, _ => 201 });
    }

    public override string Id => "MC.stationary-distribution-is-invariant";
    public override PaperRef Paper => PaperRef.MarkovMachinery;
    public override string Section => "AM §1 (stationary start)";
    public override string Statement => "The stationary distribution π = (q, p)/(p+q) satisfies πP = π for every binary chain.";
    public override string NegativeControl => "π with its components swapped, (p, q)/(p+q)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        int n = settings.GridSize;
        var obs = new Observations().Measure("grid.points", n * n);
        // ∀ chains of the grid: πP = π — one check, which reports the worst chain and its error
        obs.ExpectAll("max-abs-pip-minus-pi", Grid(n, context), c => c.Label, c => InvarianceError(c.Chain, construction),
            0, Tolerance.Absolute(settings.Tolerance));
        return obs.Conclude(() => $"max |πP − π| = {obs["max-abs-pip-minus-pi"]:E2} ≤ {settings.Tolerance:E0} over {n * n} chains");
    }

    /// <summary>The chains (i/n, j/n), 1 ≤ i, j ≤ n, row by row (progress reported per row).</summary>
    private static IEnumerable<(string Label, BinaryMarkovChain Chain)> Grid(int n, ClaimContext context)
    {
        for (int i = 1; i <= n; i++)
        {
            for (int j = 1; j <= n; j++) yield return ($"p={i}/{n},q={j}/{n}", new BinaryMarkovChain(i / (double)n, j / (double)n));
            context.Report(i / (double)n);
        }
    }

    /// <summary>max_j |(πP)_j − π_j| for the chain's π, or for π swapped (the control).</summary>
    private static double InvarianceError(BinaryMarkovChain chain, Construction construction)
    {
        var (pi0, pi1) = construction == Construction.Faithful ? (chain.Pi0, chain.Pi1) : (chain.Pi1, chain.Pi0);
        double next0 = pi0 * chain.Kernel(0, 0) + pi1 * chain.Kernel(1, 0);
        double next1 = pi0 * chain.Kernel(0, 1) + pi1 * chain.Kernel(1, 1);
        return Math.Max(Math.Abs(next0 - pi0), Math.Abs(next1 - pi1));
    }
}
