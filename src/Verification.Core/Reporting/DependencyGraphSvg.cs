using System.Globalization;
using System.Net;
using System.Text;

namespace Verification.Core.Reporting;

/// <summary>
/// The dependency graph of one paper's claims as inline SVG, drawn here (no script, no network): claims in columns
/// by depth (a claim stands one column right of the deepest claim it rests on), an arrow from each dependency to the
/// claim resting on it, each box coloured by status. Claims of other papers that a claim rests on are drawn dashed.
/// </summary>
public static class DependencyGraphSvg
{
    private const int BoxWidth = 330, BoxHeight = 30, ColumnGap = 70, RowGap = 12, Pad = 10;

    /// <summary>Node colours: fill, stroke, by status.</summary>
    public static (string Fill, string Stroke) Colours(string status) => status switch
    {
        "as-recorded" => ("#e6f4ea", "#1e7e34"),
        "not-as-recorded" => ("#fde8e8", "#c62828"),
        "rests-on-refuted" => ("#fff4e0", "#d9822b"),
        _ => ("#f1f3f5", "#868e96"),
    };

    /// <summary>The SVG, or null when no claim among <paramref name="ids"/> declares a dependency.</summary>
    public static string? Render(IReadOnlyList<string> ids, ClaimDependencies deps, string key = "g")
    {
        var edges = deps.Edges(ids);
        if (edges.Count == 0) return null;
        var nodes = ids.Concat(edges.Select(e => e.On)).Distinct().ToList();
        var external = nodes.Where(n => !ids.Contains(n)).ToHashSet();
        var depth = new Dictionary<string, int>();
        int Depth(string id, int guard)
        {
            if (depth.TryGetValue(id, out var d)) return d;
            if (guard > nodes.Count) return 0; // cycle: drawn flat rather than looping
            var ons = edges.Where(e => e.Claim == id).Select(e => e.On).ToList();
            return depth[id] = ons.Count == 0 ? 0 : 1 + ons.Max(o => Depth(o, guard + 1));
        }
        foreach (var n in nodes) Depth(n, 0);
        var columns = nodes.GroupBy(n => depth[n]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var at = new Dictionary<string, (double X, double Y)>();
        for (int c = 0; c < columns.Count; c++)
            for (int r = 0; r < columns[c].Count; r++)
                at[columns[c][r]] = (Pad + c * (BoxWidth + ColumnGap), Pad + r * (BoxHeight + RowGap));
        int width = Pad * 2 + columns.Count * BoxWidth + (columns.Count - 1) * ColumnGap;
        int height = Pad * 2 + columns.Max(c => c.Count) * (BoxHeight + RowGap) - RowGap;

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dep-graph\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"claim dependency graph\">"));
        svg.Append($"<defs><marker id=\"arrow-{key}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#495057\"/></marker></defs>");
        foreach (var e in edges)
        {
            var (x1, y1) = at[e.On];
            var (x2, y2) = at[e.Claim];
            double sx = x1 + BoxWidth, sy = y1 + BoxHeight / 2.0, tx = x2, ty = y2 + BoxHeight / 2.0, mx = (sx + tx) / 2;
            var colour = e.State == DependencyState.NotAsRecorded ? "#c62828" : "#495057";
            svg.Append(Inv($"<path d=\"M{sx:F1},{sy:F1} C{mx:F1},{sy:F1} {mx:F1},{ty:F1} {tx:F1},{ty:F1}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" marker-end=\"url(#arrow-{key})\"><title>{Esc(e.Claim)} rests on {Esc(e.On)}</title></path>"));
        }
        foreach (var n in nodes)
        {
            var (x, y) = at[n];
            var status = Status(n, deps);
            var (fill, stroke) = Colours(status);
            var dash = external.Contains(n) ? " stroke-dasharray=\"4 3\"" : "";
            var label = n.Length > 43 ? n[..42] + "…" : n; // 7.2 px a character at 12 px monospace
            svg.Append(Inv($"<g><title>{Esc(n)}: {Esc(status.Replace('-', ' '))}</title><rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"5\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>"));
            svg.Append(Inv($"<text x=\"{x + 8:F1}\" y=\"{y + BoxHeight / 2.0 + 4:F1}\" font-family=\"ui-monospace, Menlo, Consolas, monospace\" font-size=\"12\" fill=\"#212529\">{Esc(label)}</text></g>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>as-recorded, not-as-recorded, rests-on-refuted or not-run.</summary>
    public static string Status(string id, ClaimDependencies deps) => deps.StateOf(id) switch
    {
        DependencyState.NotAsRecorded => "not-as-recorded",
        DependencyState.NotRun => "not-run",
        _ => deps.RestsOnRefuted(id) ? "rests-on-refuted" : "as-recorded",
    };

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
