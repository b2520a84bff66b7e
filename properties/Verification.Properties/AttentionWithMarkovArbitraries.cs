using FsCheck;
using FsCheck.Fluent;

namespace Verification.Properties;

/// <summary>A chain (p, q) in [0.05, 0.95]² (spec §5: p, q ~ U(0.05, 0.95)) and a seed for the arbitrary weights.</summary>
public readonly record struct MarkovPoint(double P, double Q, int Seed)
{
    public double SwitchingFactor => P + Q;

    public override string ToString() => $"(p={P}, q={Q}, seed={Seed})";
}

/// <summary>
/// Generators for Attention with Markov: probabilities on a 1/100 grid (so p + q = 1 exactly is hit and shrinking
/// lands on simple values) and a small seed for the construction's free weights (W_Q, W_K, W_V, u, w, p₀).
/// </summary>
public static class AttentionWithMarkovArbitraries
{
    public static Arbitrary<MarkovPoint> MarkovPoint() =>
        (from p in Gen.Choose(5, 95)
         from q in Gen.Choose(5, 95)
         from seed in Gen.Choose(0, 1000)
         select new MarkovPoint(p / 100.0, q / 100.0, seed)).ToArbitrary();
}
