using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>report.html read back with an HTML5 parser: a card for every claim of results.json, every figure present.</summary>
public class ReportHtmlTests
{
    private static IDocument Parse(string path) => new HtmlParser().ParseDocument(File.ReadAllText(path));

    [Fact]
    public void EveryClaimOfResultsJsonHasItsCardAndEveryReferencedFileExists()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run("verify", "--paper", "MC", "--scale", "smoke", "--seeds", "1-2", "--out", dir["run"]);
        Assert.True(code == 0, err);
        var doc = Parse(dir["run/report.html"]);
        using var results = JsonDocument.Parse(File.ReadAllText(dir["run/results.json"]));
        var claims = results.RootElement.GetProperty("claims").EnumerateArray().ToList();
        Assert.NotEmpty(claims);
        foreach (var c in claims)
        {
            var id = c.GetProperty("id").GetString()!;
            var key = $"{id}@{c.GetProperty("seed").GetInt32()}";
            var card = doc.QuerySelectorAll("article.card").SingleOrDefault(a => a.GetAttribute("data-claim-id") == id);
            Assert.True(card is not null, $"no card for {id}");
            Assert.Contains(c.GetProperty("statement").GetString()!, card!.QuerySelector("blockquote")!.TextContent);
            var seed = card.QuerySelectorAll("details.seed").SingleOrDefault(d => d.GetAttribute("data-key") == key);
            Assert.True(seed is not null, $"no block for {key} in the card of {id}");
            Assert.Contains(Verification.Core.Reporting.ReportText.Prose(c.GetProperty("reason").GetString()!), seed!.QuerySelector(".why")!.TextContent);
            Assert.NotNull(card.QuerySelector(".seeds")); // two seeds: the aggregate is on the card
        }
        var images = doc.QuerySelectorAll("img").Select(i => i.GetAttribute("src")!).ToList();
        Assert.NotEmpty(images);
        var sources = doc.QuerySelectorAll("td.src a[href]").Select(a => a.GetAttribute("href")!).ToList();
        var links = doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(h => !h.StartsWith('#')).Except(sources);
        foreach (var src in images.Concat(links))
        {
            Assert.DoesNotContain("://", src); // offline: nothing from the network
            Assert.True(File.Exists(Path.Combine(dir["run"], Uri.UnescapeDataString(src))), $"missing {src}");
        }
        // Every check and measurement links to its line: by default relative to the run folder, into this checkout.
        Assert.Equal(doc.QuerySelectorAll("table.checks tbody tr").Length, doc.QuerySelectorAll("table.checks td.src a[href]").Length);
        foreach (var href in sources)
        {
            var (file, line) = (href.Split('#')[0], int.Parse(href.Split("#L")[1], System.Globalization.CultureInfo.InvariantCulture));
            var path = Path.GetFullPath(Path.Combine(dir["run"], Uri.UnescapeDataString(file)));
            Assert.True(File.Exists(path), $"source link {href} leads nowhere");
            Assert.Matches(@"\b(Expect\w*|Assume\w*|Measure)\(", File.ReadAllLines(path)[line - 1]);
        }
        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Empty(doc.QuerySelectorAll("link[rel=stylesheet]"));
        var footer = doc.QuerySelector("footer")!.TextContent;
        Assert.Contains("commit", footer);
        Assert.Contains("--seeds 1-2", footer);
    }

    private static ClaimRecord Record(string id, Verdict verdict, int seed = 1) => Records.Claim(id, verdict, seed: seed, scale: "ci") with
    {
        PaperTitle = "Prompt compression", Section = "§3", Statement = $"{id} <holds> & |so|", Reason = "a | b < c",
        Measured = Records.Map(("tied.max|grad|", 1)),
    };

    [Fact]
    public void ARefutedDependencyMarksTheClaimsResting_OnItAndItsReplayLineIsShown()
    {
        var records = new[] { Record("PC.primal-equals-dual", Verdict.Refuted), Record("PC.compressors-above", Verdict.Holds) };
        var run = new RunInfo(Scale.Ci, [1], "cpu", "test", DateTimeOffset.UnixEpoch)
        {
            Claims = new Dictionary<string, ClaimMeta> { ["PC.compressors-above"] = new(["PC.primal-equals-dual"], null) },
        };
        var doc = new HtmlParser().ParseDocument(ReportHtml.Render(run, records));
        var dual = doc.QuerySelector("article[data-claim-id='PC.primal-equals-dual']")!;
        Assert.Equal(Replay.Command(records[0]), dual.QuerySelector(".replay + pre")!.TextContent);
        Assert.Equal("dotnet run --project src/Verification.Cli -- verify --claim PC.primal-equals-dual --seed 1 --scale ci", Replay.Command(records[0]));
        var above = doc.QuerySelector("article[data-claim-id='PC.compressors-above']")!;
        Assert.Contains("Rests on a refuted claim", above.QuerySelector(".warn")!.TextContent);
        Assert.Null(above.QuerySelector(".replay"));
        var svg = doc.QuerySelector("#paper-PC svg.dep-graph")!;
        Assert.Equal(2, svg.QuerySelectorAll("rect").Length);
        Assert.Single(svg.QuerySelectorAll("path[marker-end]"));
        // Markup in statements and measurement names is text, not HTML.
        Assert.Contains("<holds> & |so|", dual.QuerySelector("blockquote")!.TextContent);
        Assert.Contains("tied.max|grad|", dual.QuerySelector("table.measured")!.TextContent);
    }
}
