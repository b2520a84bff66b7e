using ScottPlot;
using SkiaSharp;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// A figure laid out at a size: its title wrapped (and, if need be, shrunk) to the image width, its panels on a grid
/// below it sharing their axis limits, each panel's legend placed where it covers nothing (<see cref="FigureLegend"/>)
/// and its reference lines labelled. Built by rendering the panels once to learn their layout, then deciding.
/// </summary>
internal sealed class FigureScene
{
    /// <summary>Title font sizes tried in turn; the first at which the title fits in <see cref="MaxTitleLines"/> lines wins.</summary>
    private static readonly float[] TitleSizes = [16, 14, 12];

    private const int MaxTitleLines = 2;
    private const float TitleMargin = 12;

    public int Width { get; }
    public int Height { get; }
    public LabelStyle TitleStyle { get; } = new() { Bold = true, Alignment = Alignment.UpperCenter };
    public IReadOnlyList<string> TitleLines { get; }
    public PixelRect TitleRect { get; }
    public IReadOnlyList<(FigurePanel Panel, PixelRect Rect)> Panels { get; }

    /// <summary>Per panel: the legend panel when the legend went outside the data area, else null.</summary>
    public IReadOnlyList<ScottPlot.Panels.LegendPanel?> OutsideLegends { get; }

    private FigureScene(int width, int height, IReadOnlyList<string> title, PixelRect titleRect,
        IReadOnlyList<(FigurePanel, PixelRect)> panels, IReadOnlyList<ScottPlot.Panels.LegendPanel?> outside)
    {
        (Width, Height, TitleLines, TitleRect, Panels, OutsideLegends) = (width, height, title, titleRect, panels, outside);
    }

    public static FigureScene Build(Figure figure, int width, int height, FigureOptions options)
    {
        var names = FigureStyle.HasSingleX(figure) ? [] : figure.Panels;
        var panels = names.Count == 0 ? [FigurePanel.Build(figure, null)] : names.Select(n => FigurePanel.Build(figure, n)).ToList();
        if (panels.Count > 1) ShareLimits(panels);
        int cols = panels.Count <= 2 ? 1 : panels.Count <= 4 ? 2 : 3, rows = (panels.Count + cols - 1) / cols;
        if (cols == 3) width = Math.Max(width, 1050);
        var style = new LabelStyle { Bold = true, Alignment = Alignment.UpperCenter };
        var lines = options.FitTitle ? WrapTitle(figure.Title, style, width - 2 * TitleMargin) : [figure.Title];
        if (!options.FitTitle) style.FontSize = TitleSizes[0];
        float titleHeight = LineHeight(style) * lines.Count + 18;
        float panelHeight = panels.Count == 1 ? height - titleHeight : panels.Count == 2 ? 400 : 330;
        int total = (int)Math.Ceiling(titleHeight + rows * panelHeight);
        var rects = panels.Select((_, k) => new PixelRect(
            left: (float)Math.Floor(width * (k % cols) / (double)cols), right: (float)Math.Floor(width * (k % cols + 1) / (double)cols),
            bottom: (float)Math.Floor(titleHeight + (k / cols + 1) * panelHeight), top: (float)Math.Floor(titleHeight + k / cols * panelHeight))).ToList();
        var outside = Decide(panels, rects, total, width, options);
        var scene = new FigureScene(width, total, lines, new PixelRect(0, width, titleHeight, 0), [.. panels.Zip(rects)], outside);
        scene.TitleStyle.FontSize = style.FontSize;
        return scene;
    }

    /// <summary>Draws the title and every panel onto <paramref name="canvas"/>, the image's top left at (dx, dy).</summary>
    public void Draw(SKCanvas canvas, float dx = 0, float dy = 0, bool title = true, int? only = null)
    {
        using var paint = Paint.NewDisposablePaint();
        float lineHeight = LineHeight(TitleStyle);
        if (title)
            for (int i = 0; i < TitleLines.Count; i++)
                TitleStyle.Render(canvas, new Pixel(dx + Width / 2f, dy + 10 + i * lineHeight), paint, TitleLines[i]);
        for (int k = 0; k < Panels.Count; k++)
            if (only is null || only == k)
            {
                var (panel, rect) = Panels[k];
                panel.Plot.RenderManager.ClearCanvasBeforeEachRender = false;
                panel.Plot.Render(canvas, rect.WithPan(dx, dy));
            }
    }

