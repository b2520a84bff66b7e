namespace Verification.Core.Reporting;

/// <summary>A rectangle in image pixels (y down).</summary>
public readonly record struct Box(float Left, float Top, float Right, float Bottom)
{
    public bool Contains(float x, float y) => x >= Left && x <= Right && y >= Top && y <= Bottom;

    public bool Within(Box outer) => Left >= outer.Left && Right <= outer.Right && Top >= outer.Top && Bottom <= outer.Bottom;

    public override string ToString() => $"[{Left:F0}, {Top:F0}]–[{Right:F0}, {Bottom:F0}]";
}

/// <summary>What one element of a figure (its title, a panel) drew outside the area it was given: pixels and their bounds.</summary>
public sealed record InkOutside(string Element, Box Area, int Pixels, Box Bounds);

/// <summary>
/// One panel as rendered: its area in the image, its data area, its legend box (null without a legend) and whether it
/// sits outside the data area, how many entries the legend lists, every plotted point — markers, points every 2 px
/// along drawn lines, heatmap cells — in image pixels, and its axes as a reader reads them (labels, x tick labels).
/// </summary>
public sealed record PanelLayout(string? Title, Box Area, Box Data, Box? Legend, bool LegendOutside, int LegendEntries,
    IReadOnlyList<(float X, float Y)> Points, string XLabel, string YLabel, IReadOnlyList<string> XTickLabels);

/// <summary>
/// A rendered figure as measured: the image size, the title's lines and font size, each panel's layout, and the ink
/// each element put outside its area (rendered alone onto a canvas larger than the image, so that nothing drawn is
/// cut off before it is counted). <see cref="Defects"/> says what a reader would see wrong.
/// </summary>
public sealed record FigureLayout(int Width, int Height, IReadOnlyList<string> TitleLines, float TitleFontSize,
    IReadOnlyList<PanelLayout> Panels, IReadOnlyList<InkOutside> Outside)
{
    /// <summary>Stray pixels tolerated outside an area: anti-aliasing at its edge, not text.</summary>
    public const int InkTolerance = 0;

    /// <summary>
    /// Text or lines clipped (drawn outside the image, or outside the element's own area — into the title or another
    /// panel), a legend covering a plotted point, a legend outside the image, more legend entries than a reader can
    /// match (<see cref="Claims.Figure.MaxLegendEntries"/>). Empty for a figure a reader can trust at a glance.
    /// </summary>
    public IReadOnlyList<string> Defects()
    {
        var image = new Box(0, 0, Width, Height);
        var defects = new List<string>();
        foreach (var o in Outside.Where(o => o.Pixels > InkTolerance))
            defects.Add($"{o.Element}: {o.Pixels} px drawn outside its area {o.Area} (ink reaches {o.Bounds}): clipped or spilling");
        foreach (var p in Panels)
        {
            var name = p.Title is null ? "plot" : $"panel '{p.Title}'";
            if (p.LegendEntries > Claims.Figure.MaxLegendEntries)
                defects.Add($"{name}: {p.LegendEntries} legend entries (at most {Claims.Figure.MaxLegendEntries}): split the figure into panels");
            if (p.Legend is not { } legend) continue;
            if (!legend.Within(image)) defects.Add($"{name}: legend {legend} runs outside the image {image}");
            var covered = p.Points.Where(pt => legend.Contains(pt.X, pt.Y)).ToList();
            if (covered.Count > 0)
                defects.Add($"{name}: legend {legend} covers {covered.Count} plotted point(s), e.g. ({covered[0].X:F0}, {covered[0].Y:F0})");
        }
        return defects;
    }
}
