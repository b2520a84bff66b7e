using System.Text;

namespace Verification.Core.Reporting;

/// <summary><c>report.md</c>: a summary table, then one section per paper with each claim's evidence and figures.</summary>
public static class ReportMarkdown
{
    public static string Render(RunInfo run, IReadOnlyList<ClaimRecord> records)
    {
        var md = new StringBuilder();
        md.AppendLine("# Verification report").AppendLine();
        md.AppendLine($"Scale `{run.Scale.ToString().ToLowerInvariant()}`, seed(s) {string.Join(", ", run.Seeds)}, device `{run.Device}`, code `{run.CodeVersion}`.").AppendLine();
        md.AppendLine($"**{Count(records, "holds")} hold, {Count(records, "refuted")} refuted, {Count(records, "inconclusive")} inconclusive, {Count(records, "not-run")} not run.**").AppendLine();
        md.AppendLine("| claim | seed | verdict | recorded | control |").AppendLine("|---|---|---|---|---|");
        foreach (var r in records)
            md.AppendLine($"| `{r.Id}` | {r.Seed} | {r.Verdict} | {r.Recorded}{(r.Recorded == "refuted" ? " (finding)" : "")} | {r.NegativeControl?.Verdict ?? "—"} |");
        md.AppendLine();

        foreach (var group in records.GroupBy(r => r.Paper))
        {
            var first = group.First();
            md.AppendLine($"## {first.Paper}: {first.PaperTitle}").AppendLine();
            md.AppendLine($"arXiv:{first.Arxiv} (`{first.Citation}`)").AppendLine();
            foreach (var r in group) Section(md, r);
        }
        return md.ToString();
    }

    private static int Count(IReadOnlyList<ClaimRecord> records, string verdict) => records.Count(r => r.Verdict == verdict);

    private static void Section(StringBuilder md, ClaimRecord r)
    {
        md.AppendLine($"### `{r.Id}` (seed {r.Seed}) — {r.Verdict}").AppendLine();
        md.AppendLine($"> {r.Statement} ({r.Section})").AppendLine();
        md.AppendLine($"**Why:** {r.Reason}").AppendLine();
        if (r.Recorded == "refuted")
            md.AppendLine("**Recorded finding:** this paper statement does not reproduce at our scale; the control below is a positive control (a construction for which the same check holds).").AppendLine();
        if (r.Parameters.Count > 0)
            md.AppendLine("**Parameters:** " + string.Join(", ", r.Parameters.Select(kv => $"{kv.Key} = {kv.Value.GetRawText().Trim('"')}"))).AppendLine();
        if (r.Checks.Count > 0)
        {
            md.AppendLine("| check | measured | expected | tolerance | passed |").AppendLine("|---|---|---|---|---|");
            foreach (var check in r.Checks)
                md.AppendLine(check.Kind == "true"
                    ? $"| {check.Name} | {(check.Passed ? "true" : "false")} | true | {check.Detail ?? ""} | {(check.Passed ? "yes" : "**no**")} |"
                    : $"| {check.Name} | {Significant.Format(check.Measured, 6)} | {Significant.Format(check.Expected, 6)} | {ToleranceText(check)} | {(check.Passed ? "yes" : "**no**")} |");
            md.AppendLine();
        }
        var plain = r.Measured.Where(kv => r.Checks.All(c => c.Name != kv.Key)).ToList();
        if (plain.Count > 0)
        {
            md.AppendLine("| quantity | measured |").AppendLine("|---|---|");
            foreach (var (k, v) in plain) md.AppendLine($"| {k} | {Significant.Format(v, 6)} |");
            md.AppendLine();
        }
        if (r.NegativeControl is { } c)
            md.AppendLine($"**{(r.Recorded == "refuted" ? "Positive" : "Negative")} control:** {c.Description} → {c.Verdict}: {c.Reason}").AppendLine();
        foreach (var f in r.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            md.AppendLine($"![{f}]({f})").AppendLine();
        var csv = r.Files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        if (csv.Count > 0) md.AppendLine("Raw data: " + string.Join(", ", csv.Select(f => $"[{f}]({f})"))).AppendLine();
    }

    private static string ToleranceText(CheckRecord c) => c.Kind switch
    {
        "absolute" => $"± {Significant.Format(c.Tolerance, 3)}",
        "relative" => $"rel {Significant.Format(c.Tolerance, 3)}" + (c.Floor is { } f ? $" (floor {Significant.Format(f, 3)})" : ""),
        "at-most" => c.Tolerance != 0 ? $"≤ (slack {Significant.Format(c.Tolerance, 3)})" : "≤",
        "at-least" => c.Tolerance != 0 ? $"≥ (slack {Significant.Format(c.Tolerance, 3)})" : "≥",
        _ => c.Kind,
    };
}
