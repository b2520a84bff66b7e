using CsvHelper;
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
        if (FigureStyle.HasSingleX(figure)) Bars(plot, figure);
        else Curves(plot, figure);
        plot.Title(figure.Title);
        plot.YLabel(figure.LogY ? $"log10 {figure.YLabel}" : figure.YLabel);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
        MarkerShape.Cross, MarkerShape.Eks,
    ];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>Most markers drawn on a line-only series: enough to tell it apart, few enough not to hide it.</summary>
    private const int SparseMarkers = 12;

    private static void Curves(Plot plot, Figure figure)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var looks = FigureStyle.Assign(figure);
        for (int i = 0; i < figure.Series.Count; i++)
        {
            var (s, look) = (figure.Series[i], looks[i]);
            var color = palette.GetColor(look.Colour);
            var xs = s.X.Select(x => figure.LogX ? Math.Log10(x) : x).ToArray();
            var ys = s.Y.Select(y => figure.LogY ? Math.Log10(y) : y).ToArray();
            bool line = s.Style != SeriesStyle.Markers;
            if (line)
            {
                var curve = plot.Add.Scatter(xs, ys, color);
                curve.LineWidth = 2;
                curve.MarkerSize = 0;
                curve.LinePattern = Patterns[look.Pattern];
            }
            var (mx, my) = s.Style is SeriesStyle.Markers or SeriesStyle.LineWithMarkers ? (xs, ys) : Sparse(xs, ys);
            var marks = plot.Add.Scatter(mx, my, color);
            marks.LineWidth = 0;
            marks.MarkerSize = 7;
            marks.MarkerShape = Shapes[look.Marker];
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = s.Name, LineColor = color, LineWidth = line ? 2 : 0, LinePattern = Patterns[look.Pattern],
                MarkerShape = Shapes[look.Marker], MarkerSize = 7, MarkerColor = color,
            });
            if (look.IsReferenceLine && xs.Length > 0 && double.IsFinite(ys[0]))
            {
                var label = plot.Add.Text(s.Name, xs.Where(double.IsFinite).DefaultIfEmpty(0).Max(), ys[0]);
                label.LabelFontColor = color;
                label.LabelFontSize = 12;
                label.LabelAlignment = Alignment.LowerRight;
            }
        }
        plot.XLabel(figure.LogX ? $"log10 {figure.XLabel}" : figure.XLabel);
        if (figure.Series.Count > 0) plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>
    /// A figure whose x axis has one value is not a curve: one bar per series (its mean; a whisker over its range
    /// when it has several y values), the series' names as tick labels, the single x value in the axis label.
    /// </summary>
    private static void Bars(Plot plot, Figure figure)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var looks = FigureStyle.Assign(figure);
        var bars = new List<Bar>();
        for (int i = 0; i < figure.Series.Count; i++)
        {
            var (s, look) = (figure.Series[i], looks[i]);
            var ys = s.Y.Select(y => figure.LogY ? Math.Log10(y) : y).Where(double.IsFinite).ToArray();
            if (ys.Length == 0) continue;
            var color = palette.GetColor(look.Colour);
            bars.Add(new Bar
            {
                Position = i, Value = ys.Average(), Error = (ys.Max() - ys.Min()) / 2,
                // A dashed series (e.g. "before") is drawn pale beside its solid partner of the same colour.
                FillColor = s.Style == SeriesStyle.Dashed ? color.WithAlpha(0.35) : color,
                LineColor = color, LineWidth = 1.5f, Label = Significant.Format(ys.Average(), 3),
            });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, figure.Series.Count).Select(i => (double)i).ToArray(),
            figure.Series.Select(s => s.Name).ToArray());
        // Names can be long: rotated, with the axis panel made tall enough to hold the longest (~7 px a character).
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = (float)(figure.Series.Max(s => s.Name.Length) * 7 * Math.Sin(Math.PI / 4) + 50);
        plot.Axes.Margins(bottom: 0);
        plot.XLabel($"{figure.XLabel} = {Significant.Format(figure.Series[0].X[0])} (one value: bars, not a curve)");
    }

    private static (double[] X, double[] Y) Sparse(double[] xs, double[] ys)
    {
        if (xs.Length <= SparseMarkers) return (xs, ys);
        var idx = Enumerable.Range(0, SparseMarkers).Select(k => (int)Math.Round(k * (xs.Length - 1) / (double)(SparseMarkers - 1))).ToArray();
        return (idx.Select(k => xs[k]).ToArray(), idx.Select(k => ys[k]).ToArray());
    }

    /// <summary>RFC 4180 as CsvHelper writes it (a field with a comma, quote or line break is quoted), "\n" line ends.</summary>
    private static readonly CsvWriterOptions CsvFormat =
        CsvWriterOptions.Default with { NewLine = "\n", CommentPrefix = '#', ValidateFieldCount = false };

    /// <summary>The series as long-format CSV, <c>series,x,y</c>; a heatmap follows as <c>heatmap,x,y,value</c> rows. Numbers round-trip.</summary>
    public static string Csv(Figure figure) => Csv(csv =>
    {
        csv.WriteRecord(["series", "x", "y"]);
        foreach (var s in figure.Series)
            for (int k = 0; k < s.X.Count; k++) csv.WriteRecord([s.Name, Significant.Exact(s.X[k]), Significant.Exact(s.Y[k])]);
        if (figure.Heatmap is not { } map) return;
        csv.WriteComment(" heatmap: x,y,value");
        for (int r = 0; r < map.Y.Count; r++)
            for (int c = 0; c < map.X.Count; c++)
                csv.WriteRecord(["heatmap", Significant.Exact(map.X[c]), Significant.Exact(map.Y[r]), Significant.Exact(map.Values[r, c])]);
    });

    public static string Csv(DataTable table) => Csv(csv =>
    {
        csv.WriteRecord([.. table.Columns]);
        foreach (var row in table.Rows) csv.WriteRecord([.. row.Select(Significant.Exact)]);
    });

    private static string Csv(Action<CsvWriter> write)
    {
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, CsvFormat, leaveOpen: true)) write(csv);
        return text.ToString();
    }

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
