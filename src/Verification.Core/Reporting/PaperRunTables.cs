using System.Globalization;
using System.Text;
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Core.Reporting;

/// <summary>
/// The markdown tables <c>verify docs</c> writes from the committed paper-scale runs (<see cref="PaperRunIndex"/>): the
/// runs, the claims' current records (results/paper/README.md) and, per paper, the checks that decided each claim
/// (docs/papers/&lt;PAPER&gt;.md). Numbers with 4 significant digits.
/// </summary>
public static class PaperRunTables
{
    /// <summary>Checks shown per claim in a paper's table (every failed one, then passed ones); the rest are in the run's report.md.</summary>
    public const int MaxChecksShown = 6;

    /// <summary>One row per run: what it ran (run.json), how far it got, its verdicts against the records, its seconds.</summary>
    public static string Runs(PaperRunIndex index)
    {
        var md = new StringBuilder("| run | commit | claims run | options | records | as recorded | seconds |\n|---|---|---|---|---|---|---|\n");
        foreach (var run in index.Runs)
        {
            var claims = run.Manifest?.Claims ?? run.Records.Select(r => r.Id).Distinct().ToList();
            string what = claims.Count <= 3 ? string.Join(", ", claims.Select(c => $"`{c}`"))
                : $"{claims.Count} claims: " + string.Join(", ", claims.GroupBy(c => c.Split('.')[0]).Select(g => $"{g.Key} {g.Count()}"));
            var options = new List<string> { $"--scale {run.Manifest?.Scale ?? run.Records.FirstOrDefault()?.Scale}" };
            if (run.Manifest is { } m)
            {
                options.Add($"--seed{(m.Seeds.Count > 1 ? "s" : "")} {string.Join(",", m.Seeds)}");
                if (m.Split) options.Add("--split");
                if (m.Shard != "1/1") options.Add($"--shard {m.Shard}");
            }
            string records = run.Partial ? $"{run.Records.Count} of {claims.Count} (stopped)" : $"{run.Records.Count}";
            md.Append(CultureInfo.InvariantCulture,
                $"| [{run.Name}]({run.Name}/) | {run.Commit} | {what} | `{string.Join(" ", options)}` | {records} | {run.Records.Count(r => r.AsRecorded)} of {run.Records.Count} | {run.Seconds.Values.Sum():F0} |\n");
        }
        return md.ToString();
    }

    /// <summary>One row per claim (registry order, then any retired claim the records hold): its current record and the runs it supersedes.</summary>
    public static string Claims(PaperRunIndex index, IReadOnlyList<string> registry)
    {
        var md = new StringBuilder("| claim | verdict | recorded | control | seconds | run | superseded runs |\n|---|---|---|---|---|---|---|\n");
        foreach (var id in index.ClaimIds(registry))
        {
            if (index.Current(id) is not { } current)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{id}` | no paper-scale record yet | | | | | |\n");
                continue;
            }
            var (record, run) = current;
            string superseded = string.Join(", ", index.Superseded(id).Select(r => $"[{r.Name}]({r.Name}/)"));
            md.Append(CultureInfo.InvariantCulture,
                $"| `{id}` | {record.Verdict.Name()} | {record.Recorded.Name()} | {(record.NegativeControl is { } c ? c.Verdict.Name() : "")} | " +
                $"{(run.Seconds.TryGetValue(record.Key, out var s) ? s : 0):F0} | [{run.Name}]({run.Name}/) | {superseded} |\n");
        }
        return md.ToString();
    }

    /// <summary>
    /// The claims of <paramref name="paper"/> (registry order): verdict against the record, control, the deciding checks
    /// (measured against expected), the run; links relative to docs/papers/.
    /// </summary>
    public static string Paper(PaperRunIndex index, IReadOnlyList<string> registry, string paper)
    {
        var md = new StringBuilder("| claim | verdict (recorded) | control | checks: measured (expected) | run |\n|---|---|---|---|---|\n");
        foreach (var id in index.ClaimIds(registry).Where(id => id.StartsWith(paper + ".", StringComparison.Ordinal)))
        {
            if (index.Current(id) is not { } current)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{id}` | no paper-scale record yet | | | |\n");
                continue;
            }
            var (record, run) = current;
            // the failed checks first (all of them), then passed ones up to MaxChecksShown
            var failed = record.Checks.Where(c => !c.Passed).ToList();
            var shown = failed.Concat(record.Checks.Where(c => c.Passed).Take(Math.Max(0, MaxChecksShown - failed.Count))).Select(Check).ToList();
            if (record.Checks.Count > shown.Count) shown.Add($"… {record.Checks.Count - shown.Count} more passed, in the run's report");
            md.Append(CultureInfo.InvariantCulture,
                $"| `{id}` | {record.Verdict.Name()} ({record.Recorded.Name()}) | {(record.NegativeControl is { } c ? c.Verdict.Name() : "")} | " +
                $"{string.Join("<br>", shown)} | [{run.Name}](../../results/paper/{run.Name}/) |\n");
        }
        return md.ToString();
    }

    /// <summary>"tied.seeds-at-expected = 0 (≥ 4) ✗", "max-abs-gap = 1.1e-16 (0 ± 1e-09; worst of 12: p=0.5,q=0.8)".</summary>
    public static string Check(CheckRecord c)
    {
        static string F(double x) => Significant.Format(x, 4).Replace("E", "e", StringComparison.Ordinal);
        double e = c.Expected, v = c.Tolerance.Value;
        string expected = c.Tolerance.Kind switch
        {
            ToleranceKind.Absolute => $"{F(e)} ± {F(v)}",
            ToleranceKind.Relative => $"{F(e)} ± {F(100 * v)}%",
            ToleranceKind.AtMost => v == 0 ? $"≤ {F(e)}" : $"≤ {F(e)} + {F(v)}",
            ToleranceKind.AtLeast => v == 0 ? $"≥ {F(e)}" : $"≥ {F(e)} − {F(v)}",
            _ => c.Detail ?? "true",
        };
        if (c.Over is int over) expected += $"; worst of {over}{(c.Worst is { } w ? $": {w}" : "")}";
        string measured = c.Tolerance.Kind == ToleranceKind.IsTrue ? (c.Passed ? "true" : "false") : F(c.Measured);
        return Cell($"{c.Name} = {measured} ({expected}){(c.Passed ? "" : " ✗")}");
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
