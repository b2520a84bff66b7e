using Verification.Core.Claims;
using Verification.Markov;
using Verification.LotteryTickets;
using Verification.PromptCompression;
using Verification.Transformers;

namespace Verification.Cli;

/// <summary>
/// The one registry of every claim, in report order: the papers of <see cref="PaperRef.All"/>, each with the claims of
/// its <see cref="PaperClaimsAttribute"/> method in the claim assemblies. The test projects use this same catalog, so
/// `dotnet test` and `verify` always check the same claims.
/// </summary>
public static class ClaimCatalog
{
    /// <summary>The assemblies that hold claims (a new one is added here and as a project reference of this CLI).</summary>
    private static readonly System.Reflection.Assembly[] ClaimAssemblies =
    [
        typeof(MarkovClaims).Assembly, typeof(PromptCompressionClaims).Assembly,
        typeof(TransformerClaims).Assembly, typeof(LotteryTicketClaims).Assembly,
    ];

    /// <summary>Each registered paper's claim list, found by its attribute; a paper with no list, or two, is an error.</summary>
    public static IReadOnlyList<(PaperRef Paper, System.Reflection.MethodInfo List)> Sources()
    {
        var lists = ClaimAssemblies.Distinct().SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Select(m => (Method: m, Attribute: m.GetCustomAttributes(typeof(PaperClaimsAttribute), false).OfType<PaperClaimsAttribute>().SingleOrDefault()))
            .Where(x => x.Attribute is not null)
            .ToList();
        return PaperRef.All.Select(p =>
        {
            var found = lists.Where(x => x.Attribute!.Paper == p.Id).ToList();
            if (found.Count != 1)
                throw new InvalidOperationException($"paper {p.Id} is registered but has {found.Count} [PaperClaims({p.Id})] claim lists (needs exactly one)");
            return (p, found[0].Method);
        }).ToList();
    }

    public static ClaimRegistry Create() =>
        new([.. Sources().SelectMany(s => (IEnumerable<Claim>)s.List.Invoke(null, null)!)]);

    /// <summary>
    /// "did you mean A, B or C? (verify --list shows every claim)": the 3 registered ids closest to
    /// <paramref name="id"/>, first by edits to a prefix of the id (so "MC.stationary" finds the id it starts), then by
    /// edits to the whole id.
    /// </summary>
    public static string DidYouMean(string id, ClaimRegistry registry)
    {
        var closest = registry.Ids
            .Select(c => (Id: c, Distance: EditDistances(id.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(t => t.Distance.ToPrefix).ThenBy(t => t.Distance.ToWhole).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Take(3).Select(t => t.Id).ToList();
        var list = closest.Count > 1 ? string.Join(", ", closest[..^1]) + " or " + closest[^1] : string.Join("", closest);
        return $"did you mean {list}? (verify --list shows every claim)";
    }

    /// <summary>Levenshtein distance from <paramref name="a"/> to the closest prefix of <paramref name="b"/>, and to all of it.</summary>
    private static (int ToPrefix, int ToWhole) EditDistances(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return (row.Min(), row[b.Length]);
    }
}
