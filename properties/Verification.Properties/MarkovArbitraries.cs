using FsCheck;
using FsCheck.Fluent;

namespace Verification.Properties;

/// <summary>A binary chain's switching probabilities (p, q), both in (0, 1].</summary>
public readonly record struct SwitchingProbabilities(double P, double Q)
{
    public override string ToString() => $"(p={P}, q={Q})";
}

/// <summary>
/// Generators for the Markov machinery. Probabilities are drawn on a 1/1000 grid (shrinks towards small integers
/// of the grid) so that edge values such as p + q = 1 exactly are hit often enough to matter.
/// </summary>
public static class MarkovArbitraries
{
    public static Arbitrary<SwitchingProbabilities> SwitchingProbabilities() =>
        Gen.Choose(1, 1000).Two().Select(t => new SwitchingProbabilities(t.Item1 / 1000.0, t.Item2 / 1000.0))
            .ToArbitrary();
}
