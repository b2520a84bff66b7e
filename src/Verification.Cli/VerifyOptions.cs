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

/// <summary>The validated options of one <c>verify</c> run.</summary>
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
    /// <summary><c>--split</c>: long claims run as sub-units (one work item per part, plus the assembly).</summary>
    public bool Split { get; init; }

    /// <summary>Where the shard came from when <c>--shard auto</c> read it from a scheduler's environment (for the log).</summary>
    public string? ShardSource { get; init; }

    /// <summary>Validates raw option values; every problem is a <see cref="UsageException"/> naming it.</summary>
    /// <param name="shard"><c>i/n</c>, or <c>auto</c> to read it from the scheduler (<see cref="SchedulerShard"/>).</param>
    /// <param name="shards"><c>--shards N</c>: the shard count where the scheduler does not say it (Kubernetes).</param>
    /// <param name="environment">Reads an environment variable; the process environment when null.</param>
    public static VerifyOptions Parse(IEnumerable<string> papers, IEnumerable<string> claims, string scale,
        IReadOnlyList<int> seeds, string? outDir, string? resumeDir, string? shard, string device,
        ClaimRegistry registry, DateTimeOffset now, int? shards = null, Func<string, string?>? environment = null)
    {
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
                throw new UsageException($"--claim: unknown claim '{c}'; valid claims: {string.Join(", ", registry.Ids)}");
        if (!ScaleNames.TryParse(scale, out var s))
            throw new UsageException($"--scale: must be one of smoke, ci, paper (got '{scale}')");
        var seedList = seeds.Count == 0 ? [1] : seeds.Distinct().ToList();
        foreach (var seed in seedList)
            if (seed < 0) throw new UsageException($"--seed: must be a non-negative integer (got {seed})");
        ComputeDevice dev;
        try
        {
            dev = ComputeDevice.Parse(device);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"--device: must be cpu or cuda (got '{device}')");
        }
        if (resumeDir is not null && outDir is not null && Path.GetFullPath(resumeDir) != Path.GetFullPath(outDir))
            throw new UsageException("--resume DIR writes into DIR: do not also give a different --out");
        if (resumeDir is not null && !Directory.Exists(Path.Combine(resumeDir, RunDirectory.ClaimsFolderName)))
            throw new UsageException($"--resume: '{resumeDir}' is not a verify output folder (no claims/ inside)");
        var dir = resumeDir ?? (string.IsNullOrWhiteSpace(outDir)
            ? Path.Combine("artifacts", "verify", now.UtcDateTime.ToString("yyyyMMdd-HHmmss"))
            : outDir);
        if (shards is not null && !string.Equals(shard?.Trim(), "auto", StringComparison.OrdinalIgnoreCase))
            throw new UsageException("--shards N goes with --shard auto (with --shard i/n the count is n)");
        SchedulerShard.Resolved? auto = string.Equals(shard?.Trim(), "auto", StringComparison.OrdinalIgnoreCase)
            ? SchedulerShard.Resolve(environment ?? Environment.GetEnvironmentVariable, shards)
            : null;
        return new VerifyOptions(paperIds, claimIds, s, seedList, dir, dev, resumeDir is not null,
            auto?.Shard ?? (shard is null ? Shard.Whole : Shard.Parse(shard)))
        {
            ShardSource = auto?.Source,
        };
    }
}
