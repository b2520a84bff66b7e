using Verification.Core.Claims;

namespace Verification.Cli;

/// <summary>One unit of work: a claim at one seed.</summary>
public sealed record WorkItem(Claim Claim, int Seed)
{
    public string Key => Verification.Core.Reporting.ClaimRecord.WorkKey(Claim.Id, Seed);
}

/// <summary>
/// The (claim × seed) work list in its one deterministic order — claims in registry order, then seeds in the order
/// given — and its shards: item k belongs to shard (k mod n) + 1. Shards of the same list partition it exactly, and
/// merging their outputs in this order gives the unsharded result.
/// </summary>
public static class WorkList
{
    public static IReadOnlyList<WorkItem> Build(IReadOnlyList<Claim> claims, IReadOnlyList<int> seeds) =>
        claims.SelectMany(c => seeds.Select(s => new WorkItem(c, s))).ToList();

    public static IReadOnlyList<WorkItem> Slice(IReadOnlyList<WorkItem> all, Shard shard) =>
        all.Where((_, k) => shard.Contains(k)).ToList();
}
