using ScottPlot;
using ScottPlot.TickGenerators;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// Axes in the reader's units. A log axis is drawn over log10 of the values, but its ticks are labelled with the values
/// themselves (0.5, 1, 2, 5 — not −0.3, 0, 0.3, 0.7): the figure's own tick values where it names them, else 1, 2 and 5
/// of every decade the data spans, with unlabelled minor ticks at 1…9 of each decade. A heatmap's axes carry one tick
/// per grid value when the grid is small, so each cell sits on the tick of the value it stands for.
/// </summary>
internal static class FigureAxes
{
    /// <summary>Grids up to this many values per axis get a tick per value (and, in the heatmap, a number per cell).</summary>
    public const int SmallGrid = 12;

    /// <summary>The text of an axis label: the figure's label, marked as a log scale where it is one.</summary>
    public static string Label(string label, bool log) => log ? $"{label}, log scale" : label;

    /// <summary>Log ticks over the positive finite <paramref name="values"/> (data units), or null when there are none.</summary>
    public static NumericManual? LogTicks(IEnumerable<double> values, IReadOnlyList<double>? chosen)
    {
        var positive = values.Where(v => double.IsFinite(v) && v > 0).ToList();
        if (positive.Count == 0) return null;
        double lo = positive.Min(), hi = positive.Max();
        var majors = chosen?.Where(v => v > 0).Distinct().Order().ToList() ?? Decades(lo, hi, [1, 2, 5]);
        if (majors.Count < 2) majors = Decades(lo, hi, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        if (majors.Count < 2) majors = [.. positive.Distinct().Order()];
        var ticks = new NumericManual();
        foreach (var v in majors) ticks.AddMajor(Math.Log10(v), Significant.Text(v));
        foreach (var v in Decades(lo / 10, hi * 10, [1, 2, 3, 4, 5, 6, 7, 8, 9]).Where(v => !majors.Any(m => Same(m, v))))
            ticks.AddMinor(Math.Log10(v));
        return ticks;
    }

    /// <summary>One tick per grid value, labelled with the value or with <paramref name="labels"/> (one per value).</summary>
    public static NumericManual GridTicks(IReadOnlyList<double> grid, IReadOnlyList<string>? labels = null)
    {
        if (labels is not null && labels.Count != grid.Count)
            throw new ArgumentException($"{labels.Count} tick labels for {grid.Count} ticks");
        var ticks = new NumericManual();
        for (int i = 0; i < grid.Count; i++) ticks.AddMajor(grid[i], labels?[i] ?? Significant.Text(grid[i]));
        return ticks;
    }

    /// <summary>About five ticks at round steps (1, 2, 2.5, 5 × 10^k) over [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static NumericManual NiceTicks(double min, double max)
    {
        var ticks = new NumericManual();
        if (!(max > min)) { ticks.AddMajor(min, Significant.Text(min)); return ticks; }
        double raw = (max - min) / 5, decade = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * decade).First(s => s >= raw);
        for (double v = Math.Ceiling(min / step) * step; v <= max + step * 1e-9; v += step)
            ticks.AddMajor(v, Significant.Text(Significant.Round(v, 12)));
        return ticks;
    }

    /// <summary>The figure's x or y values (series and heatmap) in data units.</summary>
    public static IEnumerable<double> Values(Figure figure, bool x) =>
        figure.Series.SelectMany(s => x ? s.X : s.Y).Concat(figure.Heatmap is { } h ? (x ? h.X : h.Y) : []);

    /// <summary>Applies the figure's axis kinds to one plot: log ticks, heatmap grid ticks, labels.</summary>
    public static void Apply(Plot plot, Figure figure)
    {
        if (figure.LogX && LogTicks(Values(figure, x: true), figure.XTicks) is { } xt) plot.Axes.Bottom.TickGenerator = xt;
        else if (figure.XTicks is { Count: > 0 } xs) plot.Axes.Bottom.TickGenerator = GridTicks(xs, figure.XTickLabels);
        else if (figure.Heatmap is { X.Count: <= SmallGrid } hx) plot.Axes.Bottom.TickGenerator = GridTicks(hx.X);
        if (figure.LogY && LogTicks(Values(figure, x: false), figure.YTicks) is { } yt) plot.Axes.Left.TickGenerator = yt;
        else if (figure.YTicks is { Count: > 0 } ys) plot.Axes.Left.TickGenerator = GridTicks(ys);
        else if (figure.Heatmap is { Y.Count: <= SmallGrid } hy) plot.Axes.Left.TickGenerator = GridTicks(hy.Y);
        plot.YLabel(Label(figure.YLabel, figure.LogY));
    }

    /// <summary>A value as drawn: log10 on a log axis.</summary>
    public static double Scale(double v, bool log) => log ? Math.Log10(v) : v;

    private static List<double> Decades(double lo, double hi, int[] mantissas)
    {
        var list = new List<double>();
        for (int d = (int)Math.Floor(Math.Log10(lo)); d <= (int)Math.Ceiling(Math.Log10(hi)); d++)
            foreach (int m in mantissas)
            {
                // m·10^d written through the decimal text, so 0.5 and 2 are exactly the values a reader types
                double v = double.Parse($"{m}e{d}", System.Globalization.CultureInfo.InvariantCulture);
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) list.Add(v);
            }
        return list;
    }

    private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
}
