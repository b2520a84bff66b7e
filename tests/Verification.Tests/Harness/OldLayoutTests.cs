using System.Text.RegularExpressions;
using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>
/// Runs written before figures/ and tables/ (every committed run under results/paper) list their files at the top of
/// the run folder. The readers follow the paths the records give, so such a run still merges, resumes and links its
/// figures; here a fresh run is moved into the old layout (files at the top, records naming them there).
/// </summary>
public class OldLayoutTests
{
    private static readonly string[] Work = ["verify", "--paper", "MC", "--scale", "smoke", "--seed", "1", "--seed", "2"];

    [Fact]
    public void ARunInTheOldLayoutMergesWithANewOneAndEveryFileItListsIsThere()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run([.. Work, "--shard", "1/2", "--out", dir["old"]]).Code);
        Assert.Equal(0, CliRun.Run([.. Work, "--shard", "2/2", "--out", dir["new"]]).Code);
        Assert.NotEmpty(ToOldLayout(dir["old"]));

        var (code, _, err) = CliRun.Run("verify", "merge", dir["old"], dir["new"], "--out", dir["merged"]);
        Assert.True(code == 0, err);
        var records = ResultsJson.Load(dir["merged"]).Claims;
        var files = records.SelectMany(r => r.Files).ToList();
        Assert.Contains(files, f => !f.Contains('/'));                    // the old run's, at the top
        Assert.Contains(files, f => f.StartsWith("figures/", StringComparison.Ordinal));   // the new run's
        Assert.All(files, f => Assert.True(File.Exists(RunDirectory.ForReading(dir["merged"]).PathOf(f)), f));
        AssertReportLinksResolve(dir["merged"]);
    }

    [Fact]
    public void AnUnfinishedRunInTheOldLayoutResumesReusingItsRecords()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run([.. Work, "--out", dir["run"]]).Code);
        Assert.NotEmpty(ToOldLayout(dir["run"]));
        var expected = File.ReadAllText(dir["run/results.json"]);
        // Unfinished: the staging folder with its records, no results.json or reports.
        foreach (var f in new[] { "results.json", "report.md", "report.html", "timings.json", "provenance.json" }) File.Delete(dir[$"run/{f}"]);
        Directory.Move(dir["run"], dir["run.partial"]);

        var resumed = CliRun.Run("verify", "--resume", dir["run"]);
        Assert.True(resumed.Code == 0, resumed.Err);
        var items = ResultsJson.Load(dir["run"]).Claims.Count;
        Assert.Equal(items, resumed.Out.Split("(reused)").Length - 1);
        Assert.Equal(expected, File.ReadAllText(dir["run/results.json"]));
        AssertReportLinksResolve(dir["run"]);
    }

    /// <summary>Moves figures/ and tables/ to the top of the run and rewrites its records to match; returns the moved files.</summary>
    private static List<string> ToOldLayout(string run)
    {
        var moved = new List<string>();
        foreach (var sub in new[] { RunDirectory.FiguresFolderName, RunDirectory.TablesFolderName })
        {
            if (!Directory.Exists(Path.Combine(run, sub))) continue;
            foreach (var file in Directory.GetFiles(Path.Combine(run, sub)))
            {
                File.Move(file, Path.Combine(run, Path.GetFileName(file)));
                moved.Add(Path.GetFileName(file));
            }
            Directory.Delete(Path.Combine(run, sub));
        }
        foreach (var json in Directory.GetFiles(run, "*.json", SearchOption.AllDirectories))
            File.WriteAllText(json, File.ReadAllText(json).Replace("\"figures/", "\"").Replace("\"tables/", "\""));
        return moved;
    }

    private static void AssertReportLinksResolve(string run)
    {
        var links = Regex.Matches(File.ReadAllText(Path.Combine(run, "report.html")), "(?:src|href)=\"([^\"#:]+\\.(?:png|csv))\"")
            .Select(m => Uri.UnescapeDataString(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(run, l)), $"report.html links {l}, which is not in the run"));
    }
}
