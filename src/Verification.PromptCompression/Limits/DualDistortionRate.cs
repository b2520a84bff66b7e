// arXiv 2407.15504, §3.2, Algorithm 1 (the dual LP solved by per-group lower convex hulls); spec §3.
namespace Verification.PromptCompression.Limits;

/// <summary>Options of the dual algorithm. <see cref="SkipHull"/> is the negative control of the claims that use it.</summary>
public sealed record DualOptions(bool SkipHull = false)
{
    public static DualOptions Faithful { get; } = new();
}

/// <summary>
/// The dual algorithm: D*(R) = max_{λ ≥ 0} [Σ_u P(u) min_m (D_{u,m} + λ R_{u,m}) − λ R]. Each group's candidates are
/// reduced to the minimum distortion per distinct rate, then to their lower convex hull (collinear points and the
/// non-decreasing tail dropped); the hull edges of all groups, weighted by P(u), are sorted by slope once and walked
/// from (R0, D0). The result is the whole curve and, for any R, an optimal policy.
/// </summary>
public static class DualDistortionRate
{
    public static DistortionRateCurve Compute(RateDistortionProblem problem, DualOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= DualOptions.Faithful;
        var groups = problem.Groups;
        var start = new int[groups.Count];
        var segments = new List<CurveSegment>();
        double r0 = 0, d0 = 0;
        for (int u = 0; u < groups.Count; u++)
        {
            var g = groups[u];
            var hull = options.SkipHull ? PerRateMinima(g) : LowerHull(PerRateMinima(g), g);
            start[u] = hull[0];
            r0 += g.Weight * g.Rates[hull[0]];
            d0 += g.Weight * g.Distortions[hull[0]];
            for (int k = 0; k + 1 < hull.Count; k++)
            {
                int a = hull[k], b = hull[k + 1];
                double dr = g.Rates[b] - g.Rates[a], dd = g.Distortions[a] - g.Distortions[b];
                segments.Add(new CurveSegment(u, a, b, dd / dr, g.Weight * dr, g.Weight * dd));
            }
        }
        // One sorted pass: steepest descent first. Ties keep group order, so the result is deterministic.
        var order = new int[segments.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (i, j) =>
        {
            int c = segments[j].Slope.CompareTo(segments[i].Slope);
            return c != 0 ? c : i.CompareTo(j);
        });
        var sorted = new CurveSegment[order.Length];
        for (int i = 0; i < order.Length; i++) sorted[i] = segments[order[i]];
        return new DistortionRateCurve(r0, d0, sorted, start);
    }

    /// <summary>Indices of the minimum-distortion candidate at each distinct rate, by increasing rate.</summary>
    public static List<int> PerRateMinima(RdGroup g)
    {
        // Sort candidate indices by rate (primitive keys), then keep the least distortion (lowest index on ties) per run.
        var rates = (double[])g.Rates.Clone();
        var order = new int[g.Count];
        for (int m = 0; m < order.Length; m++) order[m] = m;
        Array.Sort(rates, order);
        var result = new List<int>();
        for (int i = 0; i < order.Length;)
        {
            int best = order[i], j = i + 1;
            for (; j < order.Length && rates[j] == rates[i]; j++)
            {
                int m = order[j];
                if (g.Distortions[m] < g.Distortions[best] || (g.Distortions[m] == g.Distortions[best] && m < best)) best = m;
            }
            result.Add(best);
            i = j;
        }
        return result;
    }

    /// <summary>
    /// Lower convex hull (monotone chain) of points given by increasing rate; collinear points are dropped, and the
    /// hull stops at its minimum distortion (the non-decreasing tail can never help).
    /// </summary>
    private static List<int> LowerHull(List<int> byRate, RdGroup g)
    {
        var hull = new List<int>(byRate.Count);
        foreach (int c in byRate)
        {
            while (hull.Count >= 2 && Cross(g, hull[^2], hull[^1], c) <= 0) hull.RemoveAt(hull.Count - 1);
            hull.Add(c);
        }
        int last = 0;
        while (last + 1 < hull.Count && g.Distortions[hull[last + 1]] < g.Distortions[hull[last]]) last++;
        hull.RemoveRange(last + 1, hull.Count - last - 1);
        return hull;
    }

    /// <summary>(a − o) × (b − o) in the (rate, distortion) plane: &gt; 0 for a left (convex) turn.</summary>
    private static double Cross(RdGroup g, int o, int a, int b) =>
        (g.Rates[a] - g.Rates[o]) * (g.Distortions[b] - g.Distortions[o]) -
        (g.Distortions[a] - g.Distortions[o]) * (g.Rates[b] - g.Rates[o]);

    /// <summary>The dual objective g(λ) = Σ_u P(u) min_m (D_{u,m} + λ R_{u,m}) − λ R; g(λ) ≤ D*(R) for every λ ≥ 0.</summary>
    public static double DualObjective(RateDistortionProblem problem, double lambda, double rate)
    {
        if (double.IsNaN(lambda) || lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be ≥ 0");
        double total = 0;
        foreach (var g in problem.Groups)
        {
            double best = double.PositiveInfinity;
            for (int m = 0; m < g.Count; m++) best = Math.Min(best, g.Distortions[m] + lambda * g.Rates[m]);
            total += g.Weight * best;
        }
        return total - lambda * rate;
    }
}
