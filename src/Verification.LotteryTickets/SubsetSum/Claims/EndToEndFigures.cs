// arXiv 2006.07990 §2, Theorem 1 (spec P5): the figure of SS.end-to-end-error-bound.
using Verification.Core.Claims;

namespace Verification.LotteryTickets.SubsetSum.Claims;

/// <summary>What SS.end-to-end-error-bound draws: the median sup error of each shape against the block width, with ε.</summary>
public static class EndToEndFigures
{
    public static Figure SupErrorVersusWidth(IReadOnlyList<EndToEndShape> shapes, IReadOnlyList<int> widths, double epsilon, int trials)
    {
        var m = widths.Select(v => (double)v).ToArray();
        return new Figure("ss-sup-error-vs-m", $"Pruned random network vs target: sup error over unit inputs ({trials} targets)",
            "block width m (hidden units per input)", "sup ‖f(x) − g̃(x)‖",
            [
                .. shapes.Select(x => new Series($"median sup error, d={x.D}, l={x.L}", m, widths.Select(x.MedianSupError).ToArray(), SeriesStyle.LineWithMarkers, x.Key)),
                new Series($"ε = {epsilon}", [widths.Min(), widths.Max()], [epsilon, epsilon], SeriesStyle.Reference),
            ], LogY: true,
            Caption: "The pruned network's median sup error falls as the blocks widen and ends below ε (labelled line) for every shape (d, l).");
    }
}
