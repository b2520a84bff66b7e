using System.Globalization;
using System.Text;

namespace Verification.Core.Reporting;

/// <summary>
/// <c>verify history</c> as text (the terminal) and Markdown (a pull request): the runs read, oldest first, then per
/// claim a table with one column per run — commit, verdict, control, each check's measured value — and the changes
/// from one run to the next (<see cref="ClaimHistory.Flags"/>). A flagged cell is marked <c>*</c> (bold in Markdown).
/// </summary>
public static class HistoryReport
{
    public static string Headline(IReadOnlyList<RecordedRun> runs, IReadOnlyList<ClaimHistory> histories)
    {
        var flags = histories.SelectMany(h => h.Flags).ToList();
        var counts = flags.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.First().KindName}: {g.Count()}").ToList();
        return $"{runs.Count} run{(runs.Count == 1 ? "" : "s")} at {runs.Select(r => r.Commit).Distinct().Count()} commit(s), " +
               $"{histories.Count} claim histor{(histories.Count == 1 ? "y" : "ies")}; " +
               (counts.Count == 0 ? "no change beyond tolerance" : string.Join(", ", counts));
    }

    /// <summary>When the run started, or why that is unknown.</summary>
    public static string Started(RecordedRun r) =>
        r.StartedAt is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
        : r.Finished ? "unknown" : "stopped run (no start recorded)";

    public static IReadOnlyList<IReadOnlyList<string>> RunRows(IReadOnlyList<RecordedRun> runs) =>
    [
        ["run", "scale", "commit", "started", "claims"],
        .. runs.Select(r => (IReadOnlyList<string>)[r.Label, r.Scale, r.Commit, Started(r), r.Claims.Count.ToString(CultureInfo.InvariantCulture)]),
    ];

    /// <summary>The rows of one claim's table: a header of run labels, then commit, verdict, control and one row per check.</summary>
    /// <param name="mark">a flagged cell's text</param>
    /// <param name="name">a check name's text</param>
    /// <param name="plain">any other cell's text</param>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(ClaimHistory h, Func<string, string> mark, Func<string, string> name, Func<string, string> plain)
    {
        var n = h.Points.Count;
        IReadOnlyList<string> Row(string label, Func<int, string> cell) => [label, .. Enumerable.Range(0, n).Select(cell)];
        string Marked(string text, bool flagged) => flagged ? mark(text) : plain(text);
        var rows = new List<IReadOnlyList<string>>
        {
            Row("run", i => plain(h.Points[i].Run.Label)),
            Row("commit", i => plain(h.Points[i].Run.Commit)),
            Row("verdict", i => Marked(ReportText.Verdict(h.Points[i].Record), h.IsFlagged(i, HistoryFlagKind.Verdict))),
            Row("control", i => Marked(h.Points[i].Record.NegativeControl is { } c ? ReportText.Verdict(c.Verdict) : "—",
                h.IsFlagged(i, HistoryFlagKind.Control))),
        };
        foreach (var check in h.CheckNames)
            rows.Add(Row(name(check), i => Marked(ClaimHistory.Value(h.CheckAt(i, check)),
                h.IsFlagged(i, HistoryFlagKind.Moved, check) || h.IsFlagged(i, HistoryFlagKind.Check, check))));
        return rows;
    }

    /// <summary>"verdict changed at c-6c05623 (6c05623): inconclusive → holds".</summary>
    public static string Describe(ClaimHistory h, HistoryFlag f, Func<string, string> code)
    {
        var run = h.Points[f.At].Run;
        var what = f.Kind is HistoryFlagKind.Moved or HistoryFlagKind.Check ? $" {code(f.What)}" : "";
        return $"{f.KindName}{what} at {code(run.Label)} ({run.Commit}): {f.Before} → {f.After}{(f.Note.Length > 0 ? $" ({f.Note})" : "")}";
    }

    public static string Text(IReadOnlyList<RecordedRun> runs, IReadOnlyList<ClaimHistory> histories)
    {
        var w = new StringBuilder($"verify history: {Headline(runs, histories)}\n\nRuns, oldest first\n");
        w.Append(TextTable.Text(RunRows(runs)));
        foreach (var h in histories)
        {
            w.Append($"\n{h.Key} ({h.Scale})\n");
            w.Append(TextTable.Text(Rows(h, t => t + " *", c => c, c => c)));
            foreach (var f in h.Flags) w.Append($"  * {Describe(h, f, c => c)}\n");
        }
        return w.ToString();
    }

    public static string Markdown(IReadOnlyList<RecordedRun> runs, IReadOnlyList<ClaimHistory> histories)
    {
        var md = new StringBuilder($"**verify history**: {Headline(runs, histories)}\n\nRuns, oldest first:\n\n");
        md.Append(TextTable.Markdown(RunRows(runs)));
        foreach (var h in histories)
        {
            md.Append($"\n### `{h.Key}` ({h.Scale})\n\n");
            md.Append(TextTable.Markdown(Rows(h, t => $"**{ReportText.Cell(t)}**", c => $"`{ReportText.Cell(c)}`", ReportText.Cell), raw: true));
            if (h.Flags.Count > 0) md.Append('\n');
            foreach (var f in h.Flags) md.Append($"- {Describe(h, f, c => $"`{c}`")}\n");
        }
        return md.ToString();
    }
}