    /// <summary>The layout passes: render, fit slanted names, place each legend, label the references.</summary>
    private static List<ScottPlot.Panels.LegendPanel?> Decide(IReadOnlyList<FigurePanel> panels, IReadOnlyList<PixelRect> rects, int height, int width,
        FigureOptions options)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        void Render(int k) => panels[k].Plot.Render(surface.Canvas, rects[k]);
        var outside = new List<ScottPlot.Panels.LegendPanel?>();
        for (int k = 0; k < panels.Count; k++)
        {
            var (panel, plot) = (panels[k], panels[k].Plot);
            Render(k);
            if (panel.FitAxisLabels(rects[k]) | FigureBars.Fit(plot)) Render(k);
            ScottPlot.Panels.LegendPanel? legend = null;
            if (panel.LegendEntries > 0)
            {
                var where = !options.PlaceLegends ? Alignment.UpperRight
                    : panel.HeatmapExtent is null ? FigureLegend.Place(plot, Obstacles(panel), FigureReferences.Label(panel, add: false)) : null;
                if (where is { } w)
                {
                    plot.Legend.IsVisible = true;
                    plot.Legend.Alignment = w;
                }
                else
                {
                    legend = plot.ShowLegend(panels.Count > 1 ? Edge.Bottom : Edge.Right);
                    Render(k);
                }
            }
            FigureReferences.Label(panel, add: true);
            outside.Add(legend);
        }
        return outside;
    }

    /// <summary>Every plotted point, points every 2 px along every drawn line, and a heatmap's cell centres, in pixels.</summary>
    public static List<Pixel> Obstacles(FigurePanel panel)
    {
        var plot = panel.Plot;
        var list = panel.Points.Select(plot.GetPixel).ToList();
        foreach (var (a, b) in panel.Segments)
        {
            var (pa, pb) = (plot.GetPixel(a), plot.GetPixel(b));
            int steps = (int)Math.Min(2000, Math.Ceiling(Math.Sqrt(Math.Pow(pb.X - pa.X, 2) + Math.Pow(pb.Y - pa.Y, 2)) / 2));
            for (int s = 1; s < steps; s++)
                list.Add(new Pixel(pa.X + (pb.X - pa.X) * s / steps, pa.Y + (pb.Y - pa.Y) * s / steps));
        }
        if (panel.HeatmapExtent is { } e)
        {
            var (tl, br) = (plot.GetPixel(new Coordinates(e.Left, e.Top)), plot.GetPixel(new Coordinates(e.Right, e.Bottom)));
            for (float x = Math.Min(tl.X, br.X); x <= Math.Max(tl.X, br.X); x += 4)
                for (float y = Math.Min(tl.Y, br.Y); y <= Math.Max(tl.Y, br.Y); y += 4) list.Add(new Pixel(x, y));
        }
        return list;
    }

    private static void ShareLimits(IReadOnlyList<FigurePanel> panels)
    {
        foreach (var p in panels) p.Plot.Axes.AutoScale();
        var all = panels.Select(p => p.Plot.Axes.GetLimits()).ToList();
        var shared = new AxisLimits(all.Min(l => l.Left), all.Max(l => l.Right), all.Min(l => l.Bottom), all.Max(l => l.Top));
        foreach (var p in panels) p.Plot.Axes.SetLimits(shared);
    }

    private static List<string> WrapTitle(string title, LabelStyle style, float maxWidth)
    {
        using var paint = Paint.NewDisposablePaint();
        List<string> lines = [];
        foreach (var size in TitleSizes)
        {
            style.FontSize = size;
            lines = Wrap(title, t => style.Measure(t, paint).Width <= maxWidth);
            if (lines.Count <= MaxTitleLines && lines.All(l => style.Measure(l, paint).Width <= maxWidth)) break;
        }
        return lines;
    }

    /// <summary>Greedy word wrap: each line as long as <paramref name="fits"/> allows (a single too-long word stands alone).</summary>
    public static List<string> Wrap(string text, Func<string, bool> fits)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var longer = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && !fits(longer)) { lines.Add(line); line = word; }
            else line = longer;
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }

    private static float LineHeight(LabelStyle style)
    {
        using var paint = Paint.NewDisposablePaint();
        return style.Measure("Mg", paint).LineHeight;
    }
}
