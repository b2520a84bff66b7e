using System.Text;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// <c>verify explain ID</c>: one claim's whole story on one page — statement, paper and section, what it rests on, the
/// recorded verdict and the sabotage (control) per scale, the settings per scale, each check with its expected value,
/// tolerance and source line, and the latest record at each scale in the runs read (verdict, each check's value, the
/// run and its commit). The check list is the records': a check exists once a run has made it. A source line is
/// given with the commit of the run that recorded it (records before source lines have none).
/// </summary>
public sealed class ClaimExplanation
{
    private readonly Claim claim;
    private readonly IReadOnlyList<(string Column, RecordedRun Run, ClaimRecord Record)> latest;
    private readonly IReadOnlyList<RecordedRun> runs;

    /// <param name="runs">the runs read, oldest first (<see cref="RecordedRuns.Read"/>)</param>
    /// <param name="recordsRead">what was read, for the page ("results/"), or why nothing was</param>
    public ClaimExplanation(Claim claim, IReadOnlyList<RecordedRun> runs, string recordsRead)
    {
        this.claim = claim;
        this.runs = runs;
        RecordsRead = recordsRead;
        var found = new List<(string, RecordedRun, ClaimRecord)>();
        foreach (var scale in Enum.GetValues<Scale>())
        {
            var run = runs.LastOrDefault(r => r.Scale == scale.ToCli() && r.Claims.Any(c => c.Id == claim.Id && c.Verdict != Verdict.NotRun));
            if (run is null) continue;
            var records = run.Claims.Where(c => c.Id == claim.Id && c.Verdict != Verdict.NotRun).ToList();
            found.AddRange(records.Select(r => (records.Count > 1 ? $"{scale.ToCli()}@{r.Seed}" : scale.ToCli(), run, r)));
        }
        latest = found;
    }

    public string RecordsRead { get; }

    private string Recorded() => claim.RecordedPerScale
        ? string.Join("; ", claim.Scales.GroupBy(claim.RecordedAt).Select(g => $"{ReportText.Verdict(g.Key)} at {string.Join(", ", g.Select(s => s.ToCli()))}"))
        : ReportText.Verdict(claim.Recorded);

    private string Sabotage() => string.Join("; ", claim.Scales.GroupBy(s => (claim.ControlAt(s), claim.RecordedAt(s))).Select(g =>
        $"{(g.Key.Item2 == Verdict.Refuted ? "positive" : "negative")} control{(claim.Scales.Count == g.Count() ? "" : $" at {string.Join(", ", g.Select(s => s.ToCli()))}")}: {ReportText.ControlDescription(g.Key.Item1)}"));

    /// <summary>Label → value lines of the page's head.</summary>
    public IReadOnlyList<(string Label, string Value)> Facts() =>
    [
        ("paper", $"{claim.Paper.Id}: {claim.Paper.Title} (arXiv:{claim.Paper.ArXiv}, {claim.Paper.CitationKey})"),
        ("section", claim.Section),
        ("recorded", Recorded()),
        ("rests on", claim.DependsOn.Count == 0 ? "—" : string.Join(", ", claim.DependsOn)),
        ("sabotage", Sabotage()),
        ("scales", string.Join(", ", claim.Scales.Select(s => s.ToCli())) +
                   (claim.Scales.Count < 3 ? $" (not run at {string.Join(", ", Enum.GetValues<Scale>().Except(claim.Scales).Select(s => s.ToCli()))})" : "")),
    ];

