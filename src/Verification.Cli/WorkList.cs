using Verification.Core.Claims;

namespace Verification.Cli;

/// <summary>Part <see cref="Index"/> of <see cref="Count"/> (1-based) of a claim's sub-units (<see cref="SubUnitStore"/>).</summary>
public sealed record SubUnitPart(int Index, int Count)
{
    public override string ToString() => $"{Index}of{Count}";
}

/// <summary>
/// One unit of work: a claim at one seed, or, with <c>--split</c>, one part of the sub-units of a long claim at one
/// seed (<see cref="Part"/> set). The claim-at-seed item of a split claim is then its assembly: it reads the parts'
/// stored numbers and gives the evidence of the unsplit run.
/// </summary>
public sealed record WorkItem(Claim Claim, int Seed, SubUnitPart? Part = null)
{
    public string Key => Part is null
        ? Verification.Core.Reporting.ClaimRecord.WorkKey(Claim.Id, Seed)
        : $"{Verification.Core.Reporting.ClaimRecord.WorkKey(Claim.Id, Seed)}#part{Part}";

    /// <summary>The record key of the claim at this seed (the assembly's, for a part).</summary>
    public string ClaimKey => Verification.Core.Reporting.ClaimRecord.WorkKey(Claim.Id, Seed);
}

/// <summary>
/// The work list in its one deterministic order — claims in registry order, then seeds in the order given; with
/// <c>--split</c>, a long claim's parts come before its assembly — and its shards: item k belongs to shard
/// (k mod n) + 1. Shards of the same list partition it exactly, and merging their outputs in this order gives the
/// unsharded result. Across several shards the assemblies of split claims are left to <c>verify merge</c>, the one
/// place that sees every part.
/// </summary>
public static class WorkList
{
    public static IReadOnlyList<WorkItem> Build(IReadOnlyList<Claim> claims, IReadOnlyList<int> seeds) =>
        claims.SelectMany(c => seeds.Select(s => new WorkItem(c, s))).ToList();

    /// <summary>With <paramref name="split"/>, a claim that declares sub-units at <paramref name="scale"/> becomes one item per sub-unit plus its assembly.</summary>
    public static IReadOnlyList<WorkItem> Build(IReadOnlyList<Claim> claims, IReadOnlyList<int> seeds, Scale scale, bool split) =>
        !split
            ? Build(claims, seeds)
            : claims.SelectMany(c => seeds.SelectMany(s => Items(c, s, scale))).ToList();

    private static IEnumerable<WorkItem> Items(Claim claim, int seed, Scale scale)
    {
        int parts = claim.Scales.Contains(scale) ? claim.Parts(scale) : 0;
        for (int j = 1; j <= parts && parts > 1; j++) yield return new WorkItem(claim, seed, new SubUnitPart(j, parts));
        yield return new WorkItem(claim, seed);
    }

    /// <summary>The items of <paramref name="shard"/>; across several shards, the assemblies of split claims go to the merge.</summary>
    public static IReadOnlyList<WorkItem> Slice(IReadOnlyList<WorkItem> all, Shard shard)
    {
        var split = AssembledAtMerge(all, shard).Select(i => i.Key).ToHashSet();
        return all.Where(i => !split.Contains(i.Key)).Where((_, k) => shard.Contains(k)).ToList();
    }

    /// <summary>Assemblies that <c>verify merge</c> runs: those of split claims, when the list is spread over several shards.</summary>
    public static IReadOnlyList<WorkItem> AssembledAtMerge(IReadOnlyList<WorkItem> all, Shard shard)
    {
        if (shard.Count == 1) return [];
        var splitKeys = all.Where(i => i.Part is not null).Select(i => i.ClaimKey).ToHashSet();
        return all.Where(i => i.Part is null && splitKeys.Contains(i.Key)).ToList();
    }
}
