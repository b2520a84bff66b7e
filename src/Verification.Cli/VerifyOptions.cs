using Verification.Core.Claims;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>The validated options of one <c>verify</c> run.</summary>
public sealed record VerifyOptions(
    IReadOnlyList<PaperId> Papers,
    IReadOnlyList<string> Claims,
    Scale Scale,
    int Seed,
    string OutDir,
    ComputeDevice Device)
{
    /// <summary>Validates raw option values; every problem is a <see cref="UsageException"/> naming it.</summary>
    public static VerifyOptions Parse(IEnumerable<string> papers, IEnumerable<string> claims, string scale, int seed,
        string? outDir, string device, ClaimRegistry registry, DateTimeOffset now)
    {
        var paperIds = new List<PaperId>();
        foreach (var p in papers)
        {
            if (!Enum.TryParse<PaperId>(p, ignoreCase: true, out var id) || !Enum.IsDefined(id) || int.TryParse(p, out _))
                throw new UsageException($"--paper: unknown paper '{p}'; valid papers: {string.Join(", ", Enum.GetNames<PaperId>())}");
            paperIds.Add(id);
        }
        var claimIds = claims.ToList();
        foreach (var c in claimIds)
            if (!registry.TryGet(c, out _))
                throw new UsageException($"--claim: unknown claim '{c}'; valid claims: {string.Join(", ", registry.Ids)}");
        if (!ScaleNames.TryParse(scale, out var s))
            throw new UsageException($"--scale: must be one of smoke, ci, paper (got '{scale}')");
        if (seed < 0)
            throw new UsageException($"--seed: must be a non-negative integer (got {seed})");
        ComputeDevice dev;
        try
        {
            dev = ComputeDevice.Parse(device);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"--device: must be cpu or cuda (got '{device}')");
        }
        var dir = string.IsNullOrWhiteSpace(outDir)
            ? Path.Combine("artifacts", "verify", now.UtcDateTime.ToString("yyyyMMdd-HHmmss"))
            : outDir;
        return new VerifyOptions(paperIds, claimIds, s, seed, dir, dev);
    }
}
