using System.Text.RegularExpressions;
using ScottPlot;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// A panel's legend: what it lists and where it goes. It lists every series but the reference lines (those are
/// labelled where they are drawn); beyond <see cref="Figure.MaxLegendEntries"/> entries the series of one group share
/// one entry ("tied seed 0–9", or the group's name). It goes into the first corner of the data area where it covers
/// no plotted point, line or label — measured in pixels on the rendered plot — and otherwise outside the data area:
/// right of it for a single plot, below it for a panel of small multiples (where width is scarce).
/// </summary>
internal static partial class FigureLegend
{
    /// <summary>Inside positions tried, in order: the corners first, then the middles of the edges.</summary>
    public static readonly Alignment[] Candidates =
    [
        Alignment.UpperRight, Alignment.UpperLeft, Alignment.LowerRight, Alignment.LowerLeft,
        Alignment.UpperCenter, Alignment.LowerCenter, Alignment.MiddleRight, Alignment.MiddleLeft,
    ];

    /// <summary>Pixels kept clear around the legend box.</summary>
    public const float Clearance = 4;

    public sealed record Entry(string Label, int First, int Count);

    /// <summary>
    /// The entries of the series <paramref name="members"/> (indices into the figure's series) in the panel
    /// <paramref name="panel"/>, whose title a series' name need not repeat ("SNIP after" reads "after" under "SNIP").
    /// </summary>
    public static IReadOnlyList<Entry> Entries(Figure figure, IReadOnlyList<int> members, string? panel = null)
    {
        string Label(Series s) => panel is not null && s.Name.StartsWith(panel + " ", StringComparison.Ordinal) ? s.Name[(panel.Length + 1)..] : s.Name;
        var listed = members.Where(i => !FigureStyle.IsReferenceLine(figure.Series[i])).ToList();
        var single = listed.Select(i => new Entry(Label(figure.Series[i]), i, 1)).ToList();
        if (single.Count <= Figure.MaxLegendEntries) return single;
        return [.. listed.GroupBy(i => figure.Series[i].Group ?? "\0" + i)
            .Select(g => g.Count() == 1
                ? new Entry(Label(figure.Series[g.First()]), g.First(), 1)
                : new Entry(GroupLabel(g.Key, [.. g.Select(i => figure.Series[i].Name)]), g.First(), g.Count()))];
    }

    /// <summary>
    /// One label for several series: where the names differ only in one whole number (the seeds of an arm) the shared
    /// text with the range ("tied seed 0–9"), else the group's name.
    /// </summary>
    public static string GroupLabel(string group, IReadOnlyList<string> names)
    {
        // Names split into text and whole numbers ("tied seed ", "3", ""): alike but for one number → a range.
        var tokens = names.Select(n => Number().Split(n)).ToList();
        if (tokens.All(t => t.Length == tokens[0].Length))
        {
            var differing = Enumerable.Range(0, tokens[0].Length).Where(k => tokens.Any(t => t[k] != tokens[0][k])).ToList();
            if (differing is [var at] && at % 2 == 1)
            {
                var values = tokens.Select(t => long.Parse(t[at], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
                bool run = values.Zip(values.Skip(1)).All(p => p.Second == p.First + 1);
                var shared = (string[])tokens[0].Clone();
                shared[at] = run ? $"{values[0]}–{values[^1]}" : string.Join(",", values);
                return string.Concat(shared);
            }
        }
        return group;
    }

    /// <summary>The first inside position whose box (with <see cref="Clearance"/>) holds none of <paramref name="obstacles"/>, or null.</summary>
    public static Alignment? Place(Plot plot, IReadOnlyList<Pixel> obstacles, IReadOnlyList<PixelRect> boxes)
    {
        foreach (var where in Candidates)
        {
            var rect = InsideRect(plot, where).Expand(Clearance);
            if (!obstacles.Any(p => Contains(rect, p)) && !boxes.Any(b => Overlaps(rect, b))) return where;
        }
        return null;
    }

    /// <summary>The legend's box inside the data area at <paramref name="where"/>, as ScottPlot's legend lays it out.</summary>
    public static PixelRect InsideRect(Plot plot, Alignment where)
    {
        using var paint = Paint.NewDisposablePaint();
        var area = plot.RenderManager.LastRender.DataRect.Contract(plot.Legend.Margin);
        return plot.Legend.GetLayout(area.Size, paint).LegendRect.AlignedInside(area, where);
    }

    /// <summary>The legend's box in its panel outside the data area, as ScottPlot's legend panel lays it out.</summary>
    public static PixelRect OutsideRect(Plot plot, ScottPlot.Panels.LegendPanel panel)
    {
        using var paint = Paint.NewDisposablePaint();
        var last = plot.RenderManager.LastRender;
        var rect = panel.GetPanelRect(last.DataRect, last.Layout.PanelSizes[panel], last.Layout.PanelOffsets[panel], paint);
        return plot.Legend.GetLayout(rect.Size, paint).LegendRect.AlignedInside(rect, panel.Alignment);
    }

    public static bool Contains(PixelRect r, Pixel p) => p.X >= r.Left && p.X <= r.Right && p.Y >= r.Top && p.Y <= r.Bottom;

    public static bool Overlaps(PixelRect a, PixelRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    [GeneratedRegex(@"(\d+)")]
    private static partial Regex Number();
}
