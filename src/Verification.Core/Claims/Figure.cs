namespace Verification.Core.Claims;

/// <summary>
/// How a series is drawn. <see cref="Reference"/> is a straight reference line (an entropy rate, H(π), p + q = 1, a
/// bound): dashed, in a colour of its own, its name written at its end on the plot instead of in the legend.
/// </summary>
public enum SeriesStyle { Line, Dashed, Markers, LineWithMarkers, Reference }

/// <summary>
/// One named (x, y) series of a figure; also written as raw CSV next to the PNG. Series with the same
/// <paramref name="Group"/> share a colour (e.g. a curve and its dashed reference); when a legend would list more than
/// <see cref="Figure.MaxLegendEntries"/> entries, the series of a group share one entry named after the group (or after
/// what its members' names share, for the seeds of one arm). Series with a <paramref name="Panel"/> are drawn as small
/// multiples, one panel per value (same axes), each panel titled by its value; a series without one (a limit, a
/// reference) is drawn in every panel.
/// </summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    SeriesStyle Style = SeriesStyle.Line, string? Group = null, string? Panel = null)
{
    public Series Validate()
    {
        if (X.Count != Y.Count)
            throw new ArgumentException($"series '{Name}' has {X.Count} x values but {Y.Count} y values");
        return this;
    }
}

/// <summary>A heatmap on a regular grid: <c>Values[row, col]</c> is the value at (X[col], Y[row]).</summary>
public sealed record Heatmap(IReadOnlyList<double> X, IReadOnlyList<double> Y, double[,] Values, string ColorLabel);

/// <summary>
/// A figure as data: the series behind it, not pixels. The report renders it to PNG and writes its series to CSV;
/// snapshot tests snapshot the (rounded) series. A log axis (<see cref="LogX"/>, <see cref="LogY"/>) is drawn as a log
/// axis whose ticks read in the quantity's own values — <see cref="XTicks"/> / <see cref="YTicks"/> when given (e.g.
/// the densities a sweep ran at), else 1, 2, 5 per decade; on a linear axis <see cref="XTicks"/> puts one tick per value,
/// named by <see cref="XTickLabels"/> where given (the methods of a by-method plot). <see cref="Caption"/> is the one
/// line the report prints under the figure: what to look for.
/// </summary>
public sealed record Figure(
    string Name,
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<Series> Series,
    Heatmap? Heatmap = null,
    bool LogX = false,
    bool LogY = false,
    string? Caption = null,
    IReadOnlyList<double>? XTicks = null,
    IReadOnlyList<double>? YTicks = null,
    IReadOnlyList<string>? XTickLabels = null)
{
    /// <summary>The most legend entries one panel shows; a figure with more series splits into panels or groups.</summary>
    public const int MaxLegendEntries = 8;

    /// <summary>The figure's file name (PNG, CSV); follows <see cref="ReportName.Rule"/>.</summary>
    public string Name { get; init => field = ReportName.Require(value, "figure"); } = ReportName.Require(Name, "figure");

    /// <summary>The panels in order of first appearance; empty when no series names one (a single plot).</summary>
    public IReadOnlyList<string> Panels => [.. Series.Select(s => s.Panel).OfType<string>().Distinct()];
}

/// <summary>A table of numbers produced by a claim, written as CSV (<c>Name.csv</c>).</summary>
public sealed record DataTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<double>> Rows)
{
    /// <summary>The table's file name (CSV); follows <see cref="ReportName.Rule"/>.</summary>
    public string Name { get; init => field = ReportName.Require(value, "table"); } = ReportName.Require(Name, "table");
}
