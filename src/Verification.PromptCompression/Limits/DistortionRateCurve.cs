// arXiv 2407.15504, §3.2 (the distortion-rate function D*(R) as a piecewise-linear convex curve); spec §3, §7.
namespace Verification.PromptCompression.Limits;

/// <summary>
/// One hull edge of group <see cref="Group"/> from candidate <see cref="From"/> to <see cref="To"/>: its slope
/// −ΔD/ΔR and its P(u)-weighted extents.
/// </summary>
public sealed record CurveSegment(int Group, int From, int To, double Slope, double DeltaRate, double DeltaDistortion);

/// <summary>p(m | u) of one group: (candidate index, probability) pairs.</summary>
public sealed record GroupPolicy(IReadOnlyList<(int Candidate, double Probability)> Support);

/// <summary>
/// D*(R) as computed by <see cref="DualDistortionRate"/>: +∞ below R0, then piecewise linear through the breakpoints
/// (R0, D0), (R1, D1), … with decreasing slopes, constant after the last one.
/// </summary>
public sealed class DistortionRateCurve
{
    private readonly double[] breakRates;
    private readonly double[] breakDistortions;
    private readonly int[]? start;

    internal DistortionRateCurve(double r0, double d0, IReadOnlyList<CurveSegment> segments, int[]? start)
    {
        MinimumRate = r0;
        Segments = segments;
        this.start = start;
        breakRates = new double[segments.Count + 1];
        breakDistortions = new double[segments.Count + 1];
        breakRates[0] = r0;
        breakDistortions[0] = d0;
        for (int j = 0; j < segments.Count; j++)
        {
            breakRates[j + 1] = breakRates[j] + segments[j].DeltaRate;
            breakDistortions[j + 1] = breakDistortions[j] - segments[j].DeltaDistortion;
        }
    }

    /// <summary>
    /// Rates are rationals k/n summed in floating point, so the same rational R0 can come out a few ulps apart
    /// depending on the order of the sum; a rate within this slack below R0 is read as R0.
    /// </summary>
    public const double RateSlack = 1e-12;

    /// <summary>R0: below it no policy is feasible.</summary>
    public double MinimumRate { get; }

    /// <summary>D*(R0).</summary>
    public double DistortionAtMinimumRate => breakDistortions[0];

    /// <summary>The rate from which D* is constant (the end of the last segment).</summary>
    public double SaturationRate => breakRates[^1];

    public double SaturationDistortion => breakDistortions[^1];

    /// <summary>The hull edges in the order they are consumed (decreasing slope).</summary>
    public IReadOnlyList<CurveSegment> Segments { get; }

    public IReadOnlyList<double> BreakRates => breakRates;

    public IReadOnlyList<double> BreakDistortions => breakDistortions;

    /// <summary>D*(R): +∞ below R0 (infeasible), exact linear interpolation above.</summary>
    public double Evaluate(double rate)
    {
        CheckRate(rate);
        if (rate < MinimumRate - RateSlack) return double.PositiveInfinity;
        rate = Math.Max(rate, MinimumRate);
        int j = SegmentAt(rate);
        if (j >= Segments.Count) return breakDistortions[^1];
        return breakDistortions[j] - (rate - breakRates[j]) * Segments[j].Slope;
    }

    /// <summary>λ*(R): the slope of the segment active at R (0 at saturation, +∞ below R0); −λ* ∈ ∂D*(R).</summary>
    public double DualSlope(double rate)
    {
        CheckRate(rate);
        if (rate < MinimumRate - RateSlack) return double.PositiveInfinity;
        int j = SegmentAt(Math.Max(rate, MinimumRate));
        return j >= Segments.Count ? 0 : Segments[j].Slope;
    }

    /// <summary>
    /// An optimal policy at rate R: every group on a hull vertex, except at most one split between two adjacent
    /// vertices. Throws for R &lt; R0 (infeasible) and for curves merged from other curves (they have no groups).
    /// </summary>
    public IReadOnlyList<GroupPolicy> PolicyAt(double rate)
    {
        CheckRate(rate);
        if (start is null) throw new InvalidOperationException("a merged curve has no per-group policy");
        if (rate < MinimumRate - RateSlack)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"R = {rate} is below R0 = {MinimumRate}: no policy is feasible");
        var at = (int[])start.Clone();
        (int Group, int From, int To, double Theta)? split = null;
        double budget = rate - MinimumRate;
        foreach (var s in Segments)
        {
            if (s.DeltaRate <= budget)
            {
                at[s.Group] = s.To;
                budget -= s.DeltaRate;
                continue;
            }
            if (budget > 0) split = (s.Group, s.From, s.To, budget / s.DeltaRate);
            break;
        }
        var policy = new GroupPolicy[at.Length];
        for (int u = 0; u < at.Length; u++) policy[u] = new GroupPolicy([(at[u], 1.0)]);
        if (split is { } sp) policy[sp.Group] = new GroupPolicy([(sp.From, 1 - sp.Theta), (sp.To, sp.Theta)]);
        return policy;
    }

    /// <summary>
    /// The infimal convolution of curves with weights P(q): min over Σ P(q) R_q ≤ R of Σ P(q) D*_q(R_q), obtained by
    /// merging the weighted segments of every curve in one sorted pass.
    /// </summary>
    public static DistortionRateCurve InfimalConvolution(IReadOnlyList<(double Weight, DistortionRateCurve Curve)> parts)
    {
        double r0 = parts.Sum(p => p.Weight * p.Curve.MinimumRate);
        double d0 = parts.Sum(p => p.Weight * p.Curve.DistortionAtMinimumRate);
        var merged = parts.SelectMany((p, k) => p.Curve.Segments.Select((s, i) =>
                (Seg: s with { DeltaRate = p.Weight * s.DeltaRate, DeltaDistortion = p.Weight * s.DeltaDistortion }, k, i)))
            .OrderByDescending(t => t.Seg.Slope).ThenBy(t => t.k).ThenBy(t => t.i).Select(t => t.Seg).ToArray();
        return new DistortionRateCurve(r0, d0, merged, null);
    }

    /// <summary>Index j of the segment with breakRates[j] ≤ R &lt; breakRates[j+1]; Segments.Count past the end.</summary>
    private int SegmentAt(double rate)
    {
        int lo = 0, hi = Segments.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (breakRates[mid + 1] <= rate) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    internal static void CheckRate(double rate)
    {
        if (double.IsNaN(rate) || rate < 0 || rate > 1)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "rate R must be in [0, 1]");
    }
}
