using ScottPlot;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// One plot of a figure (the whole figure, or one of its small multiples): its ScottPlot plot with the series drawn,
/// and, in data coordinates as drawn (log10 on a log axis), every plotted point and line segment and the heatmap's
/// extent — what a legend must not cover. Reference lines are drawn here and labelled once the layout is known
/// (<see cref="FigureReferences"/>).
/// </summary>
internal sealed class FigurePanel
{
    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
        MarkerShape.Cross, MarkerShape.Eks,
    ];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>Most markers drawn on a line-only series: enough to tell it apart, few enough not to hide it.</summary>
    private const int SparseMarkers = 12;

    public Plot Plot { get; } = new();

    public string? Title { get; }

    public List<Coordinates> Points { get; } = [];

    public List<(Coordinates A, Coordinates B)> Segments { get; } = [];

    /// <summary>The reference lines of this panel: name, colour and the drawn end points.</summary>
    public List<(string Name, Color Color, Coordinates[] Line)> References { get; } = [];

    public CoordinateRect? HeatmapExtent { get; private set; }

    public int LegendEntries { get; private set; }

    private FigurePanel(string? title) => Title = title;

    /// <summary>The panel <paramref name="panel"/> of <paramref name="figure"/> (null: the whole figure, one plot).</summary>
    public static FigurePanel Build(Figure figure, string? panel)
    {
        var p = new FigurePanel(panel);
        var looks = FigureStyle.Assign(figure);
        var members = Enumerable.Range(0, figure.Series.Count)
            .Where(i => panel is null || figure.Series[i].Panel is null || figure.Series[i].Panel == panel).ToList();
        if (figure.Heatmap is { } map) p.AddHeatmap(map);
        if (FigureStyle.HasSingleX(figure)) FigureBars.Draw(p.Plot, figure);
        else p.AddCurves(figure, members, looks);
        FigureAxes.Apply(p.Plot, figure);
        if (panel is not null)
        {
            // Small multiples: a smaller title per panel and smaller axis labels, repeated in each panel.
            p.Plot.Title(panel);
            p.Plot.Axes.Title.Label.FontSize = 14;
            p.Plot.Axes.Bottom.Label.FontSize = p.Plot.Axes.Left.Label.FontSize = 13;
        }
        return p;
    }

    /// <summary>
    /// After a render into <paramref name="rect"/>: an axis label longer than the panel is shrunk (down to 10 pt) and
    /// then wrapped, so that it does not run off the panel. True when a label changed (render again).
    /// </summary>
    public bool FitAxisLabels(PixelRect rect)
    {
        var data = Plot.RenderManager.LastRender.DataRect;
        bool x = Fit(Plot.Axes.Bottom.Label, 2 * Math.Min(data.HorizontalCenter - rect.Left, rect.Right - data.HorizontalCenter) - 8);
        bool y = Fit(Plot.Axes.Left.Label, 2 * Math.Min(data.VerticalCenter - rect.Top, rect.Bottom - data.VerticalCenter) - 8);
        return x || y;
    }

    private static bool Fit(LabelStyle label, float room)
    {
        using var paint = Paint.NewDisposablePaint();
        float Width(string text) => label.Measure(text, paint).Width;
        if (string.IsNullOrEmpty(label.Text) || Width(label.Text) <= room) return false;
        while (label.FontSize > 10 && Width(label.Text) > room) label.FontSize -= 1;
        if (Width(label.Text) > room) label.Text = string.Join("\n", FigureScene.Wrap(label.Text.Replace('\n', ' '), t => Width(t) <= room));
        return true;
    }

    private void AddCurves(Figure figure, IReadOnlyList<int> members, IReadOnlyList<SeriesLook> looks)
    {
        var palette = new ScottPlot.Palettes.Category10();
        foreach (int i in members)
        {
            var (s, look) = (figure.Series[i], looks[i]);
            var color = palette.GetColor(look.Colour);
            var xs = s.X.Select(x => FigureAxes.Scale(x, figure.LogX)).ToArray();
            var ys = s.Y.Select(y => FigureAxes.Scale(y, figure.LogY)).ToArray();
            var finite = Enumerable.Range(0, xs.Length).Where(k => double.IsFinite(xs[k]) && double.IsFinite(ys[k])).ToList();
            Points.AddRange(finite.Select(k => new Coordinates(xs[k], ys[k])));
            bool line = s.Style != SeriesStyle.Markers;
            if (line)
            {
                var curve = Plot.Add.Scatter(xs, ys, color);
                curve.LineWidth = 2;
                curve.MarkerSize = 0;
                curve.LinePattern = Patterns[look.Pattern];
                Segments.AddRange(finite.Zip(finite.Skip(1)).Where(p => p.Second == p.First + 1)
                    .Select(p => (new Coordinates(xs[p.First], ys[p.First]), new Coordinates(xs[p.Second], ys[p.Second]))));
            }
            if (look.IsReferenceLine)
            {
                References.Add((s.Name, color, [.. finite.Select(k => new Coordinates(xs[k], ys[k]))]));
                continue;   // labelled on the plot, not marked, not in the legend
            }
            var (mx, my) = s.Style is SeriesStyle.Markers or SeriesStyle.LineWithMarkers ? (xs, ys) : Sparse(xs, ys);
            var marks = Plot.Add.Scatter(mx, my, color);
            marks.LineWidth = 0;
            marks.MarkerSize = 7;
            marks.MarkerShape = Shapes[look.Marker];
        }
        var entries = FigureLegend.Entries(figure, members, Title);
        foreach (var e in entries)
        {
            var (s, look) = (figure.Series[e.First], looks[e.First]);
            var color = palette.GetColor(look.Colour);
            bool line = s.Style != SeriesStyle.Markers;
            Plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = e.Label, LineColor = color, LineWidth = line ? 2 : 0, LinePattern = Patterns[look.Pattern],
                // a shared entry shows the group's colour and line: its members' markers differ
                MarkerShape = e.Count == 1 || !line ? Shapes[look.Marker] : MarkerShape.None, MarkerSize = 7, MarkerColor = color,
            });
        }
        LegendEntries = entries.Count;
        Plot.XLabel(FigureAxes.Label(figure.XLabel, figure.LogX));
        Plot.Legend.IsVisible = false;
    }

    private void AddHeatmap(Heatmap map)
    {
        var hm = Plot.Add.Heatmap(Flip(map.Values));
        hm.Extent = new CoordinateRect(map.X[0], map.X[^1], map.Y[0], map.Y[^1]);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        var bar = Plot.Add.ColorBar(hm);
        bar.Label = map.ColorLabel;
        // Ticks fixed in advance: the colour bar sizes its panel from ticks of a guessed height, and automatic ticks of
        // the real height can be wider, running its label into them.
        bar.Axis.TickGenerator = FigureAxes.NiceTicks(hm.GetRange().Min, hm.GetRange().Max);
        HeatmapExtent = hm.GetAlignedExtent();
        if (map.X.Count > FigureAxes.SmallGrid || map.Y.Count > FigureAxes.SmallGrid) return;
        // A small grid carries its numbers: a reader reads 0.33, not a shade of yellow.
        var range = hm.GetRange();
        for (int r = 0; r < map.Y.Count; r++)
            for (int c = 0; c < map.X.Count; c++)
            {
                double v = map.Values[r, c];
                if (!double.IsFinite(v)) continue;
                var text = Plot.Add.Text(Significant.Format(v, 2), map.X[c], map.Y[r]);
                text.LabelFontSize = 13;
                text.LabelAlignment = Alignment.MiddleCenter;
                double t = range.Max > range.Min ? (v - range.Min) / (range.Max - range.Min) : 0;
                text.LabelFontColor = t < 0.6 ? Colors.White : Colors.Black;   // viridis is dark below ~0.6
            }
    }

    private static (double[] X, double[] Y) Sparse(double[] xs, double[] ys)
    {
        if (xs.Length <= SparseMarkers) return (xs, ys);
        var idx = Enumerable.Range(0, SparseMarkers).Select(k => (int)Math.Round(k * (xs.Length - 1) / (double)(SparseMarkers - 1))).ToArray();
        return (idx.Select(k => xs[k]).ToArray(), idx.Select(k => ys[k]).ToArray());
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
