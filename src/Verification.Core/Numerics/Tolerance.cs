using System.Globalization;

namespace Verification.Core.Numerics;

/// <summary>
/// The one comparison helper of the harness: |actual − expected| ≤ max(rel·|expected|, abs). Claims and tests use
/// it so that every failure message says expected, actual and tolerance the same way.
/// </summary>
public readonly record struct Tolerance(double Relative, double Absolute = 0)
{
    public static Tolerance Rel(double relative, double absolute = 0) => new(relative, absolute);
    public static Tolerance Abs(double absolute) => new(0, absolute);

    public double Bound(double expected) => Math.Max(Relative * Math.Abs(expected), Absolute);

    public bool Accepts(double expected, double actual) =>
        double.IsFinite(actual) && Math.Abs(actual - expected) <= Bound(expected);

    public string Describe(double expected, double actual) => string.Create(CultureInfo.InvariantCulture,
        $"expected {expected:R}, actual {actual:R}, |diff| {Math.Abs(actual - expected):E3} vs tolerance {Bound(expected):E3} (rel {Relative:E1}, abs {Absolute:E1})");
}
