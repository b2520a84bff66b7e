using FsCheck;
using FsCheck.Fluent;

namespace Verification.Properties;

/// <summary>A closest-subset-sum instance: coefficients a and target z, all in [−1, 1].</summary>
public sealed record SubsetSumInstance(double[] A, double Z)
{
    public override string ToString() => $"(a=[{string.Join(", ", A)}], z={Z})";
}

/// <summary>A target weight w ∈ [−1,1] and a block of (a_t, b_t) pairs, for the one-weight gadget.</summary>
public sealed record WeightBlock(double W, double[] A, double[] B)
{
    public override string ToString() => $"(w={W}, a=[{string.Join(", ", A)}], b=[{string.Join(", ", B)}])";
}

/// <summary>
/// Generators for the SubsetSum paper. Values are drawn on a 1/1000 grid of [−1, 1] (shrinking towards 0), so that
/// ties, zeros and exact hits (several optimal subsets) occur often enough to matter; sizes grow with FsCheck's size
/// but stay small enough for brute force (n ≤ 14).
/// </summary>
public static class SubsetSumArbitraries
{
    public const int MaxTerms = 14;

    private static Gen<double> Unit() => Gen.Choose(-1000, 1000).Select(k => k / 1000.0);

    public static Arbitrary<SubsetSumInstance> Instance() =>
        Gen.Sized(size => Gen.Choose(0, Math.Min(MaxTerms, 1 + size / 5)))
            .SelectMany(n => Unit().ArrayOf(n))
            .SelectMany(a => Unit().Select(z => new SubsetSumInstance(a, z)))
            .ToArbitrary();

    public static Arbitrary<WeightBlock> Block() =>
        Gen.Choose(1, 16)
            .SelectMany(m => Unit().ArrayOf(m).SelectMany(a => Unit().ArrayOf(m).Select(b => (a, b))))
            .SelectMany(ab => Unit().Select(w => new WeightBlock(w, ab.a, ab.b)))
            .ToArbitrary();
}
