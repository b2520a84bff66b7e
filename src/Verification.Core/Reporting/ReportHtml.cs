using System.Net;
using System.Text;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page per run that opens from the file system and works offline (inline CSS,
/// no script, figures referenced by their relative paths in the run folder). A verdict overview per paper, then one
/// card per claim — statement and section, verdict and why, the checks and measurements (each linked to the line that
/// made it, <see cref="SourceLink"/>), the control with its checks, the figures, the replay line, the claims it rests on —
/// and the provenance footer. Each card carries <c>data-claim-id</c> and each of
/// its seeds <c>data-key="id@seed"</c>, so tools (and the test) can find them.
/// </summary>
public static class ReportHtml
{
    public const string FileName = "report.html";

    /// <summary>Measurement tables longer than this are folded into a details element.</summary>
    public const int FoldRows = 12;

    public static string Render(RunInfo run, IReadOnlyList<ClaimRecord> records)
    {
        var deps = new ClaimDependencies(records, run.Claims);
        var aggregates = SeedAggregate.Of(records, run.Claims).ToDictionary(a => a.Id);
        var multiSeed = records.Select(r => r.Seed).Distinct().Count() > 1;
        string? link(string? source) => SourceLink.Href(run.SourceLink, source, run.CodeVersion);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<title>Verification report</title>\n<style>\n").Append(ReportHtmlStyle.Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header>\n<h1>Verification report</h1>\n");
        h.Append($"<p class=\"run\">Scale <code>{E(run.Scale.ToString().ToLowerInvariant())}</code> · seed(s) {E(string.Join(", ", run.Seeds))} · device <code>{E(run.Device)}</code> · code <code>{E(run.CodeVersion)}</code></p>\n");
        h.Append($"<p class=\"counts\">{Count(records, Verdict.Holds)} hold · {records.Count(r => r.Verdict == Verdict.Refuted && r.Recorded == Verdict.Refuted)} refuted as recorded (findings) · " +
                 $"{records.Count(r => r.Verdict == Verdict.Refuted && r.Recorded != Verdict.Refuted)} refuted · {Count(records, Verdict.Inconclusive)} inconclusive · {Count(records, Verdict.NotRun)} not run" +
                 $" — <strong>{records.Count(r => r.AsRecorded)} of {records.Count} as recorded</strong></p>\n</header>\n");

        Attention(h, records);
        Overview(h, records, deps, multiSeed);
        foreach (var paper in records.GroupBy(r => r.Paper))
        {
            var first = paper.First();
            var ids = paper.Select(r => r.Id).Distinct().ToList();
            h.Append($"<section class=\"paper\" id=\"paper-{E(first.Paper)}\">\n<h2>{E(first.Paper)}: {E(first.PaperTitle)}</h2>\n");
            h.Append($"<p class=\"cite\">arXiv:{E(first.Arxiv)} (<code>{E(first.Citation)}</code>)</p>\n");
            if (DependencyGraphSvg.Render(ids, deps, first.Paper) is { } svg)
                h.Append("<figure class=\"graph\">").Append(svg)
                 .Append("<figcaption>What rests on what: an arrow runs from a claim to each claim resting on it. Green as recorded, red not as recorded, orange rests on a refuted claim, grey not run, dashed another paper's claim.</figcaption></figure>\n");
            foreach (var id in ids)
                Card(h, paper.Where(r => r.Id == id).ToList(), aggregates[id], deps, multiSeed, link);
            h.Append("</section>\n");
        }
        Footer(h, run.Provenance);
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void Overview(StringBuilder h, IReadOnlyList<ClaimRecord> records, ClaimDependencies deps, bool multiSeed)
    {
        h.Append("<section class=\"overview\">\n<h2>Verdicts by paper</h2>\n<table>\n<thead><tr><th>paper</th><th>claims</th><th>as recorded</th><th>verdicts</th></tr></thead>\n<tbody>\n");
        foreach (var paper in records.GroupBy(r => r.Paper))
        {
            h.Append($"<tr><td class=\"paper\"><a href=\"#paper-{E(paper.Key)}\">{E(paper.Key)}</a><br><span class=\"title\">{E(paper.First().PaperTitle)}</span></td>")
             .Append($"<td>{paper.Select(r => r.Id).Distinct().Count()}</td><td>{paper.Count(r => r.AsRecorded)} of {paper.Count()}</td><td class=\"chips\">");
            foreach (var r in paper)
                h.Append($"<a class=\"chip {Css(r)}\" href=\"#{Anchor(r.Id)}\" title=\"{E(r.Key)}: {E(Label(r))}{(deps.RestsOnRefuted(r.Id) ? " · rests on a refuted claim" : "")}\">{E(Short(r.Id))}{(multiSeed ? "@" + r.Seed : "")}</a>");
            h.Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n<p class=\"legend\"><span class=\"chip v-holds\">holds</span> <span class=\"chip v-finding\">refuted, as recorded (finding)</span> <span class=\"chip v-refuted\">refuted</span> <span class=\"chip v-inconclusive\">inconclusive</span> <span class=\"chip v-notrun\">not run</span></p>\n</section>\n");
    }

    /// <summary>Every work item that did not reach its recorded verdict, first, with why and its replay line.</summary>
    private static void Attention(StringBuilder h, IReadOnlyList<ClaimRecord> records)
    {
        var off = records.Where(r => !r.AsRecorded).ToList();
        if (off.Count == 0) return;
        h.Append($"<section class=\"attention\">\n<h2>Not as recorded ({off.Count})</h2>\n<ul>\n");
        foreach (var r in off)
            h.Append($"<li><a href=\"#{Anchor(r.Id)}\"><code>{E(r.Key)}</code></a> <span class=\"badge {Css(r)}\">{E(Label(r))}</span> {E(ReportText.Prose(r.Reason))}<pre><code>{E(Replay.Command(r))}</code></pre></li>\n");
        h.Append("</ul>\n</section>\n");
    }

    private static void Card(StringBuilder h, IReadOnlyList<ClaimRecord> seeds, SeedAggregate aggregate, ClaimDependencies deps, bool multiSeed,
        Func<string?, string?> link)
    {
        var r0 = seeds[0];
        var worst = seeds.FirstOrDefault(r => !r.AsRecorded) ?? r0;
        h.Append($"<article class=\"card {Css(worst)}\" id=\"{Anchor(r0.Id)}\" data-claim-id=\"{E(r0.Id)}\">\n");
        h.Append($"<h3><code>{E(r0.Id)}</code> <span class=\"badge {Css(worst)}\">{E(multiSeed ? aggregate.Headline : Label(worst))}</span></h3>\n");
        h.Append($"<blockquote>{E(r0.Statement)}</blockquote>\n<p class=\"section\">{E(r0.Section)} · recorded verdict: <strong>{E(ReportText.Verdict(r0.Recorded))}</strong>{(r0.Recorded == Verdict.Refuted ? " (a finding: the statement does not reproduce at our scale; the control is a positive control)" : "")}</p>\n");
        Dependencies(h, r0.Id, deps);
        if (multiSeed) OverSeeds(h, aggregate);
        foreach (var r in seeds) SeedBlock(h, r, open: !multiSeed || !r.AsRecorded || r == seeds[0], link);
        h.Append("</article>\n");
    }

    private static void Dependencies(StringBuilder h, string id, ClaimDependencies deps)
    {
        var direct = deps.Of(id);
        if (direct.Count == 0) return;
        var refuted = deps.RefutedBelow(id);
        if (refuted.Count > 0)
            h.Append($"<p class=\"warn\">Rests on a refuted claim: {string.Join(", ", refuted.Select(d => $"<a href=\"#{Anchor(d)}\"><code>{E(d)}</code></a>"))} did not reach its recorded verdict.</p>\n");
        h.Append("<p class=\"deps\">Rests on: ");
        h.Append(string.Join(", ", direct.Select(d => $"<a href=\"#{Anchor(d.On)}\"><code>{E(d.On)}</code></a> <span class=\"dep {DepCss(d.State)}\">{E(d.Verdicts)}</span>")));
        h.Append("</p>\n");
    }

    private static void OverSeeds(StringBuilder h, SeedAggregate a)
    {
        h.Append("<div class=\"seeds\"><h4>Over seeds</h4>\n<p>");
        h.Append(string.Join(" ", a.PerSeed.Select(s => $"<span class=\"chip {Css(s.Verdict, a.Recorded)}\">seed {s.Seed}: {E(ReportText.Verdict(s.Verdict))}</span>")));
        h.Append($"</p>\n<p><strong>{a.K} of {a.N}</strong> seeds gave the recorded verdict; Wilson 95% interval {E(a.Interval)}; the claim needs {a.Needed}: <strong>{(a.AsRecorded ? "holds over seeds as recorded" : "not as recorded over seeds")}</strong>.</p>\n");
        if (a.Varying.Count > 0)
        {
            h.Append($"<details><summary>{a.Varying.Count} measurement(s) vary with the seed: mean ± sd (range)</summary>\n<table><thead><tr><th>quantity</th><th>mean ± sd</th><th>range</th><th>n</th></tr></thead><tbody>\n");
            foreach (var m in a.Varying)
                h.Append($"<tr><td><code>{E(m.Name)}</code></td><td>{E(m.MeanAndSd)}</td><td>{E(m.Range)}</td><td>{m.N}</td></tr>\n");
            h.Append("</tbody></table></details>\n");
        }
        h.Append("</div>\n");
    }

    private static void SeedBlock(StringBuilder h, ClaimRecord r, bool open, Func<string?, string?> link)
    {
        h.Append($"<details class=\"seed\" data-key=\"{E(r.Key)}\"{(open ? " open" : "")}>\n<summary>seed {r.Seed} — <span class=\"badge {Css(r)}\">{E(Label(r))}</span></summary>\n");
        h.Append($"<p class=\"why\"><strong>Why:</strong> {E(ReportText.Prose(r.Reason))}</p>\n");
        if (!r.AsRecorded)
            h.Append($"<p class=\"replay\">Replay this claim (recorded: {E(ReportText.Verdict(r.Recorded))}):</p>\n<pre><code>{E(Replay.Command(r))}</code></pre>\n");
        if (r.Parameters.Count > 0)
            h.Append("<p class=\"params\"><strong>Parameters:</strong> ")
             .Append(string.Join(", ", r.Parameters.Select(kv => $"{E(kv.Key)} = <code>{E(ReportText.Parameter(kv.Value))}</code>"))).Append("</p>\n");
        Checks(h, r.Checks, link);
        var plain = r.Measured.Where(kv => r.Checks.All(c => c.Name != kv.Key)).ToList();
        if (plain.Count > 0)
        {
            // Long tables fold away (open where the verdict is not as recorded: that is where a reader looks).
            bool fold = plain.Count > FoldRows;
            if (fold) h.Append($"<details class=\"measurements\"{(r.AsRecorded ? "" : " open")}><summary>{plain.Count} further measurements (not checks)</summary>\n");
            var sources = r.MeasuredSources ?? new Dictionary<string, string>();
            h.Append($"<table class=\"measured\"><thead><tr><th>measured (not a check)</th><th>value</th>{(sources.Count > 0 ? "<th>source</th>" : "")}</tr></thead><tbody>\n");
            foreach (var (k, v) in plain)
                h.Append($"<tr><td><code>{E(k)}</code></td><td>{E(Significant.Text(v))}</td>{(sources.Count > 0 ? SourceCell(sources.GetValueOrDefault(k), link) : "")}</tr>\n");
            h.Append("</tbody></table>\n");
            if (fold) h.Append("</details>\n");
        }
        if (r.NegativeControl is { } c)
        {
            // A negative control must be refuted, a positive one (for a recorded refutation) must hold.
            var expected = ReportText.ControlMustBe(r);
            h.Append($"<p class=\"control\"><strong>{ReportText.ControlLabel(r)}</strong> ({E(c.Description)}) → <span class=\"badge {(c.Verdict == expected ? "v-holds" : "v-refuted")}\">{E(ReportText.Verdict(c.Verdict))}{(c.Verdict == expected ? ", as it must" : $", but must be {ReportText.Verdict(expected)}")}</span> {E(ReportText.Prose(c.Reason))}</p>\n");
            if (c.Checks.Count > 0)
            {
                h.Append($"<details class=\"control-checks\"><summary>the {ReportText.ControlLabel(r).ToLowerInvariant()}'s {c.Checks.Count} check(s)</summary>\n");
                Checks(h, c.Checks, link);
                h.Append("</details>\n");
            }
        }
        // Each figure with the one line that says what to look for in it (older runs have none: the file name only).
        foreach (var f in r.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            var caption = r.Captions?.GetValueOrDefault(f);
            h.Append($"<figure class=\"plot\"><a href=\"{Href(f)}\"><img src=\"{Href(f)}\" alt=\"{E(caption ?? f)}\" loading=\"lazy\"></a><figcaption>")
             .Append(caption is null ? E(f) : $"{E(caption)} <span class=\"file\">{E(f)}</span>").Append("</figcaption></figure>\n");
        }
        var csv = r.Files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        if (csv.Count > 0)
            h.Append("<p class=\"raw\">Raw data: ").Append(string.Join(", ", csv.Select(f => $"<a href=\"{Href(f)}\">{E(f)}</a>"))).Append("</p>\n");
        h.Append("</details>\n");
    }

    /// <summary>
    /// The comparisons that decided a verdict, exactly as results.json lists them, each linked to the line that made it
    /// (the source column appears when the records carry source lines; records before schema 3's sources do not).
    /// </summary>
    private static void Checks(StringBuilder h, IReadOnlyList<CheckRecord> checks, Func<string?, string?> link)
    {
        if (checks.Count == 0) return;
        bool sources = checks.Any(c => c.Source is not null);
        h.Append($"<table class=\"measured checks\"><thead><tr><th>check</th><th>measured</th><th>expected</th><th>tolerance</th><th>passed</th>{(sources ? "<th>source</th>" : "")}</tr></thead><tbody>\n");
        foreach (var check in checks)
            h.Append($"<tr><td><code>{E(ReportText.CheckName(check))}</code></td><td>{E(ReportText.MeasuredOf(check))}</td><td>{E(ReportText.Expected(check))}</td><td>{E(ReportText.ToleranceOf(check))}</td><td>{(check.Passed ? "yes" : "<strong>no</strong>")}</td>{(sources ? SourceCell(check.Source, link) : "")}</tr>\n");
        h.Append("</tbody></table>\n");
    }

    /// <summary>A cell linking to the line (file name and line as text, the full path in its title); a dash when unknown.</summary>
    private static string SourceCell(string? source, Func<string?, string?> link) =>
        source is null ? "<td class=\"src\">—</td>"
        : link(source) is { } href ? $"<td class=\"src\"><a href=\"{E(href)}\" title=\"{E(source)}\"><code>{E(SourceLink.Short(source))}</code></a></td>"
        : $"<td class=\"src\"><code title=\"{E(source)}\">{E(SourceLink.Short(source))}</code></td>";

    private static void Footer(StringBuilder h, Provenance? p)
    {
        h.Append("<footer>\n<h2>Provenance</h2>\n");
        if (p is null)
        {
            h.Append("<p>Not recorded.</p>\n</footer>\n");
            return;
        }
        h.Append("<table class=\"provenance\"><tbody>\n");
        foreach (var (label, value) in p.Rows())
            h.Append($"<tr><th>{E(label)}</th><td><code>{E(value)}</code></td></tr>\n");
        h.Append($"</tbody></table>\n<p>Also in <a href=\"{Provenance.FileName}\">{Provenance.FileName}</a>; the results are in <a href=\"results.json\">results.json</a>.</p>\n</footer>\n");
    }

    private static string Label(ClaimRecord r) => ReportText.Verdict(r);

    private static string Css(ClaimRecord r) => Css(r.Verdict, r.Recorded);

    private static string Css(Verdict verdict, Verdict recorded) => verdict switch
    {
        Verdict.Holds => "v-holds",
        Verdict.Refuted when recorded == Verdict.Refuted => "v-finding",
        Verdict.Refuted => "v-refuted",
        Verdict.Inconclusive => "v-inconclusive",
        _ => "v-notrun",
    };

    private static string DepCss(DependencyState s) => s switch
    {
        DependencyState.AsRecorded => "v-holds",
        DependencyState.NotAsRecorded => "v-refuted",
        _ => "v-notrun",
    };

    private static int Count(IReadOnlyList<ClaimRecord> records, Verdict verdict) => records.Count(r => r.Verdict == verdict);

    /// <summary>The id as an HTML anchor (ids are PAPER.kebab-name, safe as they are).</summary>
    public static string Anchor(string id) => "claim-" + E(id);

    private static string Short(string id) => id[(id.IndexOf('.') + 1)..];

    // Relative link to a file of the run folder; '@' and '|' etc. are percent-encoded, '/' kept.
    private static string Href(string file) => E(string.Join('/', file.Split('/').Select(Uri.EscapeDataString)));

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
