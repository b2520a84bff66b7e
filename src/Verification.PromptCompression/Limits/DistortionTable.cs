// arXiv 2407.15504, §3 (D_{x,m} and D_{(x,q),m}); spec §1 "Tables", §8 (cache by (m, q)).
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Limits;

/// <summary>Query-agnostic groups u = x, or query-aware groups u = (x, q).</summary>
public enum Grouping { QueryAgnostic, QueryAware }

/// <summary>
/// The distortion table of a dataset under the empirical law (weight 1/N per row): groups u, their candidates M_u
/// and D_{u,m} = E[d(Y, φ(m, Q)) | u]. Rows that share (x, q, y) are evaluated once; groups are filled in parallel.
/// </summary>
public sealed class DistortionTable
{
    private DistortionTable(RateDistortionProblem problem, int[] prompts, BinaryQuery?[] queries, int[][] candidates, IBlackBox? blackBox = null)
    {
        BlackBox = blackBox;
        Problem = problem;
        Prompts = prompts;
        Queries = queries;
        Candidates = candidates;
    }

    public RateDistortionProblem Problem { get; }

    /// <summary>The black box the table was filled with (null for a table read back from the cache).</summary>
    public IBlackBox? BlackBox { get; }

    /// <summary>The prompt key x of each group.</summary>
    public IReadOnlyList<int> Prompts { get; }

    /// <summary>The query of each group (null for query-agnostic groups).</summary>
    public IReadOnlyList<BinaryQuery?> Queries { get; }

    /// <summary>The candidate keys of each group, aligned with the problem's rates and distortions.</summary>
    public IReadOnlyList<int[]> Candidates { get; }

    /// <summary>Σ P(u) D_{u,x}: the distortion without compression (every group keeps its whole prompt x).</summary>
    public double NoCompressionDistortion =>
        Problem.Groups.Select((g, u) => g.Weight * g.Distortions[Array.IndexOf(Candidates[u], Prompts[u])]).Sum();

    /// <summary>Black-box evaluations made to fill the table (one per distinct (x, q, y) and candidate).</summary>
    public long Evaluations { get; private init; }

    /// <summary>A table from its parts (read back from <see cref="DistortionTableCache"/>).</summary>
    internal static DistortionTable FromParts(RateDistortionProblem problem, int[] prompts, BinaryQuery?[] queries, int[][] candidates) =>
        new(problem, prompts, queries, candidates);

    public static DistortionTable Build(IReadOnlyList<PromptRow> rows, IBlackBox phi, Loss loss, Grouping grouping,
        CandidateKind candidates = CandidateKind.Subsequences)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(phi);
        if (rows.Count == 0) throw new ArgumentException("the dataset is empty", nameof(rows));
        // Groups in order of first appearance, so that the table does not depend on hashing.
        var index = new Dictionary<(int, int), int>();
        var members = new List<Dictionary<(BinaryQuery, int), int>>();
        var prompts = new List<int>();
        var queries = new List<BinaryQuery?>();
        foreach (var row in rows)
        {
            var key = (row.Key, grouping == Grouping.QueryAware ? (int)row.Query : -1);
            if (!index.TryGetValue(key, out int u))
            {
                u = members.Count;
                index.Add(key, u);
                members.Add([]);
                prompts.Add(row.Key);
                queries.Add(grouping == Grouping.QueryAware ? row.Query : null);
            }
            var outcome = (row.Query, row.Answer);
            members[u][outcome] = members[u].GetValueOrDefault(outcome) + 1;
        }
        int groupCount = members.Count;
        var cands = new int[groupCount][];
        var groups = new RdGroup[groupCount];
        long evaluations = 0;
        Parallel.For(0, groupCount, u =>
        {
            var m = CandidateSets.Of(prompts[u], candidates);
            int n = BitString.Length(prompts[u]);
            var rates = new double[m.Length];
            var distortions = new double[m.Length];
            int total = members[u].Values.Sum();
            for (int c = 0; c < m.Length; c++)
            {
                rates[c] = BitString.Length(m[c]) / (double)n;
                double sum = 0;
                foreach (var ((q, y), count) in members[u]) sum += count * Distortion.Of(phi, loss, m[c], q, y);
                distortions[c] = sum / total;
            }
            Interlocked.Add(ref evaluations, (long)m.Length * members[u].Count);
            cands[u] = m;
            groups[u] = new RdGroup(total / (double)rows.Count, rates, distortions);
        });
        return new DistortionTable(new RateDistortionProblem(groups), prompts.ToArray(), queries.ToArray(), cands, phi)
        {
            Evaluations = evaluations,
        };
    }
}
