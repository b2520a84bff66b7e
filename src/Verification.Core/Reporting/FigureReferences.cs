using ScottPlot;

namespace Verification.Core.Reporting;

/// <summary>
/// Labels of reference lines (an entropy rate, H(π), p + q = 1, ε): each line's name written along it, ending at its
/// right end (the top end of a vertical line), in the line's colour on a pale backing so it reads over a heatmap. The
/// angle is the line's angle in pixels, so it needs the plot's layout: placed after a first render.
/// </summary>
internal static class FigureReferences
{
    private const float FontSize = 12;

    /// <summary>Pixels between a label and its line.</summary>
    private const float Gap = 3;

    /// <summary>The boxes (pixels, as last rendered) of <paramref name="panel"/>'s reference labels; with <paramref name="add"/> also draws them.</summary>
    public static IReadOnlyList<PixelRect> Label(FigurePanel panel, bool add)
    {
        var boxes = new List<PixelRect>();
        foreach (var (name, color, line) in panel.References)
        {
            if (line.Length < 2) continue;
            var pixels = line.Select(panel.Plot.GetPixel).ToArray();
            int end = Enumerable.Range(0, pixels.Length).MaxBy(k => (pixels[k].X, -pixels[k].Y));
            int from = end == 0 ? 1 : end == pixels.Length - 1 ? end - 1 : end + 1;
            float angle = (float)(Math.Atan2(pixels[end].Y - pixels[from].Y, pixels[end].X - pixels[from].X) * 180 / Math.PI);
            if (Math.Abs(angle) > 90) angle -= Math.Sign(angle) * 180;   // never upside down
            var style = new LabelStyle
            {
                Text = name, FontSize = FontSize, ForeColor = color, BackgroundColor = Colors.White.WithAlpha(0.75), Alignment = Alignment.LowerRight,
            };
            // Off the line by a few pixels (along its upper normal) and back from its end, so the line stays visible.
            double a = angle * Math.PI / 180;
            var offset = new Pixel((float)(Gap * (Math.Sin(a) - Math.Cos(a))), (float)(Gap * (-Math.Cos(a) - Math.Sin(a))));
            boxes.Add(Box(style, name, new Pixel(pixels[end].X + offset.X, pixels[end].Y + offset.Y), angle));
            if (!add) continue;
            var text = panel.Plot.Add.Text(name, line[end]);
            text.LabelStyle = style;
            text.LabelRotation = angle;
            (text.OffsetX, text.OffsetY) = (offset.X, offset.Y);
        }
        return boxes;
    }

    /// <summary>The pixel box of a label drawn at <paramref name="anchor"/> with its alignment, turned by <paramref name="degrees"/>.</summary>
    public static PixelRect Box(LabelStyle style, string text, Pixel anchor, float degrees)
    {
        using var paint = Paint.NewDisposablePaint();
        var rect = style.Measure(text, paint).Rect(style.Alignment);
        double a = degrees * Math.PI / 180, cos = Math.Cos(a), sin = Math.Sin(a);
        var corners = new[] { (rect.Left, rect.Top), (rect.Right, rect.Top), (rect.Left, rect.Bottom), (rect.Right, rect.Bottom) }
            .Select(c => new Pixel((float)(anchor.X + c.Item1 * cos - c.Item2 * sin), (float)(anchor.Y + c.Item1 * sin + c.Item2 * cos)))
            .ToArray();
        return new PixelRect(corners.Min(c => c.X), corners.Max(c => c.X), corners.Max(c => c.Y), corners.Min(c => c.Y));
    }
}
