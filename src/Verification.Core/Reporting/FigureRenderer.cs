using ScottPlot;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>Renders a <see cref="Figure"/> to PNG with ScottPlot 5 (headless) and writes its series as CSV.</summary>
public static class FigureRenderer
{
    public static byte[] Png(Figure figure, int width = 900, int height = 560)
    {
        var plot = new Plot();
        if (figure.Heatmap is { } map)
        {
            var hm = plot.Add.Heatmap(Flip(map.Values));
            hm.Extent = new CoordinateRect(map.X[0], map.X[^1], map.Y[0], map.Y[^1]);
            hm.Colormap = new ScottPlot.Colormaps.Viridis();
            plot.Add.ColorBar(hm).Label = map.ColorLabel;
        }
        var palette = new ScottPlot.Palettes.Category10();
        var colors = new Dictionary<string, Color>();
        foreach (var s in figure.Series)
        {
            var key = s.Group ?? s.Name;
            if (!colors.TryGetValue(key, out var color)) colors[key] = color = palette.GetColor(colors.Count);
            var xs = s.X.Select(x => figure.LogX ? Math.Log10(x) : x).ToArray();
            var ys = s.Y.Select(y => figure.LogY ? Math.Log10(y) : y).ToArray();
            var scatter = plot.Add.Scatter(xs, ys, color);
            scatter.LegendText = s.Name;
            scatter.LineWidth = s.Style == SeriesStyle.Markers ? 0 : 2;
            scatter.MarkerSize = s.Style is SeriesStyle.Markers or SeriesStyle.LineWithMarkers ? 6 : 0;
            if (s.Style == SeriesStyle.Dashed) scatter.LinePattern = LinePattern.Dashed;
        }
        plot.Title(figure.Title);
        plot.XLabel(figure.LogX ? $"log10 {figure.XLabel}" : figure.XLabel);
        plot.YLabel(figure.LogY ? $"log10 {figure.YLabel}" : figure.YLabel);
        if (figure.Series.Count > 0) plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>The series as long-format CSV: <c>series,x,y</c>.</summary>
    public static string Csv(Figure figure)
    {
        var w = new System.Text.StringBuilder("series,x,y\n");
        foreach (var s in figure.Series)
            for (int k = 0; k < s.X.Count; k++)
                w.Append(Quote(s.Name)).Append(',').Append(Significant.Exact(s.X[k])).Append(',')
                    .Append(Significant.Exact(s.Y[k])).Append('\n');
        if (figure.Heatmap is { } map)
        {
            w.Append("# heatmap: x,y,value\n");
            for (int r = 0; r < map.Y.Count; r++)
                for (int c = 0; c < map.X.Count; c++)
                    w.Append("heatmap,").Append(Significant.Exact(map.X[c])).Append(',')
                        .Append(Significant.Exact(map.Y[r])).Append(',').Append(Significant.Exact(map.Values[r, c]))
                        .Append('\n');
        }
        return w.ToString();
    }

    public static string Csv(DataTable table)
    {
        var w = new System.Text.StringBuilder(string.Join(',', table.Columns.Select(Quote))).Append('\n');
        foreach (var row in table.Rows) w.Append(string.Join(',', row.Select(Significant.Exact))).Append('\n');
        return w.ToString();
    }

    internal static string Quote(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    // ScottPlot draws row 0 at the top; our rows run upwards with Y.
    private static double[,] Flip(double[,] v)
    {
        int rows = v.GetLength(0), cols = v.GetLength(1);
        var f = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                f[r, c] = v[rows - 1 - r, c];
        return f;
    }
}
