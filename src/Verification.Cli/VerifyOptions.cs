using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>One slice of the work list: shard <see cref="Index"/> of <see cref="Count"/> (1-based).</summary>
public sealed record Shard(int Index, int Count)
{
    public static readonly Shard Whole = new(1, 1);

    /// <summary>Parses <c>i/n</c> with 1 ≤ i ≤ n (<c>auto</c> is resolved by <see cref="SchedulerShard"/> before this).</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var i) || !int.TryParse(parts[1], out var n) || n < 1 || i < 1 || i > n)
            throw new UsageException($"--shard: must be i/n with 1 ≤ i ≤ n, e.g. 2/4, or auto (got '{text}')");
        return new Shard(i, n);
    }

    /// <summary>Whether the work item at position <paramref name="k"/> (0-based) of the full list is in this shard.</summary>
    public bool Contains(int k) => k % Count == Index - 1;

    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>
/// The validated options of one <c>verify</c> run. <see cref="OutDir"/> is the output folder as given; the run writes
/// into its staging folder (<see cref="RunDirectory.StagingPathOf"/>) and publishes it there at the end.
/// </summary>
public sealed record VerifyOptions(
    IReadOnlyList<PaperId> Papers,
    IReadOnlyList<string> Claims,
    Scale Scale,
    IReadOnlyList<int> Seeds,
    string OutDir,
    ComputeDevice Device,
    bool Resume,
    Shard Shard)
{
    /// <summary>Work items run at once (<c>--jobs</c>; default: the number of cores). Results do not depend on it.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary><c>--split</c>: long claims run as sub-units (one work item per part, plus the assembly).</summary>
    public bool Split { get; init; }

    /// <summary>Where the shard came from when <c>--shard auto</c> read it from a scheduler's environment (for the log).</summary>
    public string? ShardSource { get; init; }

    /// <summary>
    /// Validates raw option values (null or empty: not given); every problem is a <see cref="UsageException"/> naming
    /// it. With <paramref name="resumeDir"/>, options not given are the stored run's (<c>run.json</c>), and options
    /// given must equal them. Without it, <paramref name="outDir"/> must be new or empty and have no unfinished run.
    /// Nothing is written here.
    /// </summary>
    public static VerifyOptions Parse(IEnumerable<string> papers, IEnumerable<string> claims, string? scale,
        IEnumerable<string> seeds, string? outDir, string? resumeDir, string? shard, string? device,
        ClaimRegistry registry, string codeVersion, DateTimeOffset now, string? seedRanges = null, int? jobs = null,
        int? shards = null, Func<string, string?>? environment = null, bool split = false)
    {
        if (jobs is < 1)
            throw new UsageException($"--jobs: must be a positive number of concurrent work items (got {jobs})");
        int workers = jobs ?? Environment.ProcessorCount;
        var paperIds = new List<PaperId>();
        foreach (var p in papers)
        {
            if (int.TryParse(p, out _) || !Enum.TryParse<PaperId>(p, ignoreCase: true, out var id) || !Enum.IsDefined(id))
                throw new UsageException($"--paper: unknown paper '{p}'; valid papers: {string.Join(", ", Enum.GetNames<PaperId>())}");
            paperIds.Add(id);
        }
        var claimIds = claims.ToList();
        foreach (var c in claimIds)
            if (!registry.TryGet(c, out _))
                throw new UsageException($"--claim: unknown claim '{c}'; {ClaimCatalog.DidYouMean(c, registry)}");
        Scale? s = null;
        if (scale is not null)
            s = ScaleNames.TryParse(scale, out var parsed) ? parsed
                : throw new UsageException($"--scale: must be one of smoke, ci, paper (got '{scale}')");
        var seedList = new List<int>();
        foreach (var text in seeds)
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seed))
                throw new UsageException($"--seed: must be a non-negative integer (got '{text}')");
            if (!seedList.Contains(seed)) seedList.Add(seed);
        }
        if (seedRanges is not null)
            foreach (var seed in SeedRange.Parse(seedRanges))
                if (!seedList.Contains(seed)) seedList.Add(seed);
        ComputeDevice? dev = null;
        if (device is not null)
        {
            try
            {
                dev = ComputeDevice.Parse(device);
            }
            catch (ArgumentException)
            {
                throw new UsageException($"--device: must be cpu or cuda (got '{device}')");
            }
        }
        if (shards is not null && !string.Equals(shard?.Trim(), "auto", StringComparison.OrdinalIgnoreCase))
            throw new UsageException("--shards N goes with --shard auto (with --shard i/n the count is n)");
        SchedulerShard.Resolved? auto = string.Equals(shard?.Trim(), "auto", StringComparison.OrdinalIgnoreCase)
            ? SchedulerShard.Resolve(environment ?? Environment.GetEnvironmentVariable, shards)
            : null;
        var sh = auto?.Shard ?? (shard is null ? null : Shard.Parse(shard));

        if (resumeDir is null)
        {
            var dir = string.IsNullOrWhiteSpace(outDir)
                ? Path.Combine("artifacts", "verify", now.UtcDateTime.ToString("yyyyMMdd-HHmmss"))
                : outDir;
            RefuseOccupied(dir);
            return new VerifyOptions(paperIds, claimIds, s ?? Scale.Ci, seedList.Count == 0 ? [1] : seedList, dir,
                dev ?? ComputeDevice.Cpu, false, sh ?? Shard.Whole) { Jobs = workers, Split = split, ShardSource = auto?.Source };
        }

        var target = ResumeTarget(resumeDir);
        if (outDir is not null && Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar) != target)
            throw new UsageException("--resume DIR writes into DIR: do not also give a different --out");
        var folder = RunDirectory.IsFinishedRun(target) ? target
            : Directory.Exists(RunDirectory.StagingPathOf(target)) ? RunDirectory.StagingPathOf(target)
            : throw new UsageException($"--resume: '{resumeDir}' is not a verify output folder: it has no results.json and " +
                                       $"there is no unfinished run '{Path.GetFileName(RunDirectory.StagingPathOf(target))}' beside it");
        RunManifest stored;
        try
        {
            stored = RunManifest.TryRead(folder) ?? throw new UsageException(
                $"--resume: '{resumeDir}' has no {RunManifest.FileName} (it was written by an older verify), so it cannot be resumed; start a new run with --out");
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"--resume: {e.Message}");
        }

        // Options not given are the stored run's; given ones must match it.
        var selected = paperIds.Count > 0 || claimIds.Count > 0
            ? registry.Select(paperIds, claimIds).Select(c => c.Id).ToList()
            : stored.Claims.ToList();
        var requested = new RunManifest(
            s?.ToCli() ?? stored.Scale,
            seedList.Count > 0 ? seedList : stored.Seeds,
            selected,
            dev?.Name ?? stored.Device,
            sh?.ToString() ?? stored.Shard,
            codeVersion) { Split = stored.Split || split };
        var differences = stored.Differences(requested);
        if (differences.Count > 0)
            throw new UsageException($"--resume: '{resumeDir}' is another run; it differs in {string.Join("; ", differences)}. " +
                                     "A run is resumed only with its own settings and code version; start a new one with --out");
        ScaleNames.TryParse(requested.Scale, out var runScale);
        var outAsGiven = target == Path.GetFullPath(resumeDir).TrimEnd(Path.DirectorySeparatorChar)
            ? resumeDir
            : resumeDir.TrimEnd(Path.DirectorySeparatorChar)[..^RunDirectory.StagingSuffix.Length];
        return new VerifyOptions([], requested.Claims, runScale, requested.Seeds, outAsGiven, ComputeDevice.Parse(requested.Device),
            true, Shard.Parse(requested.Shard)) { Jobs = workers, Split = stored.Split || split, ShardSource = auto?.Source };
    }

    /// <summary>The output folder a <c>--resume</c> path names: the path itself, or the run a <c>.partial</c> folder stages.</summary>
    private static string ResumeTarget(string resumeDir)
    {
        var full = Path.GetFullPath(resumeDir).TrimEnd(Path.DirectorySeparatorChar);
        return RunDirectory.TargetOfStaging(full) is { } t && File.Exists(Path.Combine(full, RunManifest.FileName)) ? t : full;
    }

    /// <summary>A new run writes only to a new or empty folder that has no unfinished run beside it.</summary>
    internal static void RefuseOccupied(string outDir)
    {
        if (File.Exists(outDir)) throw new UsageException($"--out: '{outDir}' is a file, not a folder");
        if (RunDirectory.IsFinishedRun(outDir))
            throw new UsageException($"--out: '{outDir}' holds a finished run, which is never overwritten; choose a new --out folder");
        if (RunDirectory.HoldsAnything(outDir))
            throw new UsageException($"--out: '{outDir}' is not empty; a run writes only into a new or empty folder");
        var staging = RunDirectory.StagingPathOf(outDir);
        if (Directory.Exists(staging))
            throw new UsageException($"--out: '{outDir}' has an unfinished run in '{staging}': continue it with " +
                                     $"verify --resume {outDir}, or delete '{staging}' to start again");
    }
}
