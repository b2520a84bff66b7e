using System.Diagnostics;
using Verification.Tests.Support;

namespace Verification.Tests.Deploy;

/// <summary>
/// deploy/verify-task.sh, the shard script every template runs (Slurm, Kubernetes, CI matrix): which shard folder each
/// scheduler's environment gives, that a task finding its staging folder resumes it, and how verify's exit code becomes
/// the task's. Run against a stand-in CLI that records its arguments and exits with a chosen code; the real CLI under a
/// real Slurm is deploy/slurm/e2e.sh (run by .ci/run). Kubernetes and the CI matrix have not run on a real cluster.
/// </summary>
public sealed class VerifyTaskScriptTests
{
    private static (int Code, string Args, string Output) Run(TempDir dir, IDictionary<string, string> env, int cliExit = 0)
    {
        var cli = dir["fake-cli"];
        File.WriteAllText(cli, $"#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"{dir["args"]}\"\nexit {cliExit}\n");
        Process.Start("chmod", ["+x", cli])!.WaitForExit();
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "deploy", "verify-task.sh"), cli, dir["runs"], "--scale", "smoke"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var name in new[] { "VERIFY_SHARD_INDEX", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX", "CI_NODE_INDEX" })
            start.Environment.Remove(name);
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, File.Exists(dir["args"]) ? File.ReadAllText(dir["args"]).Replace('\n', ' ').Trim() : "", output);
    }

    [Theory]
    [InlineData("VERIFY_SHARD_INDEX", "3", "shard-3")]      // CI matrix, and the Slurm template (it sets the index from the task id)
    [InlineData("SLURM_ARRAY_TASK_ID", "2", "shard-3")]     // a plain Slurm array, 0-based
    [InlineData("JOB_COMPLETION_INDEX", "2", "shard-3")]    // Kubernetes Indexed Job, 0-based
    [InlineData("CI_NODE_INDEX", "3", "shard-3")]           // GitLab parallel, 1-based
    public void EachSchedulerGivesTheOneBasedShardFolder(string variable, string value, string folder)
    {
        using var dir = new TempDir();
        var (code, args, _) = Run(dir, new Dictionary<string, string> { [variable] = value });
        Assert.Equal(0, code);
        Assert.Equal($"verify --scale smoke --shard auto --out {dir["runs"]}/{folder}", args);
    }

    [Fact]
    public void ATaskFindingItsStagingFolderResumesItAndAFinishedOneDoesNothing()
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string> { ["VERIFY_SHARD_INDEX"] = "2" };
        Directory.CreateDirectory(dir["runs/shard-2.partial/claims"]);
        Assert.EndsWith($"--resume {dir["runs"]}/shard-2", Run(dir, env).Args);

        Directory.Move(dir["runs/shard-2.partial"], dir["runs/shard-2"]);
        File.WriteAllText(dir["runs/shard-2/results.json"], "{}");
        File.Delete(dir["args"]);
        var (code, args, output) = Run(dir, env);
        Assert.Equal((0, ""), (code, args));
        Assert.Contains("already finished", output);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]     // a claim off its recorded verdict: the shard is complete, the merge carries the verdict
    [InlineData(2, 2)]     // bad usage or input
    [InlineData(130, 130)] // interrupted: the staging folder stays for the retry
    [InlineData(74, 74)]   // a full disk: the staging folder stays for the retry
    [InlineData(134, 134)] // a crash
    public void VerifyExitCodeBecomesTheTasks(int verifyExit, int taskExit)
    {
        using var dir = new TempDir();
        Assert.Equal(taskExit, Run(dir, new Dictionary<string, string> { ["VERIFY_SHARD_INDEX"] = "1" }, verifyExit).Code);
    }

    [Fact]
    public void NoShardIndexInTheEnvironmentIsAClearError()
    {
        using var dir = new TempDir();
        var (code, args, output) = Run(dir, new Dictionary<string, string>());
        Assert.NotEqual(0, code);
        Assert.Equal("", args);
        Assert.Contains("no shard index in the environment", output);
    }
}
