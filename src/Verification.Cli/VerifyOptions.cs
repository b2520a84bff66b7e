using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>
/// The options of one <c>verify</c> command line, typed and each valid on its own (the parsers of
/// <see cref="VerifyCommand"/> checked them); empty or null: not given. <see cref="VerifyOptions.Resolve"/> turns it
/// into a run.
/// </summary>
public sealed record VerifyRequest
{
    public IReadOnlyList<PaperId> Papers { get; init; } = [];
    public IReadOnlyList<string> Claims { get; init; } = [];
    /// <summary><c>--exclude</c>: claims left out of the selection.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public Scale? Scale { get; init; }
    /// <summary><c>--seed</c> and <c>--seeds</c> together, each seed once, in the order given.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [];
    public string? OutDir { get; init; }
    public string? ResumeDir { get; init; }
    public ComputeDevice? Device { get; init; }
    public ShardRequest? Shard { get; init; }
    /// <summary><c>--shards N</c>: the shard count for <c>--shard auto</c>.</summary>
    public int? Shards { get; init; }
    public int? Jobs { get; init; }
    public bool Split { get; init; }
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

    /// <summary><c>--exclude</c>: claims left out of the selection.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The claims this run covers: <see cref="Papers"/> and <see cref="Claims"/> (all when neither), less <see cref="Exclude"/>.</summary>
    public IReadOnlyList<Claim> Select(ClaimRegistry registry) =>
        registry.Select(Papers, Claims).Where(c => !Exclude.Contains(c.Id)).ToList();

    /// <summary><c>--source-link</c> (or <c>VERIFY_SOURCE_LINK</c>): report.html's link template for source lines; null: relative links.</summary>
    public string? SourceLink { get; init; }

    /// <summary>Where the shard came from when <c>--shard auto</c> read it from a scheduler's environment (for the log).</summary>
    public string? ShardSource { get; init; }

    /// <summary>
    /// The one place where a command line becomes a run: defaults for what is not given, and the checks that need more
    /// than one option or the disk. With <see cref="VerifyRequest.ResumeDir"/>, options not given are the stored run's
    /// (<c>run.json</c>), and options given must equal them; without it, the output folder must be new or empty and
    /// have no unfinished run. Every problem is a <see cref="UsageException"/> naming it. Nothing is written here.
    /// </summary>
    /// <param name="environment">Reads an environment variable (for <c>--shard auto</c>); the process environment when null.</param>
    public static VerifyOptions Resolve(VerifyRequest request, ClaimRegistry registry, string codeVersion, DateTimeOffset now,
        Func<string, string?>? environment = null)
    {
        int jobs = request.Jobs ?? Environment.ProcessorCount;
        if (request.Shards is not null && request.Shard is not { IsAuto: true })
            throw new UsageException("--shards N goes with --shard auto (with --shard i/n the count is n)");
        var auto = request.Shard is { IsAuto: true }
            ? SchedulerShard.Resolve(environment ?? Environment.GetEnvironmentVariable, request.Shards)
            : null;
        var shard = auto?.Shard ?? request.Shard?.Fixed;
        if (request.ResumeDir is not { } resumeDir)
        {
            var dir = string.IsNullOrWhiteSpace(request.OutDir)
                ? Path.Combine("artifacts", "verify", now.UtcDateTime.ToString("yyyyMMdd-HHmmss"))
                : request.OutDir;
            RefuseOccupied(dir);
            return new VerifyOptions(request.Papers, request.Claims, request.Scale ?? Scale.Ci, request.Seeds.Count == 0 ? [1] : request.Seeds,
                dir, request.Device ?? ComputeDevice.Cpu, false, shard ?? Shard.Whole)
                { Jobs = jobs, Split = request.Split, ShardSource = auto?.Source, Exclude = request.Exclude };
        }

        var target = ResumeTarget(resumeDir);
        if (request.OutDir is { } outDir && Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar) != target)
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
        var selected = request.Papers.Count > 0 || request.Claims.Count > 0 || request.Exclude.Count > 0
            ? registry.Select(request.Papers, request.Claims).Select(c => c.Id).Where(id => !request.Exclude.Contains(id)).ToList()
            : stored.Claims.ToList();
        var requested = new RunManifest(
            request.Scale?.ToCli() ?? stored.Scale,
            request.Seeds.Count > 0 ? request.Seeds : stored.Seeds,
            selected,
            request.Device?.Name ?? stored.Device,
            shard?.ToString() ?? stored.Shard,
            codeVersion) { Split = stored.Split || request.Split };
        var differences = stored.Differences(requested);
        if (differences.Count > 0)
            throw new UsageException($"--resume: '{resumeDir}' is another run; it differs in {string.Join("; ", differences)}. " +
                                     "A run is resumed only with its own settings and code version; start a new one with --out");
        ScaleNames.TryParse(requested.Scale, out var runScale);
        var outAsGiven = target == Path.GetFullPath(resumeDir).TrimEnd(Path.DirectorySeparatorChar)
            ? resumeDir
            : resumeDir.TrimEnd(Path.DirectorySeparatorChar)[..^RunDirectory.StagingSuffix.Length];
        return new VerifyOptions([], requested.Claims, runScale, requested.Seeds, outAsGiven, ComputeDevice.Parse(requested.Device),
            true, Shard.Parse(requested.Shard)) { Jobs = jobs, Split = requested.Split, ShardSource = auto?.Source };
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
