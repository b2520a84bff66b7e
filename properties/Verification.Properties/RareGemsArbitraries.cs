using FsCheck;
using FsCheck.Fluent;

namespace Verification.Properties;

/// <summary>A small GEM-MINER run: widths of a 3-layer MLP, target density, epochs E, period T, λ and a seed.</summary>
public sealed record SmallMiningCase(int[] Widths, double Density, int Epochs, int Every, double Lambda, int Seed)
{
    public override string ToString() =>
        $"(widths={string.Join("-", Widths)}, s={Density}, E={Epochs}, T={Every}, λ={Lambda}, seed={Seed})";
}

/// <summary>
/// Generators for Rare Gems. Nets stay tiny (≤ 20·16 + 16·12 + 12·5 weights) so a run takes milliseconds; λ includes
/// large values so that scores are clamped to exactly 0 and the exact-k tie handling is exercised; densities
/// include values whose target count rounds.
/// </summary>
public static class RareGemsArbitraries
{
    public static Arbitrary<SmallMiningCase> SmallMiningCase() =>
        (from input in Gen.Choose(4, 20)
         from h1 in Gen.Choose(2, 16)
         from h2 in Gen.Choose(2, 12)
         from classes in Gen.Choose(2, 5)
         from density in Gen.Elements(0.5, 0.3, 0.17, 0.1, 0.05, 0.03)
         from epochs in Gen.Choose(2, 8)
         from every in Gen.Choose(1, 3)
         from lambda in Gen.Elements(0.0, 1e-3, 0.05, 0.3)
         from seed in Gen.Choose(0, 10_000)
         select new SmallMiningCase([input, h1, h2, classes], density, epochs, Math.Min(every, epochs - 1), lambda, seed))
        .ToArbitrary();
}
