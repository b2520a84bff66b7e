using Snapshooter;
using Snapshooter.Xunit;
using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// `verify explain ID`: one claim's page from the registry and the committed paper-scale records (snapshots, text and
/// Markdown), the source line of each check from a run with source lines (and its link in Markdown), and bad input.
/// </summary>
public sealed class ClaimExplanationTests
{
    private static readonly string Paper = Path.Combine(RepoPaths.Root, "results", "paper");

    [Fact]
    public void AClaimFromTheCommittedPaperRunsAsText()
    {
        var (code, output, err) = CliRun.Run("verify", "explain", "SS.end-to-end-error-bound", "--records", Paper);
        Assert.True(code == 0, err);
        Snapshot.Match(output.Split('\n'), new SnapshotFullName("explain-ss-end-to-end-error-bound.snap", RepoPaths.Snapshots("Reporting")));
    }

    [Fact]
    public void ARecordedRefutationFromTheCommittedPaperRunsAsMarkdown()
    {
        var (code, output, err) = CliRun.Run("verify", "explain", "AM.tied-training-ends-at-unigram", "--records", Paper, "--format", "markdown");
        Assert.True(code == 0, err);
        Snapshot.Match(output.Split('\n'), new SnapshotFullName("explain-am-tied-training-ends-at-unigram-md.snap", RepoPaths.Snapshots("Reporting")));
    }

    [Fact]
    public void EachCheckShowsItsSourceLineFromARunThatRecordedIt()
    {
        using var dir = new TempDir();
        const string id = "MC.stationary-distribution-is-invariant";
        var (code, _, err) = CliRun.Run("verify", "--claim", id, "--scale", "smoke", "--out", dir["run"]);
        Assert.True(code == 0, err);
        const string file = "src/Verification.Markov/Claims/StationaryDistributionIsInvariant.cs";
        var line = File.ReadAllLines(Path.Combine(RepoPaths.Root, file)).ToList().FindIndex(l => l.Contains("ExpectAll(", StringComparison.Ordinal)) + 1;

        var (textCode, text, _) = CliRun.Run("verify", "explain", id, "--records", dir["run"], "--records", Paper);
        Assert.Equal(0, textCode);
        Assert.Contains($"{file}:{line} (at ", text);
        Assert.Contains("  smoke  1     holds    refuted  1 of 1         run", text);
        Assert.Contains("  paper  1     holds    refuted  1 of 1         m-542cf44  542cf44", text);

        var (mdCode, md, _) = CliRun.Run("verify", "explain", id, "--records", dir["run"], "--format", "markdown",
            "--source-link", "https://example.org/repo/blob/{commit}/{path}#L{line}");
        Assert.Equal(0, mdCode);
        Assert.Matches($@"\[StationaryDistributionIsInvariant\.cs:{line}\]\(https://example\.org/repo/blob/[0-9a-fA-Z]+/{file.Replace(".", @"\.")}#L{line}\)", md);
    }

    [Theory]
    [InlineData("MC.stationary", "unknown claim 'MC.stationary'; did you mean MC.stationary-distribution-is-invariant")]
    [InlineData("MC.stationary-distribution-is-invariant --records /no/such/folder", "does not exist")]
    [InlineData("MC.stationary-distribution-is-invariant --format html", "--format: must be text or markdown")]
    [InlineData("MC.stationary-distribution-is-invariant --format markdown --source-link https://x", "needs {path}")]
    public void BadInputIsOneLineAndExitTwo(string args, string message)
    {
        var (code, _, err) = CliRun.Run(["verify", "explain", .. args.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
    }
}
