using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>One slice of the work list: shard <see cref="Index"/> of <see cref="Count"/> (1-based).</summary>
public sealed record Shard(int Index, int Count)
{
    public static readonly Shard Whole = new(1, 1);

    /// <summary>Parses <c>i/n</c> with 1 ≤ i ≤ n.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var i) || !int.TryParse(parts[1], out var n) || n < 1 || i < 1 || i > n)
            throw new UsageException($"--shard: must be i/n with 1 ≤ i ≤ n, e.g. 2/4 (got '{text}')");
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
    /// <summary>Work items run at once (<c>--jobs</c>; default: the number of cores). Results do not depend on it.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Validates raw option values; every problem is a <see cref="UsageException"/> naming it.</summary>
    public static VerifyOptions Parse(IEnumerable<string> papers, IEnumerable<string> claims, string scale,
        IReadOnlyList<int> seeds, string? outDir, string? resumeDir, string? shard, string device,
        ClaimRegistry registry, DateTimeOffset now, string? seedRanges = null, int? jobs = null)
    {
        if (jobs is < 1)
            throw new UsageException($"--jobs: must be a positive number of concurrent work items (got {jobs})");
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
        if (seedRanges is not null) seeds = [.. seeds, .. SeedRange.Parse(seedRanges)];
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
        return new VerifyOptions(paperIds, claimIds, s, seedList, dir, dev, resumeDir is not null,
            shard is null ? Shard.Whole : Shard.Parse(shard)) { Jobs = jobs ?? Environment.ProcessorCount };
    }
}
