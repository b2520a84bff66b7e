namespace Verification.Core.Claims;

/// <summary>Thrown for a claim id that is not registered; the message lists the valid ids.</summary>
public sealed class UnknownClaimException(string id, IEnumerable<string> valid)
    : Exception($"unknown claim '{id}'; valid claims: {string.Join(", ", valid)}")
{
    public string ClaimId { get; } = id;
}

/// <summary>
/// Every claim of the harness, by id. Tests and the CLI reach claims only through a registry, so that what
/// <c>dotnet test</c> asserts and what <c>verify</c> reports can never disagree.
/// </summary>
public sealed class ClaimRegistry
{
    private readonly Dictionary<string, Claim> byId = new(StringComparer.Ordinal);

    public ClaimRegistry(IEnumerable<Claim> claims)
    {
        var list = new List<Claim>();
        foreach (var claim in claims)
        {
            if (!Claim.IsValidId(claim.Id, claim.Paper.Id))
                throw new ArgumentException(
                    $"claim id '{claim.Id}' must have the form {claim.Paper.Id}.kebab-name", nameof(claims));
            if (!byId.TryAdd(claim.Id, claim))
                throw new ArgumentException($"claim id '{claim.Id}' is registered twice", nameof(claims));
            list.Add(claim);
        }
        All = list;
    }

    public IReadOnlyList<Claim> All { get; }

    public IEnumerable<string> Ids => All.Select(c => c.Id);

    public bool TryGet(string id, out Claim claim) => byId.TryGetValue(id, out claim!);

    public Claim Get(string id) => TryGet(id, out var c) ? c : throw new UnknownClaimException(id, Ids);

    /// <summary>
    /// The claims selected by papers and ids (a claim is selected if either list names it; both empty = all),
    /// in registry order.
    /// </summary>
    public IReadOnlyList<Claim> Select(IReadOnlyCollection<PaperId> papers, IReadOnlyCollection<string> ids)
    {
        foreach (var id in ids) Get(id);
        if (papers.Count == 0 && ids.Count == 0) return All;
        return All.Where(c => papers.Contains(c.Paper.Id) || ids.Contains(c.Id)).ToList();
    }
}
