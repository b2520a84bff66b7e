namespace Verification.Cli;

/// <summary>
/// <c>--shard auto</c>: the shard <c>i/n</c> of this process, read from the environment that a batch scheduler sets for
/// each task of an array, so that one job script serves every task. Looked up in this order (the first one set wins):
/// <list type="number">
/// <item><c>VERIFY_SHARD_INDEX</c> (1-based, as <c>--shard i/n</c>) with <c>VERIFY_SHARD_COUNT</c> or <c>--shards N</c>:
/// any CI matrix (GitHub Actions, Buildkite, Jenkins) passes its matrix value here; set by hand it overrides the rest.</item>
/// <item>Slurm array jobs: <c>SLURM_ARRAY_TASK_ID</c>, counted from <c>SLURM_ARRAY_TASK_MIN</c> in steps of
/// <c>SLURM_ARRAY_TASK_STEP</c>, with <c>SLURM_ARRAY_TASK_COUNT</c> (else MIN/MAX) tasks; the array must be a range.</item>
/// <item>Kubernetes indexed Jobs: <c>JOB_COMPLETION_INDEX</c> (0-based) with <c>--shards N</c> or <c>VERIFY_SHARD_COUNT</c>
/// (Kubernetes does not export the completion count; the template sets it).</item>
/// <item>GitLab CI <c>parallel: N</c>: <c>CI_NODE_INDEX</c> (1-based) with <c>CI_NODE_TOTAL</c>.</item>
/// </list>
/// None set, or values that do not describe one shard of n, is a <see cref="UsageException"/> (exit 2).
/// </summary>
public static class SchedulerShard
{
    public const string IndexVariable = "VERIFY_SHARD_INDEX";
    public const string CountVariable = "VERIFY_SHARD_COUNT";

    /// <summary>The shard this process runs, and where it came from (for the log).</summary>
    public sealed record Resolved(Shard Shard, string Source);

    /// <param name="environment">Reads one environment variable (tests pass a dictionary; the CLI the process environment).</param>
    /// <param name="shards">The value of <c>--shards N</c>, if given: the count for Kubernetes, a cross-check for the others.</param>
    public static Resolved Resolve(Func<string, string?> environment, int? shards)
    {
        string? Get(string name) => environment(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        if (shards is < 1) throw new UsageException($"--shards: must be a positive integer (got {shards})");

        if (Get(IndexVariable) is { } verifyIndex)
        {
            int index = Integer(IndexVariable, verifyIndex);
            int count = CountFrom(Get(CountVariable), shards, $"{IndexVariable} is set but neither {CountVariable} nor --shards N is");
            return Make(index, count, $"{IndexVariable}={index}, count {count}");
        }

        if (Get("SLURM_ARRAY_TASK_ID") is { } slurmId)
        {
            int id = Integer("SLURM_ARRAY_TASK_ID", slurmId);
            int min = Get("SLURM_ARRAY_TASK_MIN") is { } m ? Integer("SLURM_ARRAY_TASK_MIN", m) : 0;
            int step = Get("SLURM_ARRAY_TASK_STEP") is { } s ? Integer("SLURM_ARRAY_TASK_STEP", s) : 1;
            if (step < 1) throw new UsageException($"--shard auto: SLURM_ARRAY_TASK_STEP must be ≥ 1 (got {step})");
            int? span = Get("SLURM_ARRAY_TASK_MAX") is { } max ? (Integer("SLURM_ARRAY_TASK_MAX", max) - min) / step + 1 : null;
            int? listed = Get("SLURM_ARRAY_TASK_COUNT") is { } c ? Integer("SLURM_ARRAY_TASK_COUNT", c) : null;
            if (listed is { } l && span is { } r && l != r)
                throw new UsageException($"--shard auto: the Slurm array is not a range (SLURM_ARRAY_TASK_COUNT={l}, but MIN..MAX in steps " +
                                         $"of {step} has {r} tasks); submit --array=0-{l - 1}");
            int count = listed ?? span ?? shards
                ?? throw new UsageException("--shard auto: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is; give --shards N");
            if (shards is { } n && n != count)
                throw new UsageException($"--shard auto: --shards {n} disagrees with the Slurm array of {count} tasks");
            if ((id - min) % step != 0)
                throw new UsageException($"--shard auto: SLURM_ARRAY_TASK_ID={id} is not MIN + k·STEP (MIN={min}, STEP={step})");
            return Make((id - min) / step + 1, count, $"SLURM_ARRAY_TASK_ID={id} of {count} tasks from {min}");
        }

        if (Get("JOB_COMPLETION_INDEX") is { } k8sIndex)
        {
            int index = Integer("JOB_COMPLETION_INDEX", k8sIndex);
            int count = CountFrom(Get(CountVariable), shards,
                $"JOB_COMPLETION_INDEX is set but the shard count is not: give --shards N or set {CountVariable} (the Job's completions)");
            return Make(index + 1, count, $"JOB_COMPLETION_INDEX={index}, count {count}");
        }

        if (Get("CI_NODE_INDEX") is { } nodeIndex && Get("CI_NODE_TOTAL") is { } nodeTotal)
        {
            int index = Integer("CI_NODE_INDEX", nodeIndex);
            int count = Integer("CI_NODE_TOTAL", nodeTotal);
            if (shards is { } n && n != count) throw new UsageException($"--shard auto: --shards {n} disagrees with CI_NODE_TOTAL={count}");
            return Make(index, count, $"CI_NODE_INDEX={index} of CI_NODE_TOTAL={count}");
        }

        throw new UsageException(
            $"--shard auto: no scheduler shard found in the environment (looked for {IndexVariable}, SLURM_ARRAY_TASK_ID, " +
            "JOB_COMPLETION_INDEX, CI_NODE_INDEX); give --shard i/n");
    }

    private static int CountFrom(string? variable, int? shards, string missing)
    {
        int? fromEnv = variable is null ? null : Integer(CountVariable, variable);
        if (fromEnv is { } e && shards is { } n && e != n)
            throw new UsageException($"--shard auto: --shards {n} disagrees with {CountVariable}={e}");
        return fromEnv ?? shards ?? throw new UsageException($"--shard auto: {missing}");
    }

    private static Resolved Make(int index, int count, string source)
    {
        if (count < 1 || index < 1 || index > count)
            throw new UsageException($"--shard auto: {source} is not a shard i/n with 1 ≤ i ≤ n (got {index}/{count})");
        return new Resolved(new Shard(index, count), source);
    }

    private static int Integer(string name, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new UsageException($"--shard auto: {name} must be an integer (got '{value}')");
}
