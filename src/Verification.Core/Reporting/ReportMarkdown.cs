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
        if (r.Measured.Count > 0)
        {
            md.AppendLine("| quantity | measured | reference | tolerance |").AppendLine("|---|---|---|---|");
            foreach (var (k, v) in r.Measured)
                md.AppendLine($"| {k} | {Significant.Format(v, 6)} | {Cell(r.Reference, k)} | {Cell(r.Tolerance, k)} |");
            md.AppendLine();
        }
        if (r.NegativeControl is { } c)
            md.AppendLine($"**{(r.Recorded == "refuted" ? "Positive" : "Negative")} control:** {c.Description} → {c.Verdict}: {c.Reason}").AppendLine();
        foreach (var f in r.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            md.AppendLine($"![{f}]({f})").AppendLine();
        var csv = r.Files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        if (csv.Count > 0) md.AppendLine("Raw data: " + string.Join(", ", csv.Select(f => $"[{f}]({f})"))).AppendLine();
    }

    private static string Cell(IReadOnlyDictionary<string, double> map, string key) =>
        map.TryGetValue(key, out var v) ? Significant.Format(v, 6) : "";
}
