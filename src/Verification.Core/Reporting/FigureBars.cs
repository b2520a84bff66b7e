using ScottPlot;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// A figure whose x axis has one value is not a curve: one bar per series (its mean; a whisker over its range when it
/// has several y values), the series' names as tick labels slanted at 45°, the single x value in the axis label. The
/// axis panels are sized from the measured labels so that none runs off the image (<see cref="Fit"/>).
/// </summary>
internal static class FigureBars
{
    private const float Slant = 45;

    public static void Draw(Plot plot, Figure figure)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var looks = FigureStyle.Assign(figure);
        var bars = new List<Bar>();
        for (int i = 0; i < figure.Series.Count; i++)
        {
            var (s, look) = (figure.Series[i], looks[i]);
            var ys = s.Y.Select(y => FigureAxes.Scale(y, figure.LogY)).Where(double.IsFinite).ToArray();
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
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, figure.Series.Count).Select(i => (double)i)], [.. figure.Series.Select(s => s.Name)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = Slant;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        var (_, down) = Extents(plot, figure.Series.Select(s => s.Name));
        plot.Axes.Bottom.MinimumSize = down.Max() + 50;   // the slanted names and the axis label below them
        plot.Axes.Margins(bottom: 0);
        plot.XLabel($"{figure.XLabel} = {Significant.Format(figure.Series[0].X[0])} (one value: bars, not a curve)");
    }

    /// <summary>After a render: widens the right axis panel by what the last slanted names reach beyond the plot's rectangle.</summary>
    public static bool Fit(Plot plot)
    {
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
        if (ticks.Count == 0) return false;
        var (right, _) = Extents(plot, ticks.Select(t => t.Label));
        var last = plot.RenderManager.LastRender;
        float reach = ticks.Select((t, k) => plot.GetPixel(new Coordinates(t.Position, 0)).X + right[k]).Max();
        float overflow = reach - last.FigureRect.Right;
        if (overflow <= 0) return false;
        plot.Axes.Right.MinimumSize = last.Layout.PanelSizes.GetValueOrDefault(plot.Axes.Right) + overflow + 6;
        return true;
    }

    /// <summary>How far each slanted label reaches right of its tick and below the axis line, from its measured size.</summary>
    private static (float[] Right, float[] Down) Extents(Plot plot, IEnumerable<string> labels)
    {
        using var paint = Paint.NewDisposablePaint();
        var style = plot.Axes.Bottom.TickLabelStyle;
        double a = Slant * Math.PI / 180;
        var sizes = labels.Select(l => style.Measure(l, paint).Size).ToList();
        return ([.. sizes.Select(s => (float)(s.Width * Math.Cos(a) + s.Height / 2 * Math.Sin(a)))],
                [.. sizes.Select(s => (float)(s.Width * Math.Sin(a) + s.Height / 2 * Math.Cos(a)))]);
    }
}
