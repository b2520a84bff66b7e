using System.Text;
using Verification.Core.Claims;
using Verification.Core.IO;

namespace Verification.Core.Reporting;

/// <summary>
/// Writes a run's output folder: <c>report.md</c> (one section per paper), the PNG figures with the CSV of their
/// series, the claims' tables as CSV, <c>results.json</c> and <c>timings.json</c>. Everything is first written into
/// a hidden staging folder beside the target and then moved in, so an interrupted run leaves no half-written report.
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the report into <paramref name="outDir"/>; returns the files written (relative names).</summary>
    public static IReadOnlyList<string> Write(string outDir, RunInfo run, IReadOnlyList<Evidence> evidence)
    {
        var target = Path.GetFullPath(outDir);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException($"cannot write into '{outDir}'");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var written = new List<string>();
            var filesOf = new Dictionary<string, List<string>>();
            foreach (var e in evidence)
            {
                var files = filesOf[e.ClaimId] = [];
                foreach (var f in e.Figures)
                {
                    var stem = $"{e.ClaimId}.{f.Name}";
                    File.WriteAllBytes(Path.Combine(staging, stem + ".png"), FigureRenderer.Png(f));
                    File.WriteAllText(Path.Combine(staging, stem + ".csv"), FigureRenderer.Csv(f));
                    files.Add(stem + ".png");
                    files.Add(stem + ".csv");
                }
                foreach (var t in e.Tables)
                {
                    var name = $"{e.ClaimId}.{t.Name}.csv";
                    File.WriteAllText(Path.Combine(staging, name), FigureRenderer.Csv(t));
                    files.Add(name);
                }
                written.AddRange(files);
            }
            File.WriteAllText(Path.Combine(staging, "report.md"), Markdown(run, evidence, id => filesOf[id]));
            File.WriteAllText(Path.Combine(staging, "timings.json"), ResultsJson.Timings(run, evidence));
            // results.json last: its presence marks a complete report.
            File.WriteAllText(Path.Combine(staging, "results.json"), ResultsJson.Results(run, evidence, e => filesOf[e.ClaimId]));
            written.AddRange(["report.md", "timings.json", "results.json"]);
            Publish(staging, target, written);
            return written;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static void Publish(string staging, string target, IReadOnlyList<string> files)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        // An existing folder: move file by file (each move is atomic), results.json last.
        foreach (var f in files.OrderBy(f => f == "results.json" ? 1 : 0))
            File.Move(Path.Combine(staging, f), Path.Combine(target, f), overwrite: true);
    }

    public static string Markdown(RunInfo run, IReadOnlyList<Evidence> evidence, Func<string, IReadOnlyList<string>> files)
    {
        var md = new StringBuilder();
        md.AppendLine("# Verification report").AppendLine();
        md.AppendLine($"Scale `{run.Scale.ToCli()}`, seed {run.Seed}, device `{run.Device}`, code `{run.CodeVersion}`, started {run.StartedAt:u}.").AppendLine();
        md.AppendLine($"**{evidence.Count(e => e.Verdict == Verdict.Holds)} hold, {evidence.Count(e => e.Verdict == Verdict.Refuted)} refuted, " +
                      $"{evidence.Count(e => e.Verdict == Verdict.Inconclusive)} inconclusive, {evidence.Count(e => e.Verdict == Verdict.NotRun)} not run.**").AppendLine();
        md.AppendLine("| claim | verdict | negative control | time (s) |").AppendLine("|---|---|---|---|");
        foreach (var e in evidence)
            md.AppendLine($"| `{e.ClaimId}` | {ResultsJson.VerdictName(e.Verdict)} | {(e.NegativeControl is { } c ? ResultsJson.VerdictName(c.Verdict) : "—")} | {e.ElapsedSeconds:F2} |");
        md.AppendLine();

        foreach (var group in evidence.GroupBy(e => e.Paper.Id).OrderBy(g => g.Key))
        {
            var paper = group.First().Paper;
            md.AppendLine($"## {paper.Id}: {paper.Title}").AppendLine();
            md.AppendLine($"arXiv:{paper.ArXiv} (`{paper.CitationKey}`)").AppendLine();
            foreach (var e in group) Section(md, e, files(e.ClaimId));
        }
        return md.ToString();
    }

    private static void Section(StringBuilder md, Evidence e, IReadOnlyList<string> files)
    {
        md.AppendLine($"### `{e.ClaimId}` — {ResultsJson.VerdictName(e.Verdict)}").AppendLine();
        md.AppendLine($"> {e.Statement} ({e.Section})").AppendLine();
        md.AppendLine($"**Why:** {e.Reason}").AppendLine();
        if (e.Parameters.Count > 0)
            md.AppendLine("**Parameters:** " + string.Join(", ", e.Parameters.Select(kv => $"{kv.Key} = {kv.Value}"))).AppendLine();
        if (e.Measured.Count > 0)
        {
            md.AppendLine("| quantity | measured | reference | tolerance |").AppendLine("|---|---|---|---|");
            foreach (var (k, v) in e.Measured)
                md.AppendLine($"| {k} | {Significant.Format(v, 6)} | {Cell(e.Reference, k)} | {Cell(e.Tolerance, k)} |");
            md.AppendLine();
        }
        if (e.NegativeControl is { } c)
            md.AppendLine($"**Negative control:** {c.Description} → {ResultsJson.VerdictName(c.Verdict)}: {c.Reason}").AppendLine();
        foreach (var f in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            md.AppendLine($"![{f}]({f})").AppendLine();
        var csv = files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        if (csv.Count > 0) md.AppendLine("Raw data: " + string.Join(", ", csv.Select(f => $"[{f}]({f})"))).AppendLine();
    }

    private static string Cell(IReadOnlyDictionary<string, double> map, string key) =>
        map.TryGetValue(key, out var v) ? Significant.Format(v, 6) : "";

    /// <summary>Fails early, with one clear line, when <paramref name="outDir"/> cannot be written.</summary>
    public static void EnsureWritable(string outDir)
    {
        var full = Path.GetFullPath(outDir);
        if (File.Exists(full)) throw new IOException($"output path '{outDir}' is a file, not a folder");
        var parent = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(parent);
            var probe = Path.Combine(parent, $".write-probe-{Guid.NewGuid():N}");
            AtomicFile.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"output folder '{outDir}' is not writable: {ex.Message}", ex);
        }
    }
}
