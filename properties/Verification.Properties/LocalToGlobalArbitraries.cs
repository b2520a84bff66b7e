using FsCheck;
using FsCheck.Fluent;

namespace Verification.Properties;

/// <summary>A non-degenerate binary chain (p, q) for Local to Global: |p + q − 1| ≥ 0.05 (p + q = 1 is i.i.d.).</summary>
public readonly record struct LgChain(double P, double Q)
{
    public double SwitchingFactor => P + Q;

    public override string ToString() => $"(p={P}, q={Q})";
}

/// <summary>A start (e, w) of the canonical flow, off the invariant axes, in the Figure-1 window [−2.75, 2.85]².</summary>
public readonly record struct LgStart(double E, double W)
{
    public override string ToString() => $"(e={E}, w={W})";
}

/// <summary>A point (e, w, b) of the canonical model's parameter space.</summary>
public readonly record struct LgPoint(double E, double W, double B)
{
    public override string ToString() => $"(e={E}, w={W}, b={B})";
}

/// <summary>
/// Generators for Local to Global. Chains are built from a switching factor s = p + q on a 1/1000 grid chosen in one of
/// the two regimes, then p given s, so no draw is discarded and both regimes are equally frequent.
/// </summary>
public static class LocalToGlobalArbitraries
{
    public static Arbitrary<LgChain> Chain() =>
        Gen.OneOf(Gen.Choose(20, 950), Gen.Choose(1050, 1980))
            .SelectMany(s => Gen.Choose(Math.Max(1, s - 999), Math.Min(999, s - 1)).Select(j => new LgChain(j / 1000.0, (s - j) / 1000.0)))
            .ToArbitrary();

    public static Arbitrary<LgStart> Start() =>
        Coordinate().Two().Select(t => new LgStart(t.Item1, t.Item2)).ToArbitrary();

    public static Arbitrary<LgPoint> Point() =>
        Gen.Choose(-300, 300).Three().Select(t => new LgPoint(NonZero(t.Item1) / 100.0, NonZero(t.Item2) / 100.0, t.Item3 / 100.0)).ToArbitrary();

    // Off the invariant lines e = 0 and w = 0 (spec pitfall 5).
    private static Gen<double> Coordinate() => Gen.Choose(-275, 285).Select(k => NonZero(k) / 100.0);

    private static double NonZero(int k) => k == 0 ? 0.5 : k;
}
