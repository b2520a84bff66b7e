using AngleSharp.Html.Parser;
using Snapshooter;
using Snapshooter.Xunit;
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Reporting;
using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// `verify history DIR…`: the committed paper-scale runs read as a history (snapshots of the text and Markdown pages;
/// the stopped runs b1/b2, whose claim records predate schema 3, take their commit's place), two hand-made runs that
/// differ in a verdict and in a value beyond its tolerance (flagged, ordered by start whatever the argument order),
/// the HTML page (self-contained, one plot per claim) and bad input (one line, exit 2).
/// </summary>
public sealed class ClaimHistoryTests
{
    private static readonly string Paper = Path.Combine(RepoPaths.Root, "results", "paper");

    [Fact]
    public void CommittedPaperRunsAsText()
    {
        var (code, output, err) = CliRun.Run("verify", "history", Paper);
        Assert.True(code == 0, err);
        Snapshot.Match(output.Split('\n'), new SnapshotFullName("history-results-paper.snap", RepoPaths.Snapshots("Reporting")));
    }

    [Fact]
    public void CommittedPaperRunsAsMarkdownForTwoClaims()
    {
        var (code, output, err) = CliRun.Run("verify", "history", Paper, "--format", "markdown",
            "--claim", "SS.end-to-end-error-bound", "--claim", "AM.tied-training-ends-at-unigram");
        Assert.True(code == 0, err);
        Snapshot.Match(output.Split('\n'), new SnapshotFullName("history-results-paper-two-claims-md.snap", RepoPaths.Snapshots("Reporting")));
    }

    private static void WriteRun(string dir, string startedAt, string commit, params ClaimRecord[] records)
    {
        Directory.CreateDirectory(dir);
        var run = new RunInfo(Scale.Ci, [1], "cpu", $"1.0.0+{commit}", DateTimeOffset.UnixEpoch);
        File.WriteAllText(Path.Combine(dir, "results.json"), ResultsJson.Results(run, records));
        File.WriteAllText(Path.Combine(dir, Provenance.FileName), $"{{ \"startedAt\": \"{startedAt}\" }}\n");
    }

    private static ClaimRecord Record(Verdict verdict, double gap) => Records.Claim("MC.gap", verdict, scale: "ci") with
    {
        Checks = [Records.Check("gap", gap, 0, Tolerance.Absolute(0.1)), Records.Check("solved", 1, 1, Tolerance.IsTrue)],
        NegativeControl = Records.Control(Verdict.Refuted),
    };

    [Fact]
    public void AVerdictChangeAndAValueMovedBeyondItsToleranceAreFlaggedOldestFirst()
    {
        using var dir = new TempDir();
        WriteRun(dir["old"], "2026-01-01T00:00:00Z", "aaaaaaa1111", Record(Verdict.Holds, 0.01));
        WriteRun(dir["mid"], "2026-01-02T00:00:00Z", "bbbbbbb2222", Record(Verdict.Holds, 0.05));   // within 0.1: not flagged
        WriteRun(dir["new"], "2026-01-03T00:00:00Z", "ccccccc3333", Record(Verdict.Refuted, 0.5));
        var (code, output, err) = CliRun.Run("verify", "history", dir["new"], dir["old"], dir["mid"]);
        Assert.True(code == 0, err);
        Assert.Contains("  run      old      mid      new", output);
        Assert.Contains("  commit   aaaaaaa  bbbbbbb  ccccccc", output);
        Assert.Contains("  gap      0.01     0.05     0.5 *", output);
        Assert.Contains("  * verdict changed at new (ccccccc): holds → refuted", output);
        Assert.Contains("  * moved beyond tolerance gap at new (ccccccc): 0.05 → 0.5 (Δ 0.45 > tol 0.1)", output);
        Assert.Contains("verdict changed: 1, check changed: 1, moved beyond tolerance: 1", output);
        Assert.Contains("  * check changed gap at new (ccccccc): passed → failed", output);
        Assert.DoesNotContain("at mid", output);
    }

    [Fact]
    public void TheHtmlPageIsSelfContainedWithOnePlotPerClaim()
    {
        var (code, output, err) = CliRun.Run("verify", "history", Paper, "--format", "html");
        Assert.True(code == 0, err);
        var doc = new HtmlParser().ParseDocument(output);
        var sections = doc.QuerySelectorAll("section");
        Assert.Equal(56, sections.Length);   // every claim has a paper-scale record
        Assert.All(sections, s => Assert.Single(s.QuerySelectorAll("svg")));
        Assert.Empty(doc.QuerySelectorAll("script, link, img, iframe"));
        Assert.DoesNotContain("http://", output.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("https://", output);
        // A claim with two runs has a line per drawn check; the flagged verdict change is listed.
        var ss = sections.Single(s => s.Id == "SS.end-to-end-error-bound@1-paper");
        Assert.Contains("verdict changed at c-6c05623", ss.QuerySelector("ul.flags")!.TextContent);
        Assert.NotEmpty(ss.QuerySelectorAll("svg polyline"));
    }

    [Theory]
    [InlineData(ToleranceKind.Absolute, 0.05, 0, 0.1, 0.5)]
    [InlineData(ToleranceKind.Absolute, 0.3, 0, 0.1, 2)]       // beyond twice the tolerance: drawn at the top
    [InlineData(ToleranceKind.AtMost, 0.25, 1, 0, 0.25)]
    [InlineData(ToleranceKind.AtLeast, 1, 0.8, 0, 0.8)]
    [InlineData(ToleranceKind.AtMost, 0, 0, 0, double.NaN)]   // a bound at 0: no share defined, not drawn
    public void ToleranceUsedIsTheShareOfTheAcceptedRegion(ToleranceKind kind, double measured, double expected, double value, double used)
    {
        var share = HistoryHtml.ToleranceUsed(Records.Check("x", measured, expected, new Tolerance(kind, value)));
        if (double.IsNaN(used)) Assert.Null(share);
        else Assert.Equal(used, share!.Value, 12);
    }

    [Theory]
    [InlineData("no-such-folder", "does not exist")]
    [InlineData("", "holds no verify run")]
    public void BadInputIsOneLineAndExitTwo(string name, string message)
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run("verify", "history", name.Length == 0 ? dir.Path : dir[name]);
        Assert.Equal(2, code);
        Assert.StartsWith("verify history: error:", err);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
    }
}
