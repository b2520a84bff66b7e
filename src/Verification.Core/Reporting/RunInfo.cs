using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>The configuration of one <c>verify</c> run, as written into the report.</summary>
public sealed record RunInfo(Scale Scale, IReadOnlyList<int> Seeds, string Device, string CodeVersion, DateTimeOffset StartedAt)
{
    /// <summary>The command line of the run, for provenance.json (empty when not known, e.g. in library use).</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>When the run finished (set by the runner, which owns the clock); provenance.json only.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>What the registry knows about each claim beyond its records: dependencies, seeds needed.</summary>
    public IReadOnlyDictionary<string, ClaimMeta> Claims { get; init; } = new Dictionary<string, ClaimMeta>();

    /// <summary>Set when the run finishes (see <see cref="RunDirectory.Finish"/>); shown as the reports' footer.</summary>
    public Provenance? Provenance { get; init; }
}

/// <summary>The registry's facts about a claim that its records do not carry.</summary>
public sealed record ClaimMeta(IReadOnlyList<string> DependsOn, int? SeedsNeeded)
{
    public static readonly ClaimMeta None = new([], null);

    public static IReadOnlyDictionary<string, ClaimMeta> Of(IEnumerable<Claim> claims) =>
        claims.ToDictionary(c => c.Id, c => new ClaimMeta(c.DependsOn, c.SeedsNeeded));
}
