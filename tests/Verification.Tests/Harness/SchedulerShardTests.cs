using Spectre.Console.Testing;
using Verification.Cli;
using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>
/// `--shard auto`: each scheduler's environment gives the right i/n (environments are injected as dictionaries, the
/// process environment is never touched), and the n shards a scheduler runs merge into the unsharded result.
/// </summary>
public class SchedulerShardTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars)
    {
        var map = vars.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    private static Shard Resolve(Func<string, string?> env, int? shards = null) => SchedulerShard.Resolve(env, shards).Shard;

    [Theory]
    [InlineData(0, 8, 1)]
    [InlineData(7, 8, 8)]
    [InlineData(3, 4, 4)]
    public void SlurmArrayTaskIdIsZeroBasedWithTaskCount(int id, int count, int expected)
    {
        var env = Env(("SLURM_ARRAY_TASK_ID", $"{id}"), ("SLURM_ARRAY_TASK_COUNT", $"{count}"), ("SLURM_ARRAY_TASK_MIN", "0"));
        Assert.Equal(new Shard(expected, count), Resolve(env));
    }

    [Fact]
    public void SlurmArrayFromMinMaxAndStep()
    {
        // --array=1-8: ids 1..8 are shards 1..8 of 8.
        Assert.Equal(new Shard(1, 8), Resolve(Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "8"))));
        // --array=0-12:4: ids 0,4,8,12 are shards 1..4 of 4.
        Assert.Equal(new Shard(3, 4), Resolve(Env(("SLURM_ARRAY_TASK_ID", "8"), ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_MAX", "12"), ("SLURM_ARRAY_TASK_STEP", "4"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
    }

    [Fact]
    public void SlurmArrayThatIsNotARangeIsRefused()
    {
        // --array=1,3,7: three tasks, but MIN..MAX spans seven ids.
        var e = Assert.Throws<UsageException>(() => Resolve(Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_MAX", "7"), ("SLURM_ARRAY_TASK_COUNT", "3"))));
        Assert.Contains("not a range", e.Message);
        var disagree = Assert.Throws<UsageException>(() => Resolve(Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")), 8));
        Assert.Contains("disagrees", disagree.Message);
    }

    [Fact]
    public void KubernetesCompletionIndexNeedsACount()
    {
        Assert.Equal(new Shard(3, 5), Resolve(Env(("JOB_COMPLETION_INDEX", "2")), shards: 5));
        Assert.Equal(new Shard(5, 5), Resolve(Env(("JOB_COMPLETION_INDEX", "4"), (SchedulerShard.CountVariable, "5"))));
        var e = Assert.Throws<UsageException>(() => Resolve(Env(("JOB_COMPLETION_INDEX", "2"))));
        Assert.Contains("--shards N", e.Message);
        var beyond = Assert.Throws<UsageException>(() => Resolve(Env(("JOB_COMPLETION_INDEX", "5")), shards: 5));
        Assert.Contains("1 ≤ i ≤ n", beyond.Message);
    }

    [Fact]
    public void CiMatrixIndexIsOneBasedAndOverridesTheScheduler()
    {
        var matrix = Env((SchedulerShard.IndexVariable, "2"), (SchedulerShard.CountVariable, "3"), ("SLURM_ARRAY_TASK_ID", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "8"));
        Assert.Equal(new Shard(2, 3), Resolve(matrix));
        Assert.Equal(new Shard(4, 4), Resolve(Env((SchedulerShard.IndexVariable, "4")), shards: 4));
        Assert.Equal(new Shard(2, 6), Resolve(Env(("CI_NODE_INDEX", "2"), ("CI_NODE_TOTAL", "6"))));
    }

    [Fact]
    public void NoSchedulerIsAClearUsageErrorWithExitCodeTwo()
    {
        Assert.Throws<UsageException>(() => Resolve(Env()));
        var (code, err) = Cli(Env(), "verify", "--paper", "MC", "--scale", "smoke", "--shard", "auto", "--out", "unused");
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("--shard auto: no scheduler shard found", err);
        Assert.Equal(2, Cli(Env(("SLURM_ARRAY_TASK_ID", "x"), ("SLURM_ARRAY_TASK_COUNT", "2")),
            "verify", "--paper", "MC", "--shard", "auto").Code);
        Assert.Equal(2, Cli(Env(), "verify", "--paper", "MC", "--shard", "1/2", "--shards", "2").Code);
    }

    private static readonly string[] Work = ["verify", "--paper", "MC", "--scale", "smoke", "--seed", "1", "--seed", "2"];

    /// <summary>One scheduler's tasks: the environment of task t (0-based) of <paramref name="tasks"/>, and extra arguments.</summary>
    public static TheoryData<string> Schedulers => ["slurm", "kubernetes", "ci-matrix"];

    private static (Func<string, string?> Env, string[] Args) Task(string scheduler, int t, int tasks) => scheduler switch
    {
        "slurm" => (Env(("SLURM_ARRAY_TASK_ID", $"{t}"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", $"{tasks - 1}"),
            ("SLURM_ARRAY_TASK_COUNT", $"{tasks}")), []),
        "kubernetes" => (Env(("JOB_COMPLETION_INDEX", $"{t}")), ["--shards", $"{tasks}"]),
        _ => (Env((SchedulerShard.IndexVariable, $"{t + 1}"), (SchedulerShard.CountVariable, $"{tasks}")), []),
    };

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void ShardsRunByASchedulerMergeIntoTheUnshardedRun(string scheduler)
    {
        const int tasks = 3;
        using var dir = new TempDir();
        Assert.Equal(0, Cli(Env(), [.. Work, "--out", dir["whole"]]).Code);
        for (int t = 0; t < tasks; t++)
        {
            var (env, args) = Task(scheduler, t, tasks);
            var (code, err) = Cli(env, [.. Work, "--shard", "auto", .. args, "--out", dir[$"task{t}"]]);
            Assert.True(code == 0, err);
        }
        var merged = Cli(Env(), "verify", "merge", dir["task2"], dir["task0"], dir["task1"], "--out", dir["merged"]);
        Assert.True(merged.Code == 0, merged.Err);
        Assert.Equal(File.ReadAllText(dir["whole/results.json"]), File.ReadAllText(dir["merged/results.json"]));
    }

    private static (int Code, string Err) Cli(Func<string, string?> env, params string[] args)
    {
        var err = new StringWriter();
        int code = Program.Run(args, new TestConsole(), err, default, null, env);
        return (code, err.ToString());
    }
}
