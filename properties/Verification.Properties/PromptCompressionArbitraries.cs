using FsCheck;
using FsCheck.Fluent;
using Verification.PromptCompression.Limits;

namespace Verification.Properties;

/// <summary>One group of a generated instance: a count (weight), a prompt length n, and per candidate k/n and D in eighths.</summary>
public sealed record GroupSpec(int Count, int Length, int[] Kept, int[] Eighths)
{
    public (double, double[], double[]) ToGroup() =>
        (Count, Kept.Select(k => k / (double)Length).ToArray(), Eighths.Select(e => e / 8.0).ToArray());

    public override string ToString() =>
        $"(w={Count}, n={Length}, [{string.Join(", ", Kept.Zip(Eighths, (k, e) => $"{k}/{Length}:{e / 8.0}"))}])";
}

/// <summary>A generated distortion-rate instance (groups × candidates × rates × distortions).</summary>
public record RdInstance(IReadOnlyList<GroupSpec> Groups)
{
    public RateDistortionProblem Problem() => RateDistortionProblem.FromCounts(Groups.Select(g => g.ToGroup()).ToArray());

    public override string ToString() => string.Join(" ", Groups);
}

/// <summary>A tiny instance (≤ 3 groups × ≤ 5 candidates), small enough to enumerate every deterministic policy.</summary>
public sealed record TinyRdInstance(IReadOnlyList<GroupSpec> Groups) : RdInstance(Groups)
{
    public override string ToString() => base.ToString();
}

/// <summary>
/// Prompts seen with several queries: prompt p has, per query q, a count c_{p,q} ≥ 0 and distortions D_{(p,q),m}
/// over the prompt's shared candidates. The agnostic group of p averages its queries' rows.
/// </summary>
public sealed record QueryInstance(int Queries, IReadOnlyList<(int Length, int[] Kept, int[] Counts, int[][] Eighths)> Prompts)
{
    public RateDistortionProblem Aware(int? onlyQuery = null) => RateDistortionProblem.FromCounts(
        Prompts.SelectMany(p => Enumerable.Range(0, Queries).Where(q => p.Counts[q] > 0 && (onlyQuery is null || onlyQuery == q))
            .Select(q => ((double)p.Counts[q], Rates(p), p.Eighths[q].Select(e => e / 8.0).ToArray()))).ToArray());

    public RateDistortionProblem Agnostic(int? onlyQuery = null) => RateDistortionProblem.FromCounts(
        Prompts.Select(p => (Qs: Enumerable.Range(0, Queries).Where(q => p.Counts[q] > 0 && (onlyQuery is null || onlyQuery == q)).ToArray(), p))
            .Where(t => t.Qs.Length > 0)
            .Select(t => ((double)t.Qs.Sum(q => t.p.Counts[q]), Rates(t.p),
                Enumerable.Range(0, t.p.Kept.Length).Select(m => t.Qs.Sum(q => t.p.Counts[q] * t.p.Eighths[q][m] / 8.0) / t.Qs.Sum(q => t.p.Counts[q])).ToArray()))
            .ToArray());

    public double QueryWeight(int q) => Prompts.Sum(p => p.Counts[q]) / (double)Prompts.Sum(p => p.Counts.Sum());

    private static double[] Rates((int Length, int[] Kept, int[] Counts, int[][] Eighths) p) => p.Kept.Select(k => k / (double)p.Length).ToArray();

    public override string ToString() => string.Join(" ", Prompts.Select(p =>
        $"(n={p.Length}, k=[{string.Join(",", p.Kept)}], counts=[{string.Join(",", p.Counts)}], D=[{string.Join(" | ", p.Eighths.Select(e => string.Join(",", e)))}])"));
}

/// <summary>
/// Generators for the distortion-rate LP: ≤ 30 groups × ≤ 6 candidates (spec §8: FsCheck sizes), rates k/n with
/// n ≤ 6 and distortions on a 1/8 grid, so that ties, duplicate rates and collinear points occur often. Instances
/// shrink by dropping groups and candidates.
/// </summary>
public static class PromptCompressionArbitraries
{
    private static Gen<GroupSpec> Group(int maxCandidates) =>
        from count in Gen.Choose(1, 5)
        from length in Gen.Choose(1, 6)
        from candidates in Gen.Choose(1, maxCandidates)
        from kept in Gen.ArrayOf(Gen.Choose(1, length), candidates)
        from eighths in Gen.ArrayOf(Gen.Choose(0, 16), candidates)
        select new GroupSpec(count, length, kept, eighths);

    private static IEnumerable<IReadOnlyList<GroupSpec>> Shrink(IReadOnlyList<GroupSpec> groups)
    {
        for (int u = 0; u < groups.Count && groups.Count > 1; u++)
            yield return groups.Where((_, i) => i != u).ToArray();
        for (int u = 0; u < groups.Count; u++)
        {
            var g = groups[u];
            for (int m = 0; m < g.Kept.Length && g.Kept.Length > 1; m++)
            {
                var smaller = g with { Kept = g.Kept.Where((_, i) => i != m).ToArray(), Eighths = g.Eighths.Where((_, i) => i != m).ToArray() };
                yield return groups.Select((x, i) => i == u ? smaller : x).ToArray();
            }
        }
    }

    public static Arbitrary<RdInstance> RdInstance() =>
        Arb.From(Gen.Sized(size => Gen.Choose(1, Math.Clamp(1 + size / 3, 1, 30)).SelectMany(n => Gen.ArrayOf(Group(6), n)))
            .Select(gs => new RdInstance(gs)), i => Shrink(i.Groups).Select(gs => new RdInstance(gs)));

    public static Arbitrary<TinyRdInstance> TinyRdInstance() =>
        Arb.From(Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Group(5), n)).Select(gs => new TinyRdInstance(gs)),
            i => Shrink(i.Groups).Select(gs => new TinyRdInstance(gs)));

    public static Arbitrary<QueryInstance> QueryInstance() =>
        (from queries in Gen.Choose(1, 3)
         from prompts in Gen.Choose(1, 8)
         from list in Gen.ArrayOf(
             from length in Gen.Choose(1, 6)
             from candidates in Gen.Choose(1, 6)
             from kept in Gen.ArrayOf(Gen.Choose(1, length), candidates)
             from counts in Gen.ArrayOf(Gen.Choose(0, 3), queries)
             from eighths in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 16), candidates), queries)
             select (length, kept, counts, eighths), prompts)
         select new QueryInstance(queries, list.Select(p => (p.length, p.kept, p.counts.Sum() == 0 ? p.counts.Select((c, i) => i == 0 ? 1 : c).ToArray() : p.counts, p.eighths)).ToArray()))
        .ToArbitrary();
}
