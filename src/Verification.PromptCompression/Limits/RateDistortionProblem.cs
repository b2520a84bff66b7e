// arXiv 2407.15504, §3 (distortion-rate LP data); spec §2.
namespace Verification.PromptCompression.Limits;

/// <summary>
/// One group u of the LP (a prompt x, or a pair (x, q)): its probability P(u) and, per candidate m ∈ M_u, the rate
/// R_{u,m} = len(m)/len(x) and the distortion D_{u,m}.
/// </summary>
public sealed record RdGroup(double Weight, double[] Rates, double[] Distortions)
{
    public int Count => Rates.Length;
}

/// <summary>The data of the distortion-rate LP: groups with weights summing to 1.</summary>
public sealed class RateDistortionProblem
{
    public RateDistortionProblem(IReadOnlyList<RdGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0) throw new ArgumentException("the problem has no groups (empty dataset)", nameof(groups));
        double total = 0;
        for (int u = 0; u < groups.Count; u++)
        {
            var g = groups[u];
            if (!(g.Weight > 0) || !double.IsFinite(g.Weight))
                throw new ArgumentOutOfRangeException(nameof(groups), g.Weight, $"group {u}: weight must be positive and finite");
            if (g.Count == 0 || g.Distortions.Length != g.Count)
                throw new ArgumentException($"group {u}: needs ≥ 1 candidate and one distortion per rate", nameof(groups));
            for (int m = 0; m < g.Count; m++)
            {
                if (!(g.Rates[m] > 0 && g.Rates[m] <= 1))
                    throw new ArgumentOutOfRangeException(nameof(groups), g.Rates[m], $"group {u}, candidate {m}: rate must be in (0, 1]");
                if (!double.IsFinite(g.Distortions[m]))
                    throw new ArgumentOutOfRangeException(nameof(groups), g.Distortions[m], $"group {u}, candidate {m}: distortion must be finite");
            }
            total += g.Weight;
        }
        if (Math.Abs(total - 1) > 1e-9)
            throw new ArgumentException($"group weights sum to {total}, not 1", nameof(groups));
        Groups = groups;
    }

    public IReadOnlyList<RdGroup> Groups { get; }

    public int Columns => Groups.Sum(g => g.Count);

    /// <summary>R0 = Σ P(u) min_m R_{u,m}: the smallest feasible rate.</summary>
    public double MinimumRate => Groups.Sum(g => g.Weight * g.Rates.Min());

    /// <summary>Σ P(u) min_m D_{u,m}: the distortion at saturation.</summary>
    public double SaturationDistortion => Groups.Sum(g => g.Weight * g.Distortions.Min());

    /// <summary>D*(R0) read off the table: Σ P(u) · (min D among the group's minimum-rate candidates) (spec §7.5).</summary>
    public double DistortionAtMinimumRate => Groups.Sum(g =>
    {
        double rMin = g.Rates.Min();
        return g.Weight * Enumerable.Range(0, g.Count).Where(m => g.Rates[m] == rMin).Min(m => g.Distortions[m]);
    });

    /// <summary>The same problem with only each group's minimum-distortion candidate per distinct rate (spec §8, "prune first").</summary>
    public RateDistortionProblem PerRateMinima() =>
        new(Groups.Select(g =>
        {
            var best = new SortedDictionary<double, double>();
            for (int m = 0; m < g.Count; m++)
                if (!best.TryGetValue(g.Rates[m], out var d) || g.Distortions[m] < d) best[g.Rates[m]] = g.Distortions[m];
            return new RdGroup(g.Weight, best.Keys.ToArray(), best.Values.ToArray());
        }).ToArray());

    /// <summary>Builds a problem from unnormalized weights (normalized here).</summary>
    public static RateDistortionProblem FromCounts(IReadOnlyList<(double Count, double[] Rates, double[] Distortions)> groups)
    {
        double total = groups.Sum(g => g.Count);
        return new RateDistortionProblem(groups.Select(g => new RdGroup(g.Count / total, g.Rates, g.Distortions)).ToArray());
    }
}
