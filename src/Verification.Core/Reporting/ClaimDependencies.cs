using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>The status of one dependency of a claim in a run.</summary>
public enum DependencyState
{
    /// <summary>The dependency reached its recorded verdict at every seed it ran at.</summary>
    AsRecorded,
    /// <summary>At some seed the dependency did not reach its recorded verdict (refuted, or inconclusive).</summary>
    NotAsRecorded,
    /// <summary>The dependency was not part of this run (or was not run at this scale).</summary>
    NotRun,
}

/// <summary>One edge "claim rests on dependency", with the dependency's state in this run.</summary>
public sealed record Dependency(string Claim, string On, DependencyState State, string Verdicts);

/// <summary>
/// Claim dependencies with status, in the manner of a blueprint: a claim rests on others (the compressor claims on
/// the LP limit, the training claims on the landscape claims). A claim "rests on a refuted claim" when something it
/// rests on — directly or further down — did not reach its recorded verdict in this run.
/// </summary>
public sealed class ClaimDependencies
{
    private readonly Dictionary<string, List<ClaimRecord>> byId;
    private readonly IReadOnlyDictionary<string, ClaimMeta> meta;

    public ClaimDependencies(IReadOnlyList<ClaimRecord> records, IReadOnlyDictionary<string, ClaimMeta> meta)
    {
        byId = records.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.ToList());
        this.meta = meta;
    }

    /// <summary>The direct dependencies of <paramref name="id"/>, with their state in this run.</summary>
    public IReadOnlyList<Dependency> Of(string id) =>
        (meta.GetValueOrDefault(id) ?? ClaimMeta.None).DependsOn.Select(on => new Dependency(id, on, StateOf(on),
            byId.TryGetValue(on, out var rs) ? string.Join(", ", rs.Select(r => $"{ReportText.Verdict(r.Verdict)} at seed {r.Seed}")) : "not in this run")).ToList();

    public DependencyState StateOf(string id)
    {
        if (!byId.TryGetValue(id, out var rs) || rs.All(r => r.Verdict == Verdict.NotRun)) return DependencyState.NotRun;
        return rs.All(r => r.AsRecorded) ? DependencyState.AsRecorded : DependencyState.NotAsRecorded;
    }

    /// <summary>The claims below <paramref name="id"/> (transitively) that did not reach their recorded verdict.</summary>
    public IReadOnlyList<string> RefutedBelow(string id)
    {
        var found = new List<string>();
        var seen = new HashSet<string> { id };
        var stack = new Stack<string>((meta.GetValueOrDefault(id) ?? ClaimMeta.None).DependsOn);
        while (stack.Count > 0)
        {
            var d = stack.Pop();
            if (!seen.Add(d)) continue; // a cycle is reported by the registry test, not looped on here
            if (StateOf(d) == DependencyState.NotAsRecorded) found.Add(d);
            foreach (var next in (meta.GetValueOrDefault(d) ?? ClaimMeta.None).DependsOn) stack.Push(next);
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    public bool RestsOnRefuted(string id) => RefutedBelow(id).Count > 0;

    /// <summary>Every edge whose claim is one of <paramref name="ids"/>.</summary>
    public IReadOnlyList<Dependency> Edges(IEnumerable<string> ids) => ids.SelectMany(Of).ToList();
}
