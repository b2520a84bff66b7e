// arXiv 2407.15504, §3 (shape of D*(R)); spec §7 item 4.
namespace Verification.PromptCompression.Claims;

/// <summary>
/// A distortion-rate curve evaluated at <c>points</c> equally spaced rates of [R0, 1], as cases for the shape checks:
/// finite, no rise between neighbours (non-increasing), no negative second difference (convex). A NaN difference is
/// read as +∞, the worst possible.
/// </summary>
public sealed class CurveOnGrid
{
    private readonly double[] rates, values;

    public CurveOnGrid(Func<double, double> dStar, double r0, int points)
    {
        // ≤ 1: the last point can round to 1 + ulp (smoke, seed 2)
        rates = [.. Enumerable.Range(0, points).Select(k => Math.Min(1, r0 + (1 - r0) * k / (points - 1.0)))];
        values = [.. rates.Select(dStar)];
    }

    /// <summary>D*(R) is finite, at each rate.</summary>
    public IEnumerable<(string Case, bool Holds)> Finite => rates.Select((r, k) => (Label(k), double.IsFinite(values[k])));

    /// <summary>D*(R_k) − D*(R_{k−1}) ≤ 0, at each k ≥ 1.</summary>
    public IEnumerable<(string Case, double Measured, double Expected)> Rises =>
        Enumerable.Range(1, values.Length - 1).Select(k => (Label(k), OrInfinity(values[k] - values[k - 1]), 0.0));

    /// <summary>−(D*(R_{k+1}) − 2 D*(R_k) + D*(R_{k−1})) ≤ 0, at each interior k.</summary>
    public IEnumerable<(string Case, double Measured, double Expected)> NegativeSecondDifferences =>
        Enumerable.Range(1, values.Length - 2).Select(k => (Label(k), OrInfinity(-(values[k + 1] - 2 * values[k] + values[k - 1])), 0.0));

    private string Label(int k) => $"r={rates[k]:G6}";

    private static double OrInfinity(double x) => double.IsNaN(x) ? double.PositiveInfinity : x;
}
