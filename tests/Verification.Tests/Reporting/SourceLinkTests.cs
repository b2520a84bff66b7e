using AngleSharp.Html.Parser;
using Verification.Core.Reporting;
using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// report.html links each check to its line through a template for a repository's web view (<c>--source-link</c> or
/// VERIFY_SOURCE_LINK), with the run's commit; a template without {path} is bad input.
/// </summary>
public sealed class SourceLinkTests
{
    private const string Template = "https://example.org/repo/blob/{commit}/{path}#L{line}";

    [Fact]
    public void TheTemplateFillsPathLineAndTheRunsCommit()
    {
        Assert.Equal("https://example.org/repo/blob/4f499e5e9f92/src/A%20B/C.cs#L7",
            SourceLink.Href(Template, "src/A B/C.cs:7", "1.0.0+4f499e5e9f92"));
        Assert.Equal("src/C.cs#L7", SourceLink.Href(null, "src/C.cs:7", "1.0.0"));
        Assert.Equal("HEAD", SourceLink.Commit("1.0.0"));
        Assert.Null(SourceLink.Href(Template, null, "1.0.0"));
        Assert.Null(SourceLink.Href(Template, "/abs/C.cs:7", "1.0.0"));   // not a path in the repository
    }

    [Fact]
    public void EachCheckOfReportHtmlLinksToItsLineInTheWebView()
    {
        using var dir = new TempDir();
        const string id = "MC.stationary-distribution-is-invariant";
        var (code, _, err) = CliRun.Run("verify", "--claim", id, "--scale", "smoke", "--source-link", Template, "--out", dir["run"]);
        Assert.True(code == 0, err);
        var record = ResultsJson.Load(dir["run"]).Claims.Single();
        var commit = SourceLink.Commit(ResultsJson.Load(dir["run"]).CodeVersion);
        var expected = record.Checks.Concat(record.NegativeControl!.Checks)
            .Select(c => SourceLink.Href(Template, c.Source, $"+{commit}")!).ToList();
        Assert.All(expected, Assert.NotNull);

        var doc = new HtmlParser().ParseDocument(File.ReadAllText(dir["run/report.html"]));
        var links = doc.QuerySelectorAll("table.checks td.src a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), links.Order(StringComparer.Ordinal));
        Assert.All(links, l => Assert.StartsWith("https://example.org/repo/blob/", l));
    }

    [Fact]
    public void ATemplateWithoutPathIsOneLineAndExitTwo()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run("verify", "--claim", "MC.stationary-distribution-is-invariant", "--scale", "smoke",
            "--source-link", "https://example.org", "--out", dir["run"]);
        Assert.Equal(2, code);
        Assert.Contains("needs {path}", err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir["run"]));
    }
}
