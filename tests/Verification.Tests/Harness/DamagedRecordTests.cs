using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>
/// A damaged record in a staging folder (cut short, a figure it lists gone, another item's record in its place) is
/// never accepted silently: `--resume` names the file and what is wrong with it and runs that item again, and the run
/// ends as an undamaged one would; a finished run or a merge input with such a record is refused with exit code 2.
/// </summary>
public class DamagedRecordTests
{
    private static readonly string[] Work = ["verify", "--paper", "MC", "--scale", "smoke", "--seed", "1", "--seed", "2", "--jobs", "1"];
    private const string Key = "MC.entropy-rate-at-most-stationary-entropy@1";   // an item with a figure (PNG + CSV)

    /// <summary>A finished run turned back into its staging folder: every record is there, no report.</summary>
    private static (string Expected, string Staging) Staged(TempDir dir)
    {
        Assert.Equal(0, CliRun.Run([.. Work, "--out", dir["whole"]]).Code);
        var expected = File.ReadAllText(dir["whole/results.json"]);
        Directory.Move(dir["whole"], dir["run.partial"]);
        File.Delete(dir["run.partial/results.json"]);
        return (expected, dir["run.partial"]);
    }

    [Theory]
    [InlineData("cut short", "malformed claim record")]
    [InlineData("figure missing", ".png, which is missing")]
    [InlineData("another item's record", "holds the record of MC.entropy-rate-at-most-stationary-entropy@2")]
    public void ResumeNamesADamagedRecordAndRunsThatItemAgain(string damage, string said)
    {
        using var dir = new TempDir();
        var (expected, staging) = Staged(dir);
        var record = Path.Combine(staging, "claims", Key + ".json");
        var figure = RunDirectory.ForReading(staging).TryLoad(Key)!.Files.First(f => f.EndsWith(".png", StringComparison.Ordinal));
        switch (damage)
        {
            case "cut short":
                File.WriteAllBytes(record, File.ReadAllBytes(record)[..(int)(new FileInfo(record).Length / 2)]);
                break;
            case "figure missing":
                File.Delete(Path.Combine(staging, figure));
                break;
            default:
                File.Copy(Path.Combine(staging, "claims", "MC.entropy-rate-at-most-stationary-entropy@2.json"), record, overwrite: true);
                break;
        }

        var resumed = CliRun.Run("verify", "--resume", dir["run"]);

        Assert.True(resumed.Code == 0, resumed.Err + resumed.Out);
        var line = Assert.Single(resumed.Out.Split('\n'), l => l.StartsWith("damaged record:", StringComparison.Ordinal));
        Assert.Contains(record, line);
        Assert.Contains(said, line);
        Assert.EndsWith($"; running {Key} again", line);
        Assert.Equal(5, resumed.Out.Split("(reused)").Length - 1);   // the other five items
        Assert.Equal(expected, File.ReadAllText(dir["run/results.json"]));
    }

    [Fact]
    public void AFinishedRunWithADamagedRecordIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run([.. Work, "--out", dir["run"]]).Code);
        var record = dir[$"run/claims/{Key}.json"];
        File.WriteAllText(record, File.ReadAllText(record)[..100]);

        var (code, _, err) = CliRun.Run("verify", "--resume", dir["run"]);

        Assert.Equal(2, code);
        Assert.Contains($"the record of {Key} is damaged ({record}: malformed claim record", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AMergeInputWithAMissingFigureIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run([.. Work, "--out", dir["run"]]).Code);
        var figure = RunDirectory.ForReading(dir["run"]).TryLoad(Key)!.Files[0];
        File.Delete(dir[$"run/{figure}"]);

        var (code, _, err) = CliRun.Run("verify", "merge", dir["run"], "--out", dir["merged"]);

        Assert.Equal(2, code);
        Assert.Contains($"lists {Key} but its record is damaged: ", err);
        Assert.Contains($"lists {figure}, which is missing", err);
        Assert.False(Directory.Exists(dir["merged.partial"]));
    }
}
