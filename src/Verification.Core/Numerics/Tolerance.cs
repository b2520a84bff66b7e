using System.Globalization;

namespace Verification.Core.Numerics;

/// <summary>How a <see cref="Tolerance"/> compares a measured value with an expected one.</summary>
public enum ToleranceKind
{
    /// <summary>|measured − expected| ≤ value.</summary>
    Absolute,

    /// <summary>|measured − expected| ≤ max(value·|expected|, floor).</summary>
    Relative,

    /// <summary>measured ≤ expected (a one-sided upper bound; value is the slack, usually 0).</summary>
    AtMost,

    /// <summary>measured ≥ expected (a one-sided lower bound; value is the slack, usually 0).</summary>
    AtLeast,

    /// <summary>A structural fact: measured is 1 (true) and expected is 1.</summary>
    IsTrue,
}

/// <summary>
/// The one comparison type of the harness: absolute, relative (with an absolute floor) or one-sided. A check
/// states its tolerance with it, and the tolerance describes itself in reports and failure messages, so that every
/// failure says expected, actual and tolerance the same way. Non-finite measured values never pass.
/// </summary>
public readonly record struct Tolerance(ToleranceKind Kind, double Value, double Floor = 0)
{
    /// <summary>|measured − expected| ≤ <paramref name="absolute"/>.</summary>
    public static Tolerance Absolute(double absolute) => new(ToleranceKind.Absolute, absolute);

    /// <summary>|measured − expected| ≤ max(<paramref name="relative"/>·|expected|, <paramref name="floor"/>).</summary>
    public static Tolerance Relative(double relative, double floor = 0) => new(ToleranceKind.Relative, relative, floor);

    /// <summary>measured ≤ expected + <paramref name="slack"/>.</summary>
    public static Tolerance AtMost(double slack = 0) => new(ToleranceKind.AtMost, slack);

    /// <summary>measured ≥ expected − <paramref name="slack"/>.</summary>
    public static Tolerance AtLeast(double slack = 0) => new(ToleranceKind.AtLeast, slack);

    /// <summary>A structural fact (measured 1 = true).</summary>
    public static Tolerance IsTrue { get; } = new(ToleranceKind.IsTrue, 0);

    /// <summary>Kept for tests: relative with an absolute floor.</summary>
    public static Tolerance Rel(double relative, double absolute = 0) => Relative(relative, absolute);

    /// <summary>Kept for tests: absolute.</summary>
    public static Tolerance Abs(double absolute) => Absolute(absolute);

    /// <summary>The largest allowed |measured − expected| for a two-sided tolerance.</summary>
    public double Bound(double expected) => Kind switch
    {
        ToleranceKind.Absolute => Value,
        ToleranceKind.Relative => Math.Max(Value * Math.Abs(expected), Floor),
        _ => Value,
    };

    /// <summary>Whether <paramref name="measured"/> is accepted against <paramref name="expected"/>.</summary>
    public bool Accepts(double expected, double measured) => Kind switch
    {
        _ when double.IsNaN(measured) => false,
        ToleranceKind.Absolute or ToleranceKind.Relative =>
            double.IsFinite(measured) && Math.Abs(measured - expected) <= Bound(expected),
        ToleranceKind.AtMost => measured <= expected + Value,
        ToleranceKind.AtLeast => measured >= expected - Value,
        ToleranceKind.IsTrue => measured == 1,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown tolerance kind"),
    };

    /// <summary>
    /// How far <paramref name="measured"/> lies outside the accepted region (positive: rejected by that much; zero or
    /// negative: accepted with that much to spare). Orders cases by how close they came to failing, so a check over
    /// many cases can report its worst one. NaN (and, for two-sided kinds, ±∞) is +∞: the worst possible.
    /// </summary>
    public double Margin(double expected, double measured) => Kind switch
    {
        _ when double.IsNaN(measured) => double.PositiveInfinity,
        ToleranceKind.Absolute or ToleranceKind.Relative =>
            double.IsFinite(measured) ? Math.Abs(measured - expected) - Bound(expected) : double.PositiveInfinity,
        ToleranceKind.AtMost => measured - (expected + Value),
        ToleranceKind.AtLeast => (expected - Value) - measured,
        ToleranceKind.IsTrue => measured == 1 ? -1 : 1,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown tolerance kind"),
    };

    /// <summary>The kind as written in <c>results.json</c>: absolute, relative, at-most, at-least, true.</summary>
    public string KindName => Kind switch
    {
        ToleranceKind.Absolute => "absolute",
        ToleranceKind.Relative => "relative",
        ToleranceKind.AtMost => "at-most",
        ToleranceKind.AtLeast => "at-least",
        ToleranceKind.IsTrue => "true",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown tolerance kind"),
    };

    /// <summary>The tolerance alone, e.g. "±1E-09", "rel 1E-06 (floor 1E-06)", "≤", "≥ (slack 0.01)".</summary>
    public override string ToString() => Kind switch
    {
        ToleranceKind.Absolute => Inv($"±{Value:G3}"),
        ToleranceKind.Relative => Floor > 0 ? Inv($"rel {Value:G3} (floor {Floor:G3})") : Inv($"rel {Value:G3}"),
        ToleranceKind.AtMost => Value != 0 ? Inv($"≤ (slack {Value:G3})") : "≤",
        ToleranceKind.AtLeast => Value != 0 ? Inv($"≥ (slack {Value:G3})") : "≥",
        _ => "true",
    };

    /// <summary>One comparison, e.g. "0.51 vs 0.5 ± 0.01" or "0.97 ≥ 0.95", for verdict reasons and test failures.</summary>
    public string Describe(double expected, double measured) => Kind switch
    {
        ToleranceKind.Absolute or ToleranceKind.Relative => Inv(
            $"measured {measured:G6}, expected {expected:G6}, |diff| {Math.Abs(measured - expected):G3} vs tolerance {Bound(expected):G3} ({this})"),
        ToleranceKind.AtMost => Inv($"measured {measured:G6}, expected ≤ {expected:G6}{(Value != 0 ? $" + {Value:G3}" : "")}"),
        ToleranceKind.AtLeast => Inv($"measured {measured:G6}, expected ≥ {expected:G6}{(Value != 0 ? $" − {Value:G3}" : "")}"),
        _ => measured == 1 ? "true" : "false",
    };

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
