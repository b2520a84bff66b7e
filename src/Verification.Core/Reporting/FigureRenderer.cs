using ScottPlot;
using SkiaSharp;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// Renders a <see cref="Figure"/> to PNG with ScottPlot 5 (headless) and writes its series as CSV. <see cref="Inspect"/>
/// renders it the same way and measures what a reader would see wrong (<see cref="FigureLayout.Defects"/>): each
/// element drawn alone onto a canvas larger than the image, so that text running off the image is counted rather than
/// cut, and each legend's box — as ScottPlot lays it out — against every plotted point in pixels.
/// </summary>
public static class FigureRenderer
{
    /// <summary>The size of a one-panel figure; a figure of panels grows downwards (and to 1050 px for three columns).</summary>
    public const int Width = 900, Height = 560;

    /// <summary>Room around the image when measuring ink: more than any label could overflow by.</summary>
    private const int Margin = 400;

    public static byte[] Png(Figure figure, int width = Width, int height = Height, FigureOptions? options = null)
    {
        var scene = FigureScene.Build(figure, width, height, options ?? FigureOptions.Default);
        using var surface = SKSurface.Create(new SKImageInfo(scene.Width, scene.Height));
        surface.Canvas.Clear(SKColors.White);
        scene.Draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The series as long-format CSV (<see cref="FigureCsv.Write(Figure)"/>).</summary>
    public static string Csv(Figure figure) => FigureCsv.Write(figure);

    /// <summary>A table as CSV (<see cref="FigureCsv.Write(DataTable)"/>).</summary>
    public static string Csv(DataTable table) => FigureCsv.Write(table);

    /// <summary>The figure's layout as rendered, measured: see <see cref="FigureLayout.Defects"/>.</summary>
    public static FigureLayout Inspect(Figure figure, int width = Width, int height = Height, FigureOptions? options = null)
    {
        var scene = FigureScene.Build(figure, width, height, options ?? FigureOptions.Default);
        var outside = new List<InkOutside>
        {
            Ink("title", scene, scene.TitleRect, s => scene.Draw(s.Canvas(), Margin, Margin, title: true, only: -1)),
        };
        for (int k = 0; k < scene.Panels.Count; k++)
        {
            int panel = k;
            outside.Add(Ink(scene.Panels[k].Panel.Title is { } t ? $"panel '{t}'" : "plot", scene, scene.Panels[k].Rect,
                s => scene.Draw(s.Canvas(), Margin, Margin, title: false, only: panel)));
        }
        // Last, the whole figure at its place, so that every plot's last render is the image's.
        using (var surface = SKSurface.Create(new SKImageInfo(scene.Width, scene.Height))) scene.Draw(surface.Canvas);
        var panels = scene.Panels.Select((p, k) => Measure(p.Panel, p.Rect, scene.OutsideLegends[k])).ToList();
        return new FigureLayout(scene.Width, scene.Height, scene.TitleLines, scene.TitleStyle.FontSize, panels, outside);
    }

    private static PanelLayout Measure(FigurePanel panel, PixelRect rect, ScottPlot.Panels.LegendPanel? outside)
    {
        var plot = panel.Plot;
        PixelRect? legend = panel.LegendEntries == 0 ? null
            : outside is not null ? FigureLegend.OutsideRect(plot, outside)
            : plot.Legend.IsVisible ? FigureLegend.InsideRect(plot, plot.Legend.Alignment) : null;
        var points = FigureScene.Obstacles(panel).Select(p => (p.X, p.Y)).ToList();
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor && !string.IsNullOrEmpty(t.Label)).Select(t => t.Label).ToList();
        return new PanelLayout(panel.Title, ToBox(rect), ToBox(plot.RenderManager.LastRender.DataRect),
            legend is { } l ? ToBox(l) : null, outside is not null, panel.LegendEntries, points,
            plot.Axes.Bottom.Label.Text, plot.Axes.Left.Label.Text, ticks);
    }

    /// <summary>Draws one element alone at (Margin, Margin) on a transparent canvas and counts its pixels outside <paramref name="area"/>.</summary>
    private static InkOutside Ink(string element, FigureScene scene, PixelRect area, Action<InkCanvas> draw)
    {
        using var ink = new InkCanvas(scene.Width + 2 * Margin, scene.Height + 2 * Margin);
        draw(ink);
        var inside = new Box(area.Left + Margin, area.Top + Margin, area.Right + Margin, area.Bottom + Margin);
        var (count, bounds) = ink.Outside(inside);
        return new InkOutside(element, ToBox(area), count,
            count == 0 ? default : new Box(bounds.Left - Margin, bounds.Top - Margin, bounds.Right - Margin, bounds.Bottom - Margin));
    }

    private static Box ToBox(PixelRect r) => new(r.Left, r.Top, r.Right, r.Bottom);

    /// <summary>A transparent bitmap to draw one element on and find where its ink went.</summary>
    private sealed class InkCanvas(int width, int height) : IDisposable
    {
        private readonly SKBitmap bitmap = new(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        private SKCanvas? canvas;

        public SKCanvas Canvas()
        {
            canvas ??= new SKCanvas(bitmap);
            canvas.Clear(SKColors.Transparent);
            return canvas;
        }

        /// <summary>Opaque-ish pixels outside <paramref name="area"/> (one pixel of anti-aliasing allowed) and their bounds.</summary>
        public (int Count, Box Bounds) Outside(Box area)
        {
            canvas?.Flush();
            var pixels = bitmap.GetPixelSpan();
            int count = 0;
            float left = float.MaxValue, top = float.MaxValue, right = float.MinValue, bottom = float.MinValue;
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    if (pixels[(y * width + x) * 4 + 3] < 64) continue;
                    if (x >= area.Left - 1 && x < area.Right + 1 && y >= area.Top - 1 && y < area.Bottom + 1) continue;
                    count++;
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x + 1), Math.Max(bottom, y + 1));
                }
            return (count, new Box(left, top, right, bottom));
        }

        public void Dispose()
        {
            canvas?.Dispose();
            bitmap.Dispose();
        }
    }
}

/// <summary>
/// The renderer's safeguards: a title wrapped and shrunk to the image width, legends placed where they cover nothing.
/// Both are on; they are switched off only to show that <see cref="FigureRenderer.Inspect"/> catches what they prevent
/// (a title cut off at the image's edges, a legend in the upper right over the curves).
/// </summary>
public sealed record FigureOptions(bool FitTitle = true, bool PlaceLegends = true)
{
    public static FigureOptions Default { get; } = new();
}