    /// <summary>Parameter × scale, as the report shows parameters.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Settings()
    {
        var perScale = claim.Scales.Select(s => (Scale: s, Values: ClaimRecord.ParametersOf(claim.Parameters(s)))).ToList();
        var names = perScale.SelectMany(p => p.Values.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        return [["parameter", .. perScale.Select(p => p.Scale.ToCli())],
            .. names.Select(n => (IReadOnlyList<string>)[n, .. perScale.Select(p => p.Values.TryGetValue(n, out var v) ? ReportText.Parameter(v) : "—")])];
    }

    /// <summary>Check × latest record: expected, tolerance, the value in each, and the source line.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Checks(Func<string, string, string> source)
    {
        var names = latest.SelectMany(l => l.Record.Checks.Select(c => c.Name)).Distinct().ToList();
        var rows = new List<IReadOnlyList<string>> { (["check", "expected", "tolerance", .. latest.Select(l => l.Column), "source"]) };
        foreach (var name in names)
        {
            var at = latest.Select(l => l.Record.Checks.FirstOrDefault(c => c.Name == name)).ToList();
            var newest = Enumerable.Range(0, at.Count).Where(i => at[i] is not null).OrderBy(i => latest[i].Run, Newest).Last();
            var reference = at[newest]!;
            string Value(CheckRecord? c) => c is null ? "—"
                : ReportText.MeasuredOf(c) + (Same(c, reference) ? "" : $" [{ReportText.Expected(c)}, {ReportText.ToleranceOf(c)}]");
            var located = Enumerable.Range(0, at.Count).Where(i => at[i]?.Source is not null).OrderBy(i => latest[i].Run, Newest).ToList();
            var where = located.Count == 0 ? "—" : source(at[located[^1]]!.Source!, latest[located[^1]].Run.CodeVersion);
            rows.Add([ReportText.CheckName(reference), ReportText.Expected(reference), ReportText.ToleranceOf(reference), .. at.Select(Value), where]);
        }
        return rows;
    }

    /// <summary>Orders runs oldest first, as read.</summary>
    private IComparer<RecordedRun> Newest => Comparer<RecordedRun>.Create((a, b) => IndexOf(a).CompareTo(IndexOf(b)));

    private int IndexOf(RecordedRun run) => runs.ToList().IndexOf(run);

    private static bool Same(CheckRecord a, CheckRecord b) =>
        a.Expected.Equals(b.Expected) && a.Tolerance == b.Tolerance;

    /// <summary>The latest record at each scale: verdict, control, checks passed, run and commit.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Latest() =>
    [
        ["scale", "seed", "verdict", "control", "checks passed", "run", "commit"],
        .. latest.Select(l => (IReadOnlyList<string>)[l.Run.Scale, l.Record.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReportText.Verdict(l.Record), l.Record.NegativeControl is { } c ? ReportText.Verdict(c.Verdict) : "—",
            $"{l.Record.Checks.Count(c => c.Passed)} of {l.Record.Checks.Count}", l.Run.Label, l.Run.Commit]),
    ];

    public bool HasRecords => latest.Count > 0;

    public string Text()
    {
        var w = new StringBuilder($"{claim.Id}\n{claim.Statement}\n\n");
        w.Append(TextTable.Text(Facts().Select(f => (IReadOnlyList<string>)[f.Label, f.Value]).ToList()));
        w.Append("\nSettings per scale\n").Append(TextTable.Text(Settings()));
        w.Append($"\nLatest records ({RecordsRead})\n");
        if (!HasRecords) return w.Append("  none: no run read has a record of this claim\n").ToString();
        w.Append(TextTable.Text(Latest()));
        w.Append("\nChecks (values from the latest record at each scale; source at the commit that recorded it)\n");
        return w.Append(TextTable.Text(Checks((s, code) => $"{s} (at {Short(code)})"))).ToString();
    }

    /// <param name="linkTemplate">a <see cref="SourceLink"/> template for the source links; null: the path as code</param>
    public string Markdown(string? linkTemplate)
    {
        string Source(string s, string code) => linkTemplate is null ? $"`{s}` (at {Short(code)})"
            : SourceLink.Href(linkTemplate, s, code) is { } href ? $"[{SourceLink.Short(s)}]({href})" : $"`{s}`";
        var md = new StringBuilder($"### `{claim.Id}`\n\n> {claim.Statement}\n\n");
        foreach (var (label, value) in Facts()) md.Append($"- **{label}:** {value}\n");
        md.Append("\n**Settings per scale**\n\n").Append(TextTable.Markdown(Settings()));
        md.Append($"\n**Latest records** ({RecordsRead})\n\n");
        if (!HasRecords) return md.Append("None: no run read has a record of this claim.\n").ToString();
        md.Append(TextTable.Markdown(Latest()));
        var rows = Checks(Source).Select((r, i) => (IReadOnlyList<string>)r.Select((c, j) => j == r.Count - 1 && i > 0 ? c : ReportText.Cell(c)).ToList()).ToList();
        return md.Append("\n**Checks** (values from the latest record at each scale)\n\n").Append(TextTable.Markdown(rows, raw: true)).ToString();
    }

    private static string Short(string codeVersion) => SourceLink.Commit(codeVersion) is var c && c != "HEAD" ? c[..7] : codeVersion;
}
