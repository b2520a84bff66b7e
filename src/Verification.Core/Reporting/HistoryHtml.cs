using System.Globalization;
using System.Net;
using System.Text;
using Verification.Core.Numerics;

namespace Verification.Core.Reporting;

/// <summary>
/// <c>verify history --format html</c>: one self-contained page (inline CSS and SVG, no script, nothing fetched) with,
/// per claim, a small plot of how much of its tolerance each check used in each run, the table of
/// <see cref="HistoryReport"/> and the changes from run to run. The plot's y axis is shared by all checks of a claim:
/// 0 = the expected value exactly, 1 = the edge of the tolerance, above 1 failing (<see cref="ToleranceUsed"/>).
/// </summary>
public static class HistoryHtml
{
    private const int Width = 360, Height = 140, Left = 34, Right = 10, Top = 10, Bottom = 28;
    private const double Ceiling = 2;   // the plot's top: a check beyond twice its tolerance is drawn there

    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static string Render(IReadOnlyList<RecordedRun> runs, IReadOnlyList<ClaimHistory> histories)
    {
        var h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>verify history</title>\n<style>\n")
            .Append(Css).Append("</style>\n</head>\n<body>\n<h1>verify history</h1>\n")
            .Append($"<p>{E(HistoryReport.Headline(runs, histories))}</p>\n<h2>Runs, oldest first</h2>\n").Append(Table(HistoryReport.RunRows(runs), escape: true));
        foreach (var c in histories)
        {
            h.Append($"<section id=\"{E(c.Key)}-{E(c.Scale)}\">\n<h2><code>{E(c.Key)}</code> ({E(c.Scale)})</h2>\n");
            if (c.Flags.Count > 0)
                h.Append("<ul class=\"flags\">\n").Append(string.Concat(c.Flags.Select(f => $"<li>{E(HistoryReport.Describe(c, f, x => x))}</li>\n"))).Append("</ul>\n");
            h.Append(Plot(c));
            h.Append(Table(HistoryReport.Rows(c, t => $"<strong class=\"flag\">{E(t)}</strong>", n => Swatch(c, n) + $"<code>{E(n)}</code>", E), escape: false));
            h.Append("</section>\n");
        }
        return h.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>
    /// How much of its tolerance a check used: |m − e| / bound for a two-sided tolerance (0 exact, 1 at the edge);
    /// m / (e + slack) for an upper bound and (e − slack) / m for a lower bound, where those are ratios of positive
    /// numbers; null where no such share is defined (a structural fact, a bound at or below 0). Clamped to [0, 2].
    /// </summary>
    public static double? ToleranceUsed(CheckRecord c)
    {
        double m = c.Measured, e = c.Expected, s = c.Tolerance.Value;
        double? used = c.Tolerance.Kind switch
        {
            ToleranceKind.IsTrue => null,
            _ when double.IsNaN(m) => Ceiling,
            ToleranceKind.Absolute or ToleranceKind.Relative => c.Tolerance.ToTolerance().Bound(e) is var b && b > 0
                ? Math.Abs(m - e) / b : m == e ? 0 : Ceiling,
            ToleranceKind.AtMost => e + s > 0 && m >= 0 ? m / (e + s) : null,
            ToleranceKind.AtLeast => e - s > 0 ? (m > 0 ? (e - s) / m : Ceiling) : null,
            _ => null,
        };
        return used is { } u ? Math.Clamp(double.IsFinite(u) ? u : Ceiling, 0, Ceiling) : null;
    }

    private static string Plot(ClaimHistory c)
    {
        int n = c.Points.Count;
        double X(int i) => n == 1 ? Left + (Width - Left - Right) / 2.0 : Left + i * (Width - Left - Right) / (double)(n - 1);
        double Y(double used) => Top + (1 - used / Ceiling) * (Height - Top - Bottom);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new StringBuilder($"<svg class=\"plot\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" " +
            $"aria-label=\"share of the tolerance used per check and run\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        svg.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n");
        foreach (var (v, label) in new[] { (0.0, "0"), (1.0, "1"), (Ceiling, "≥2") })
            svg.Append($"<text x=\"{Left - 4}\" y=\"{F(Y(v) + 3)}\" text-anchor=\"end\">{label}</text>\n");
        svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(1))}\" y2=\"{F(Y(1))}\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"><title>edge of the tolerance</title></line>\n");
        int every = Math.Max(1, (int)Math.Ceiling(n / 6.0));
        for (int i = 0; i < n; i += every)
            svg.Append($"<text x=\"{F(X(i))}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\">{E(c.Points[i].Run.Commit)}</text>\n");
        for (int k = 0; k < c.CheckNames.Count; k++)
        {
            var name = c.CheckNames[k];
            var points = Enumerable.Range(0, n).Select(i => (i, used: c.CheckAt(i, name) is { } r ? ToleranceUsed(r) : null))
                .Where(p => p.used is not null).Select(p => (x: X(p.i), y: Y(p.used!.Value))).ToList();
            if (points.Count == 0) continue;
            var color = Palette[k % Palette.Length];
            svg.Append($"<g stroke=\"{color}\" fill=\"{color}\"><title>{E(name)}</title>");
            if (points.Count > 1)
                svg.Append($"<polyline fill=\"none\" points=\"{string.Join(' ', points.Select(p => $"{F(p.x)},{F(p.y)}"))}\"/>");
            svg.Append(string.Concat(points.Select(p => $"<circle cx=\"{F(p.x)}\" cy=\"{F(p.y)}\" r=\"2.5\"/>"))).Append("</g>\n");
        }
        return svg.Append("</svg>\n<p class=\"caption\">Share of its tolerance each check used per run (0 exact, 1 at the edge, above 1 failing; structural checks and one-sided bounds at or below 0 are not drawn). Colours as in the table.</p>\n").ToString();
    }

    private static string Swatch(ClaimHistory c, string name)
    {
        int k = c.CheckNames.ToList().IndexOf(name);
        bool drawn = Enumerable.Range(0, c.Points.Count).Any(i => c.CheckAt(i, name) is { } r && ToleranceUsed(r) is not null);
        return drawn ? $"<span class=\"sw\" style=\"background:{Palette[k % Palette.Length]}\"></span>" : "<span class=\"sw\"></span>";
    }

    /// <summary>A table whose first row is the header; <paramref name="escape"/>: the cells are text, else already HTML.</summary>
    private static string Table(IReadOnlyList<IReadOnlyList<string>> rows, bool escape)
    {
        var t = new StringBuilder("<table>\n");
        for (int i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Select(cell => escape ? E(cell) : cell).ToList();
            string tag = i == 0 ? "th" : "td";
            t.Append("<tr>").Append(string.Concat(cells.Select(cell => $"<{tag}>{cell}</{tag}>"))).Append("</tr>\n");
        }
        return t.Append("</table>\n").ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; color: #222; }
        table { border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }
        th, td { border: 1px solid #ddd; padding: .2em .5em; text-align: left; font-variant-numeric: tabular-nums; }
        th { background: #f3f3f3; }
        section { border-top: 1px solid #ccc; margin-top: 1.5em; }
        .flag { color: #b00; }
        .flags { color: #b00; }
        .sw { display: inline-block; width: .8em; height: .8em; margin-right: .4em; vertical-align: middle; }
        svg.plot text { font-size: 9px; fill: #555; }
        svg.plot polyline { stroke-width: 1.5; }
        .caption { font-size: .8em; color: #666; margin-top: 0; }

        """;
}
