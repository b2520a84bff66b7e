// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 row 8): random binary chains of both regimes
// of the switching factor p + q, kept away from the degenerate i.i.d. chain p + q = 1 (pitfall 6).
using Verification.Core.Seeding;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>Random chains (p, q) drawn per regime of sign(p + q − 1).</summary>
public static class RandomChains
{
    /// <summary>
    /// <paramref name="perRegime"/> chains with p + q &lt; 1, then as many with p + q &gt; 1: p and q uniform in
    /// (<paramref name="minTransition"/>, 1 − <paramref name="minTransition"/>), |p + q − 1| ≥ <paramref name="minDistanceFromOne"/>
    /// (rejection sampling, in the order drawn).
    /// </summary>
    public static List<(double P, double Q)> PerRegime(Rng rng, int perRegime, double minDistanceFromOne, double minTransition)
    {
        var below = new List<(double, double)>();
        var above = new List<(double, double)>();
        while (below.Count < perRegime || above.Count < perRegime)
        {
            double p = rng.Uniform(minTransition, 1 - minTransition), q = rng.Uniform(minTransition, 1 - minTransition);
            if (Math.Abs(p + q - 1) < minDistanceFromOne) continue;
            var list = p + q < 1 ? below : above;
            if (list.Count < perRegime) list.Add((p, q));
        }
        return [.. below, .. above];
    }
}
