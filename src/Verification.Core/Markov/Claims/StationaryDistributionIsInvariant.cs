using Verification.Core.Claims;

namespace Verification.Core.Markov.Claims;

/// <summary>
/// π P = π for the stationary distribution π = (q, p)/(p+q) of the binary chain (spec attention-with-markov §1),
/// checked on a grid of (p, q) in (0, 1]². Negative control: π with its components swapped, (p, q)/(p+q), a bug
/// the original higher-order generator had (spec §1).
/// </summary>
public sealed class StationaryDistributionIsInvariant : Claim
{
    public const double Tolerance = 1e-12;

    public override string Id => "MC.stationary-distribution-is-invariant";
    public override PaperRef Paper => PaperRef.MarkovMachinery;
    public override string Section => "AM §1 (stationary start)";
    public override string Statement => "The stationary distribution π = (q, p)/(p+q) satisfies πP = π for every binary chain.";
    public override string NegativeControl => "π with its components swapped, (p, q)/(p+q)";

    public static int GridSize(Scale scale) => scale switch { Scale.Smoke => 9, Scale.Ci => 41, _ => 201 };

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) =>
        new Dictionary<string, object> { ["grid"] = $"{GridSize(scale)}x{GridSize(scale)} over (0,1]^2", ["tolerance"] = Tolerance };

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        int n = GridSize(context.Scale);
        double worst = 0, worstP = 0, worstQ = 0;
        for (int i = 1; i <= n; i++)
        {
            for (int j = 1; j <= n; j++)
            {
                var chain = new BinaryMarkovChain(i / (double)n, j / (double)n);
                var (pi0, pi1) = construction == Construction.Faithful
                    ? (chain.Pi0, chain.Pi1)
                    : (chain.Pi1, chain.Pi0);
                double next0 = pi0 * chain.Kernel(0, 0) + pi1 * chain.Kernel(1, 0);
                double next1 = pi0 * chain.Kernel(0, 1) + pi1 * chain.Kernel(1, 1);
                double err = Math.Max(Math.Abs(next0 - pi0), Math.Abs(next1 - pi1));
                if (err > worst) (worst, worstP, worstQ) = (err, chain.P, chain.Q);
            }
            context.Report(i / (double)n);
        }
        var obs = new Observations()
            .Measure("max|piP-pi|", worst, 0, Tolerance)
            .Measure("grid.points", n * n);
        return obs.Decide(worst <= Tolerance,
            $"max |πP − π| = {worst:E2} ≤ {Tolerance:E0} over {n * n} chains",
            $"max |πP − π| = {worst:E2} at (p, q) = ({worstP}, {worstQ}) exceeds {Tolerance:E0}");
    }
}
