using System.Text;

namespace Verification.Core.Reporting;

/// <summary>
/// The parts of report.md about publishing a run: the aggregate over seeds (in the summary), each claim's
/// dependencies and replay line, and the provenance footer. <see cref="ReportMarkdown"/> calls these.
/// </summary>
public static class PublishMarkdown
{
    /// <summary>The "over seeds" table of a multi-seed run (empty for a single seed).</summary>
    public static string OverSeeds(RunInfo run, IReadOnlyList<ClaimRecord> records)
    {
        if (records.Select(r => r.Seed).Distinct().Count() < 2) return "";
        var md = new StringBuilder("### Over seeds\n\n");
        md.Append("| claim | verdict per seed | as recorded | Wilson 95% | needs | over seeds |\n|---|---|---|---|---|---|\n");
        var aggregates = SeedAggregate.Of(records, run.Claims);
        foreach (var a in aggregates)
            md.Append($"| `{Cell(a.Id)}` | {string.Join(", ", a.PerSeed.Select(s => $"{s.Seed}: {ReportText.Verdict(s.Verdict)}"))} | {a.K} of {a.N} | {a.Interval} | {a.Needed} | {(a.AsRecorded ? "as recorded" : "**not as recorded**")} |\n");
        md.Append('\n');
        var varying = aggregates.Where(a => a.Varying.Count > 0).ToList();
        if (varying.Count > 0)
        {
            md.Append("Measurements that vary with the seed (mean ± sd, range; every one is in report.html):\n\n");
            foreach (var a in varying)
            {
                md.Append($"- `{Cell(a.Id)}`: ");
                md.Append(string.Join("; ", a.Varying.Take(4).Select(m => $"{m.Name} = {m.Describe()}")));
                if (a.Varying.Count > 4) md.Append($"; and {a.Varying.Count - 4} more");
                md.Append('\n');
            }
            md.Append('\n');
        }
        return md.ToString();
    }

    /// <summary>What a claim's section adds: what it rests on (and whether that was refuted), and its replay line.</summary>
    public static string ClaimExtras(RunInfo run, IReadOnlyList<ClaimRecord> records, ClaimRecord r)
    {
        var md = new StringBuilder();
        var deps = new ClaimDependencies(records, run.Claims);
        var direct = deps.Of(r.Id);
        if (direct.Count > 0)
        {
            var refuted = deps.RefutedBelow(r.Id);
            if (refuted.Count > 0)
                md.Append($"**Rests on a refuted claim:** {string.Join(", ", refuted.Select(d => $"`{d}`"))} did not reach its recorded verdict.\n\n");
            md.Append("**Rests on:** ").Append(string.Join(", ", direct.Select(d => $"`{d.On}` ({d.Verdicts})"))).Append("\n\n");
        }
        if (!r.AsRecorded)
            md.Append($"**Replay** (recorded: {ReportText.Verdict(r.Recorded)}):\n\n```\n{Replay.Command(r)}\n```\n\n");
        return md.ToString();
    }

    /// <summary>The provenance footer (empty when the run has none).</summary>
    public static string Footer(RunInfo run) => run.Provenance is { } p ? "\n" + p.Markdown() : "";

    /// <summary>The marker before which a report.md is the same for the same seed on any machine.</summary>
    public const string FooterMarker = "\n---\n\n**Provenance**";

    private static string Cell(string s) => ReportText.Cell(s);
}
