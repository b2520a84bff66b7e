namespace Verification.Core.Claims;

public enum SeriesStyle { Line, Dashed, Markers, LineWithMarkers }

/// <summary>
/// One named (x, y) series of a figure; also written as raw CSV next to the PNG. Series with the same
/// <paramref name="Group"/> share a colour (e.g. a curve and its dashed reference).
/// </summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    SeriesStyle Style = SeriesStyle.Line, string? Group = null)
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
/// snapshot tests snapshot the (rounded) series.
/// </summary>
public sealed record Figure(
    string Name,
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<Series> Series,
    Heatmap? Heatmap = null,
    bool LogX = false,
    bool LogY = false)
{
    /// <summary>The figure's file name (PNG, CSV); follows <see cref="ReportName.Rule"/>.</summary>
    public string Name { get; init => field = ReportName.Require(value, "figure"); } = ReportName.Require(Name, "figure");
}

/// <summary>A table of numbers produced by a claim, written as CSV (<c>Name.csv</c>).</summary>
public sealed record DataTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<double>> Rows)
{
    /// <summary>The table's file name (CSV); follows <see cref="ReportName.Rule"/>.</summary>
    public string Name { get; init => field = ReportName.Require(value, "table"); } = ReportName.Require(Name, "table");
}
