using System.Text.Json.Nodes;
using Verification.Cli;
using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>
/// A finished run is never damaged: every mistake that would overwrite or mix it exits 2 with one line saying what
/// differs, and leaves every old file byte-identical. A run writes into OUT.partial and appears as OUT only whole.
/// </summary>
public class FinishedRunTests
{
    private static readonly string[] Work = ["verify", "--claim", "MC.stationary-distribution-is-invariant", "--scale", "smoke", "--seed", "1"];

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    private static void AssertRefusedAndUntouched(string folder, string expected, params string[] args)
    {
        var before = Files(folder);
        var (code, output, err) = CliRun.Run(args);
        Assert.True(code == 2, $"exit {code}: {err}{output}");
        Assert.Matches("^verify( merge)?: error: ", err);
        Assert.Contains(expected, err);
        Assert.Single(err.TrimEnd().Split('\n'));
        var after = Files(folder);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed");
        Assert.False(Directory.Exists(RunDirectory.StagingPathOf(folder)), "a refusal starts no staging folder");
    }

    private static string FinishedRun(TempDir dir)
    {
        var (code, _, err) = CliRun.Run([.. Work, "--out", dir["run"]]);
        Assert.True(code == 0, err);
        return dir["run"];
    }

    [Fact]
    public void ResumeOfAFinishedRunWithOtherSettingsIsRefused()
    {
        using var dir = new TempDir();
        var run = FinishedRun(dir);
        AssertRefusedAndUntouched(run, "differs in scale (the run's is smoke, not ci)", "verify", "--resume", run, "--scale", "ci");
        AssertRefusedAndUntouched(run, "differs in seeds (the run's are 1, not 2)", "verify", "--resume", run, "--seed", "2");
        AssertRefusedAndUntouched(run, "differs in claims", "verify", "--resume", run, "--paper", "MC");
        AssertRefusedAndUntouched(run, "differs in shard", "verify", "--resume", run, "--shard", "1/2");
    }

    [Fact]
    public void ResumeOfARunOfAnotherCodeVersionIsRefused()
    {
        using var dir = new TempDir();
        var run = FinishedRun(dir);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run, RunManifest.FileName)))!;
        manifest["codeVersion"] = "1.0.0+0000000";
        File.WriteAllText(Path.Combine(run, RunManifest.FileName), manifest.ToJsonString());
        AssertRefusedAndUntouched(run, "differs in code version (the run's is 1.0.0+0000000", "verify", "--resume", run);
    }

    [Fact]
    public void OutOntoAFinishedRunIsRefused()
    {
        using var dir = new TempDir();
        var run = FinishedRun(dir);
        AssertRefusedAndUntouched(run, "holds a finished run, which is never overwritten",
            "verify", "--claim", "MC.plug-in-entropy-rate-converges", "--scale", "smoke", "--out", run);
        AssertRefusedAndUntouched(run, "holds a finished run", "verify", "merge", run, "--out", run);
    }

    [Fact]
    public void OutOntoAFolderWithOtherFilesIsRefused()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["mine"]);
        File.WriteAllText(dir["mine/notes.txt"], "not a run");
        AssertRefusedAndUntouched(dir["mine"], "is not empty", [.. Work, "--out", dir["mine"]]);
    }

    [Fact]
    public void OutOntoAnUnfinishedRunIsRefusedWithTheResumeCommand()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        string[] two = [.. Work, "--seed", "2"];
        Assert.Equal(VerifyRunner.Interrupted, CliRun.Run([.. two, "--jobs", "1", "--out", dir["run"]], cts.Token, _ => cts.Cancel()).Code);
        var staging = RunDirectory.StagingPathOf(dir["run"]);
        var before = Files(staging);
        var (code, _, err) = CliRun.Run([.. two, "--out", dir["run"]]);
        Assert.Equal(2, code);
        Assert.Contains($"continue it with verify --resume {dir["run"]}", err);
        Assert.Equal(before.Keys.Order(), Files(staging).Keys.Order());
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void ResumeOfAFinishedRunWithItsOwnSettingsWritesNothing()
    {
        using var dir = new TempDir();
        var run = FinishedRun(dir);
        var before = Files(run);
        var (code, output, err) = CliRun.Run("verify", "--resume", run);
        Assert.True(code == 0, err);
        Assert.Contains("is a finished run of these 1 items: nothing was run or written", output);
        var after = Files(run);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed");
    }

    [Fact]
    public void ARunAppearsUnderItsNameOnlyWhenFinished()
    {
        using var dir = new TempDir();
        var seen = new List<(bool Out, bool Staging)>();
        var (code, _, err) = CliRun.Run([.. Work, "--seed", "2", "--out", dir["run"]], default,
            _ => seen.Add((Directory.Exists(dir["run"]), Directory.Exists(dir["run.partial"]))));
        Assert.True(code == 0, err);
        Assert.All(seen, s => Assert.Equal((false, true), s));
        Assert.True(File.Exists(dir["run/results.json"]));
        Assert.True(File.Exists(dir["run/" + RunManifest.FileName]));
        Assert.False(Directory.Exists(dir["run.partial"]));
    }

    [Fact]
    public void AnEmptyOutputFolderIsUsed()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["empty"]);
        var (code, _, err) = CliRun.Run([.. Work, "--out", dir["empty"]]);
        Assert.True(code == 0, err);
        Assert.True(File.Exists(dir["empty/report.md"]));
    }

    [Fact]
    public void MergeAdviceForAnUnfinishedShardWorks()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        string[] two = [.. Work, "--seed", "2"];
        Assert.Equal(VerifyRunner.Interrupted, CliRun.Run([.. two, "--jobs", "1", "--out", dir["s1"]], cts.Token, _ => cts.Cancel()).Code);
        var (code, _, err) = CliRun.Run("verify", "merge", dir["s1"], "--out", dir["m"]);
        Assert.Equal(2, code);
        Assert.StartsWith("verify merge: error: ", err);
        Assert.Contains($"finish it with: verify --resume {dir["s1"]}", err);

        var followed = CliRun.Run("verify", "--resume", dir["s1"]);
        Assert.True(followed.Code == 0, followed.Err);
        Assert.Equal(0, CliRun.Run("verify", "merge", dir["s1"], "--out", dir["m"]).Code);

        Directory.CreateDirectory(dir["nothing"]);
        var none = CliRun.Run("verify", "merge", dir["nothing"], "--out", dir["m2"]);
        Assert.Equal(2, none.Code);
        Assert.Contains("is not a complete verify output folder", none.Err);
        Assert.DoesNotContain("--resume", none.Err);
    }
}
