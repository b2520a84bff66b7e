// arXiv 2006.07990 §2 Theorem 1 vs Malach et al. 2020 (spec P6): the figure of SS.width-grows-logarithmically.
using Verification.Core.Claims;

namespace Verification.LotteryTickets.SubsetSum.Claims;

/// <summary>What SS.width-grows-logarithmically draws: m₉₀ of both constructions against ln(d²·l/ε), with the fit.</summary>
public static class WidthFigures
{
    public static Figure WidthVersusLog(IReadOnlyList<WidthConfiguration> sweep, LinearFit fit)
    {
        var order = sweep.OrderBy(c => c.Size).ToArray();
        var lx = order.Select(c => Math.Log(c.Size)).ToArray();
        return new Figure("ss-width-vs-log", "Hidden units per input for 90% success vs ln(d²·l/ε)", "ln(d²·l/ε)", "units per input coordinate",
        [
            new Series("SubsetSum construction m90", lx, order.Select(c => c.SubsetSum).ToArray(), SeriesStyle.Markers, "ss"),
            new Series($"fit {fit.Intercept:F1} + {fit.Slope:F2}·ln(d²l/ε), R²={fit.RSquared:F3}", lx, lx.Select(fit.At).ToArray(), SeriesStyle.Line, "ss"),
            new Series("Malach-style d_out·m90 (one weight per pair)", lx, order.Select(c => c.Malach).ToArray(), SeriesStyle.Markers, "malach"),
        ], LogY: true,
            Caption: "The SubsetSum width grows linearly in ln(d²l/ε) (points on the fitted line) and stays far below the Malach-style count.");
    }
}
