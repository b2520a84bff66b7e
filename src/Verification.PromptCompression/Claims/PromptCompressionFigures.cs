// arXiv 2407.15504, §6, Figure 1 (limits and compressors on the synthetic set) and the per-query limits of §3.
using Verification.Core.Claims;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>The figures of the PC claims (and of the <c>rd</c> command): series behind the paper's plots.</summary>
public static class PromptCompressionFigures
{
    /// <summary>The paper's Figure 1: D*(R) agnostic and aware with every method's points at their realized rate.</summary>
    public static Figure Figure1(string name, Loss loss, DistortionRateCurve agnostic, DistortionRateCurve aware, IReadOnlyList<CompressorPoint> points,
        string blackBox = "oracle")
    {
        var series = new List<Series> { CurveSeries("D* query-agnostic", agnostic), CurveSeries("D* query-aware", aware) };
        var methods = points.GroupBy(p => p.Method).ToList();
        // Twelve methods do not fit one legend: those scored by trained models get a panel of their own (both limits in each).
        bool split = methods.Count + 2 > Figure.MaxLegendEntries;
        foreach (var method in methods)
            series.Add(new Series(method.Key, method.Select(p => p.Rate).ToArray(), method.Select(p => p.Distortion).ToArray(), SeriesStyle.Markers,
                Panel: split ? Panel(method.Key) : null));
        return new Figure($"pc-figure1-{name}", $"Distortion-rate limits and compressors, {loss.ToCli()} loss (synthetic set, {blackBox})",
            "rate E[len M / len X]", LossAxis(loss), series,
            Caption: "Every compressor's points lie on or above its limit (query-agnostic methods above D* query-agnostic, query-aware ones above D* query-aware); the gap is what a better compressor could gain.");
    }

    /// <summary>The panel of a method: scored by trained models, or by the exact chain and ideal labels.</summary>
    private static string Panel(string method) =>
        method.Contains("(trained", StringComparison.Ordinal) ? "scored by trained models" : "exact-chain scores and ideal labels";

    /// <summary>A curve through its breakpoints and R = 1.</summary>
    public static Series CurveSeries(string name, DistortionRateCurve curve)
    {
        var xs = curve.BreakRates.Append(1.0).ToArray();
        return new Series(name, xs, xs.Select(curve.Evaluate).ToArray(), SeriesStyle.LineWithMarkers);
    }

    /// <summary>The query-aware limit D*_q(R) of each query, at R0_q and at the rates of <paramref name="rates"/> above it.</summary>
    public static Figure PerQuery(Loss loss, IReadOnlyList<PerQueryLimit> limits, IReadOnlyList<double> rates)
    {
        var series = limits.Select(q =>
        {
            var xs = rates.Where(r => r >= q.Aware.MinimumRate).Prepend(q.Aware.MinimumRate).ToArray();
            return new Series(q.Query.ToString(), xs, xs.Select(q.Aware.Evaluate).ToArray());
        }).ToList();
        return new Figure($"pc-per-query-{loss.ToCli()}", $"Per-query limits D*_q(R), {loss.ToCli()} loss (synthetic set)", "rate R", LossAxis(loss), series,
            Caption: "Each query's limit D*_q(R) falls with the rate from its own minimum rate R0_q; the query-aware limit is their infimal convolution.");
    }

    private static string LossAxis(Loss loss) => loss == Loss.Log ? "log loss (nats)" : "0/1 loss";
}
