// arXiv 2407.15504, §6, Figure 1 (methods against the limits of their setting); spec §7 item 8.
using Verification.Core.Claims;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// One method's points against the limit of its setting (query-agnostic methods against D*_agnostic, query-aware
/// ones against D*_aware): the gap D − D*(rate) of every point, and the mean gap of the points whose realized rate
/// lies in a mid-rate window.
/// </summary>
public sealed class CompressorGaps
{
    /// <summary>A realized rate this far below R0 is read as R0 (<see cref="LimitAt"/>).</summary>
    public const double RateRoundOff = 1e-12;

    /// <summary>The mid-rate window [MidLow, MidHigh] of the mean gaps (realized rates; Figure 1's "mid rates").</summary>
    public const double MidLow = 0.25, MidHigh = 0.75;

    private CompressorGaps(IReadOnlyList<CompressorPoint> points, DistortionRateCurve limit, IReadOnlyList<(string, double, double)> gaps, List<double> midRate)
    {
        Points = points;
        Limit = limit;
        Gaps = gaps;
        MidRateGaps = midRate;
    }

    /// <summary>
    /// The gaps of <paramref name="points"/> (one method's) against the limit of its setting; <paramref name="atKnob"/>
    /// places each point at its knob instead of its realized rate (the negative control of
    /// <see cref="CompressorsAboveTheirLimit"/>). The mid-rate window is always on the realized rate.
    /// </summary>
    public static CompressorGaps Of(IReadOnlyList<CompressorPoint> points, DistortionRateCurve agnostic, DistortionRateCurve aware,
        double midLow, double midHigh, bool atKnob = false)
    {
        var limit = points[0].QueryAware ? aware : agnostic;
        var gaps = new List<(string, double, double)>();
        var midRate = new List<double>();
        foreach (var p in points)
        {
            double gap = p.Distortion - LimitAt(limit, atKnob ? p.Knob : p.Rate);
            gaps.Add(($"knob={p.Knob}", gap, 0.0));
            if (p.Rate >= midLow && p.Rate <= midHigh) midRate.Add(gap);
        }
        return new CompressorGaps(points, limit, gaps, midRate);
    }

    public IReadOnlyList<CompressorPoint> Points { get; }

    /// <summary>The method's name as a report name segment.</summary>
    public string Key => ReportName.Kebab(Points[0].Method);

    /// <summary>The limit of the method's setting.</summary>
    public DistortionRateCurve Limit { get; }

    /// <summary>(knob, D − D*(rate), 0) per point: the cases of "every point on or above its limit".</summary>
    public IReadOnlyList<(string Case, double Measured, double Expected)> Gaps { get; }

    /// <summary>The gaps of the points with realized rate in the mid-rate window.</summary>
    public IReadOnlyList<double> MidRateGaps { get; }

    /// <summary>The mean of <see cref="MidRateGaps"/> (NaN when no point lies in the window).</summary>
    public double MidRateMeanGap => MidRateGaps.Count > 0 ? MidRateGaps.Average() : double.NaN;

    /// <summary>The limit's range D*(R0) − D*(1).</summary>
    public double Range => Limit.DistortionAtMinimumRate - Limit.SaturationDistortion;

    /// <summary>
    /// D* at a realized rate. A rate equal to R0 as a rational (every prompt kept to one token) can come out a few ulps
    /// below R0 when summed in another order; within <see cref="RateRoundOff"/> it is read as R0.
    /// </summary>
    public static double LimitAt(DistortionRateCurve curve, double rate) =>
        curve.Evaluate(rate < curve.MinimumRate && rate > curve.MinimumRate - RateRoundOff ? curve.MinimumRate : rate);

    /// <summary>
    /// The point furthest below <paramref name="limit"/> (largest D*(rate) − D) among those at a rate ≥ R0 (up to
    /// round-off), the first of equals; null when no point is at a feasible rate.
    /// </summary>
    public static (CompressorPoint Point, double Limit, double Margin)? FurthestBelow(DistortionRateCurve limit, IEnumerable<CompressorPoint> points)
    {
        var best = points.Where(p => p.Rate > limit.MinimumRate - RateRoundOff)
            .Select(p => (Point: p, Margin: LimitAt(limit, p.Rate) - p.Distortion))
            .OrderByDescending(t => t.Margin).FirstOrDefault();
        return best.Point is null ? null : (best.Point, LimitAt(limit, best.Point.Rate), best.Margin);
    }
}
