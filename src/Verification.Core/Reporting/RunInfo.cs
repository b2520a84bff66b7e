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

    /// <summary>The native stack the claims ran on when it is not the bundled one (an external libtorch, a GPU); provenance only.</summary>
    public NativeStack? Native { get; init; }

    /// <summary>
    /// The link template of report.html's source links (<see cref="SourceLink"/>); null: relative to the run folder
    /// (<see cref="SourceLink.RelativeTo"/>, filled in by <see cref="RunDirectory.Finish"/>).
    /// </summary>
    public string? SourceLink { get; init; }

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

/// <summary>
/// Which libtorch ran and on what: <paramref name="LibtorchPath"/> null for the libtorch of the TorchSharp-cpu package in
/// the app folder; <paramref name="Cuda"/> the CUDA version libtorch was built with; <paramref name="Gpu"/> the GPU's name
/// when the run used one.
/// </summary>
public sealed record NativeStack(string? LibtorchPath, string? LibtorchVersion, string? Cuda, string? Gpu);
