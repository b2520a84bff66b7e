using System.Diagnostics;
using Verification.Cli;
using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>Interrupted runs leave no half-written report; `--resume DIR` reuses finished items and runs the rest.</summary>
public class ResumeTests
{
    private static readonly string[] Work = ["verify", "--paper", "MC", "--scale", "smoke", "--seed", "1", "--seed", "2"];

    [Fact]
    public void AnInterruptedRunWritesNoReportAndResumeCompletesItIdentically()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run([.. Work, "--out", dir["whole"]]).Code);

        using var cts = new CancellationTokenSource();
        int finished = 0;
        var (code, output, _) = CliRun.Run([.. Work, "--jobs", "1", "--out", dir["run"]], cts.Token, _ =>
        {
            if (++finished == 2) cts.Cancel();
        });
        Assert.Equal(VerifyRunner.Interrupted, code);
        Assert.Contains($"verify --resume {dir["run"]}", output);
        Assert.False(Directory.Exists(dir["run"]), "an unfinished run is only in its staging folder");
        Assert.False(File.Exists(dir["run.partial/results.json"]));
        Assert.False(File.Exists(dir["run.partial/report.md"]));
        Assert.Equal(2, Directory.GetFiles(dir["run.partial/claims"], "*.json").Length);

        // The hint works as printed: the run's own options are taken from its run.json.
        var resumed = CliRun.Run("verify", "--resume", dir["run"]);
        Assert.Equal(0, resumed.Code);
        Assert.Equal(2, resumed.Out.Split("(reused)").Length - 1);
        Assert.Equal(File.ReadAllText(dir["whole/results.json"]), File.ReadAllText(dir["run/results.json"]));
    }

    [Fact]
    public void AnInterruptWithTwoWorkersLeavesOnlyWholeRecordsAndResumesIdentically()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run([.. Work, "--jobs", "1", "--out", dir["whole"]]).Code);

        using var cts = new CancellationTokenSource();
        int finished = 0;
        var (code, _, _) = CliRun.Run([.. Work, "--jobs", "2", "--out", dir["run"]], cts.Token, _ =>
        {
            if (++finished == 2) cts.Cancel();
        });
        Assert.Equal(VerifyRunner.Interrupted, code);
        Assert.False(File.Exists(dir["run/results.json"]));
        var records = Directory.GetFiles(dir["run.partial/claims"], "*.json");
        Assert.InRange(records.Length, 2, 3);   // the other worker may finish the item it had started
        foreach (var record in records)
            Verification.Core.Reporting.ClaimRecord.Parse(File.ReadAllText(record), record);   // whole, or it throws

        var resumed = CliRun.Run(["verify", "--jobs", "2", "--resume", dir["run"]]);
        Assert.Equal(0, resumed.Code);
        Assert.Equal(File.ReadAllText(dir["whole/results.json"]), File.ReadAllText(dir["run/results.json"]));
    }

    [Fact]
    public void ResumeRerunsItemsWhoseRecordIsCorrupt()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        int finished = 0;
        Assert.Equal(VerifyRunner.Interrupted, CliRun.Run([.. Work, "--jobs", "1", "--out", dir["run"]], cts.Token, _ =>
        {
            if (++finished == 3) cts.Cancel();
        }).Code);
        File.WriteAllText(dir["run.partial/claims/MC.stationary-distribution-is-invariant@1.json"], "{ not json");

        var again = CliRun.Run([.. Work, "--resume", dir["run"]]);
        Assert.Equal(0, again.Code);
        Assert.Equal(2, again.Out.Split("(reused)").Length - 1);   // 3 saved, the corrupt one rerun
        Assert.False(Directory.Exists(dir["run.partial"]));
    }

    [Fact]
    public void ResumeOfAFolderThatIsNoRunIsAClearError()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run([.. Work, "--resume", dir.Path]);
        Assert.Equal(2, code);
        Assert.Contains("is not a verify output folder", err);
    }

    /// <summary>
    /// A real process killed (SIGKILL) mid-run: whatever it wrote is whole (finished records only, no report), and
    /// the next run resumes from it.
    /// </summary>
    [Fact]
    public void AKilledProcessLeavesOnlyWholeRecords()
    {
        using var dir = new TempDir();
        var cli = typeof(Program).Assembly.Location;
        var args = new[] { "verify", "--claim", "MC.plug-in-entropy-rate-converges", "--scale", "paper", "--seed", "1", "--seed", "2", "--seed", "3", "--seed", "4", "--out", dir["run"] };
        var start = new ProcessStartInfo("dotnet", [cli, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var claims = dir["run.partial/claims"];
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)
               && (!Directory.Exists(claims) || Directory.GetFiles(claims, "*.json").Length == 0))
            Thread.Sleep(5);
        bool killedMidRun = !process.HasExited;
        if (killedMidRun) process.Kill(entireProcessTree: true);
        process.WaitForExit();

        Assert.True(killedMidRun, "the run finished before it could be killed; the test could not interrupt it");
        Assert.False(Directory.Exists(dir["run"]));
        Assert.False(File.Exists(dir["run.partial/report.md"]));
        var run = Verification.Core.Reporting.RunDirectory.ForReading(dir["run.partial"]);
        foreach (var record in Directory.GetFiles(claims, "*.json"))
            Assert.NotNull(run.TryLoad(Path.GetFileNameWithoutExtension(record)));

        var resumed = CliRun.Run([.. args[..^2], "--resume", dir["run"]]);
        Assert.Equal(0, resumed.Code);
        Assert.Contains("(reused)", resumed.Out);
        Assert.True(File.Exists(dir["run/results.json"]));
        Assert.Empty(Directory.GetFiles(dir["run"], ".*.tmp", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(dir["run.partial"]));
    }
}
