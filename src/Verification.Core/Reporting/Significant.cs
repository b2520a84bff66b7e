using System.Globalization;

namespace Verification.Core.Reporting;

/// <summary>Rounding to significant digits, so snapshots and reports are stable across CPUs and libm versions.</summary>
public static class Significant
{
    /// <summary><paramref name="x"/> rounded to <paramref name="digits"/> significant digits (non-finite unchanged).</summary>
    public static double Round(double x, int digits = 6)
    {
        if (x == 0 || !double.IsFinite(x)) return x;
        return double.Parse(x.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Invariant text of <paramref name="x"/> with <paramref name="digits"/> significant digits.</summary>
    public static string Format(double x, int digits = 4) => x switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(x) => "NaN",
        _ => Round(x, digits).ToString("G" + digits, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The one number format of <c>report.md</c> and the console: 6 significant digits, trailing zeros dropped; plain
    /// notation for 1e-4 ≤ |x| &lt; 1e6 (<c>0.155201</c>, <c>123457</c>), otherwise <c>1.11022e-16</c>; <c>inf</c>, <c>-inf</c>,
    /// <c>NaN</c>.
    /// </summary>
    public static string Text(double x)
    {
        if (!double.IsFinite(x) || x == 0) return x == 0 ? "0" : Format(x);
        double r = Round(x, 6), a = Math.Abs(r);
        return a is >= 1e-4 and < 1e6
            ? r.ToString("G6", CultureInfo.InvariantCulture)
            : r.ToString("0.#####e-0", CultureInfo.InvariantCulture);
    }

    /// <summary>Round-trip invariant text, for CSV files.</summary>
    public static string Exact(double x) => x switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(x) => "nan",
        _ => x.ToString("R", CultureInfo.InvariantCulture),
    };
}
