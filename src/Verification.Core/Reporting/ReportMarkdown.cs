using System.Text;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// <c>report.md</c>: the totals, a summary table, then one section per paper with each claim's evidence and figures.
/// All text goes through <see cref="ReportText"/>: real Unicode, one number format, one spelling per verdict, escaped
/// table cells. Each part of a claim's section is its own method, so a new part (a table of checks) is one more call.
/// </summary>
public static class ReportMarkdown
{
    public static string Render(RunInfo run, IReadOnlyList<ClaimRecord> records)
    {
        var md = new StringBuilder();
        md.AppendLine("# Verification report").AppendLine();
        md.AppendLine($"Scale `{run.Scale.ToString().ToLowerInvariant()}`, seed(s) {string.Join(", ", run.Seeds)}, device `{run.Device}`, code `{run.CodeVersion}`.").AppendLine();
        md.AppendLine($"**{ReportText.Totals(records)}.**").AppendLine();
        if (ReportText.NotRunLine(records, run.Scale.ToString().ToLowerInvariant()) is { } notRun) md.AppendLine(notRun).AppendLine();
        SummaryTable(md, records);
        md.Append(PublishMarkdown.OverSeeds(run, records));

        foreach (var group in records.GroupBy(r => r.Paper))
        {
            var first = group.First();
            md.AppendLine($"## {first.Paper}: {first.PaperTitle}").AppendLine();
            md.AppendLine($"arXiv:{first.Arxiv} (`{first.Citation}`)").AppendLine();
            foreach (var r in group)
            {
                Section(md, r);
                md.Append(PublishMarkdown.ClaimExtras(run, records, r));
            }
        }
        return md.Append(PublishMarkdown.Footer(run)).ToString();
    }

    private static void SummaryTable(StringBuilder md, IReadOnlyList<ClaimRecord> records)
    {
        md.AppendLine("| claim | seed | verdict | control |").AppendLine("|---|---|---|---|");
        foreach (var r in records)
            md.AppendLine($"| `{ReportText.Cell(r.Id)}` | {r.Seed} | {ReportText.Cell(ReportText.Verdict(r))} | {ControlCell(r)} |");
        md.AppendLine();
    }

    private static string ControlCell(ClaimRecord r) =>
        r.NegativeControl is { } c ? $"{(r.Recorded == Verdict.Refuted ? "positive" : "negative")}: {ReportText.Verdict(c.Verdict)}" : "—";

    private static void Section(StringBuilder md, ClaimRecord r)
    {
        md.AppendLine($"### `{r.Id}` (seed {r.Seed}) — {ReportText.Verdict(r)}").AppendLine();
        md.AppendLine($"> {r.Statement} ({r.Section})").AppendLine();
        md.AppendLine($"**Why:** {ReportText.Prose(r.Reason)}").AppendLine();
        if (r.Recorded == Verdict.Refuted)
            md.AppendLine("**Recorded finding:** this paper statement does not reproduce at our scale; the control below is a positive control (a construction for which the same check holds).").AppendLine();
        Parameters(md, r);
        Checks(md, r);
        Measurements(md, r);
        Control(md, r);
        Files(md, r);
    }

    private static void Parameters(StringBuilder md, ClaimRecord r)
    {
        if (r.Parameters.Count == 0) return;
        md.AppendLine("**Parameters:** " + string.Join("; ", r.Parameters.Select(kv => $"{kv.Key} = {ReportText.Parameter(kv.Value)}"))).AppendLine();
    }

    /// <summary>The comparisons that decided the verdict, exactly as results.json lists them.</summary>
    private static void Checks(StringBuilder md, ClaimRecord r)
    {
        if (r.Checks.Count == 0) return;
        md.AppendLine("| check | measured | expected | tolerance | passed |").AppendLine("|---|---|---|---|---|");
        foreach (var c in r.Checks)
            md.AppendLine($"| {ReportText.Cell(ReportText.CheckName(c))} | {ReportText.Cell(ReportText.MeasuredOf(c))} | {ReportText.Cell(ReportText.Expected(c))} | " +
                          $"{ReportText.Cell(ReportText.ToleranceOf(c))} | {(c.Passed ? "yes" : "**no**")} |");
        md.AppendLine();
    }

    /// <summary>Measurements that are not checks: reported, never deciding.</summary>
    private static void Measurements(StringBuilder md, ClaimRecord r)
    {
        var plain = r.Measured.Where(kv => r.Checks.All(c => c.Name != kv.Key)).ToList();
        if (plain.Count == 0) return;
        md.AppendLine("| measured (not a check) | value |").AppendLine("|---|---|");
        foreach (var (k, v) in plain) md.AppendLine($"| {ReportText.Cell(k)} | {Significant.Text(v)} |");
        md.AppendLine();
    }

    private static void Control(StringBuilder md, ClaimRecord r)
    {
        if (r.NegativeControl is not { } c) return;
        md.AppendLine($"**{ReportText.ControlLabel(r)}:** {ReportText.ControlDescription(c.Description)} → {ReportText.Verdict(c.Verdict)}: {ReportText.Prose(c.Reason)}").AppendLine();
    }

    private static void Files(StringBuilder md, ClaimRecord r)
    {
        foreach (var f in r.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            md.AppendLine($"![{f}]({f})").AppendLine();
            if (r.Captions?.GetValueOrDefault(f) is { } caption) md.AppendLine($"*{caption}*").AppendLine();
        }
        var csv = r.Files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        if (csv.Count > 0) md.AppendLine("Raw data: " + string.Join(", ", csv.Select(f => $"[{f}]({f})"))).AppendLine();
    }
}
