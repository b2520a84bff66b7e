// arXiv 2006.07990 §2, proof of Theorem 1 (spec §2 A–D): prune the random network so that each layer pair computes
// x ↦ W⁺x⁺ + W⁻x⁻ ≈ W_i x: M_{2i−1} kept block-diagonal (unit t of input j's block keeps only its edge from x_j), and
// for every target weight W_kj two SubsetSum instances over the products a_{j,t}·b_{k,j,t}: one over the units with
// a > 0 (they fire for x_j > 0) and one over the units with a < 0 (they fire for x_j < 0).
namespace Verification.LotteryTickets.SubsetSum;

/// <summary>What the construction produced: the pruned network and the per-layer accounting of its error bound.</summary>
public sealed record PruningResult(
    PrunedNetwork Network,
    IReadOnlyList<double> LayerEpsilon,
    IReadOnlyList<double> MaxEntryError,
    int Instances,
    int FailedInstances)
{
    /// <summary>Every SubsetSum instance met its ε′.</summary>
    public bool Success => FailedInstances == 0;

    /// <summary>η_i = √(d_{i−1}·d_i) · (largest entry error of layer i), the per-layer relative error (spec §2 D).</summary>
    public IReadOnlyList<double> Eta => MaxEntryError.Select((e, i) => Math.Sqrt(Network.Source.Widths[i] * Network.Source.Widths[i + 1]) * e).ToArray();

    /// <summary>Π(1+η_i) − 1 ≥ sup_{‖x‖≤1} ‖f(x) − g̃(x)‖ when ‖W_i‖ ≤ 1 (≤ (1+max η)^l − 1).</summary>
    public double ErrorBound => Eta.Aggregate(1.0, (p, e) => p * (1 + e)) - 1;
}

/// <summary>The construction of Theorem 1. <see cref="OneHalfOnly"/> is the negative control.</summary>
public static class SubsetSumPruning
{
    /// <summary>
    /// Prunes <paramref name="random"/> to approximate <paramref name="target"/> to ε, using the first
    /// <paramref name="blockWidth"/> units of each block (all when null). ε′_i = ε/(2l·√(d_{i−1}d_i)) per weight
    /// (spec §2 D). <paramref name="oneHalfOnly"/>: the sabotage that solves only the positive instance (units with
    /// a &gt; 0) and keeps nothing for x_j &lt; 0, while reporting only the positive errors.
    /// </summary>
    public static PruningResult Prune(TargetNetwork target, RandomNetwork random, double epsilon, int? blockWidth = null,
        SubsetSumSolver? solver = null, bool oneHalfOnly = false)
    {
        SubsetSumSolver.CheckEpsilon(epsilon);
        if (!target.Widths.SequenceEqual(random.Widths))
            throw new ArgumentException($"random network sized for widths [{string.Join(",", random.Widths)}], target has [{string.Join(",", target.Widths)}]", nameof(random));
        int m = blockWidth ?? random.BlockWidth;
        if (m < 1 || m > random.BlockWidth)
            throw new ArgumentOutOfRangeException(nameof(blockWidth), m, $"block width m must be in 1..{random.BlockWidth}");
        solver ??= new MeetInTheMiddle();
        int l = target.Depth, instances = 0, failed = 0;
        var masks = random.Layers.Select(w => new bool[w.GetLength(0), w.GetLength(1)]).ToArray();
        var layerEps = new double[l];
        var maxErr = new double[l];
        for (int i = 0; i < l; i++)
        {
            int dIn = target.Widths[i], dOut = target.Widths[i + 1];
            double eps = layerEps[i] = epsilon / (2.0 * l * Math.Sqrt(dIn * dOut));
            var w = target.Weights[i];
            var m1 = random.Layers[2 * i];
            var m2 = random.Layers[2 * i + 1];
            for (int j = 0; j < dIn; j++)
            {
                var positive = new List<int>();
                var negative = new List<int>();
                for (int t = 0; t < m; t++)
                {
                    int unit = j * random.BlockWidth + t;
                    if (m1[unit, j] > 0) positive.Add(unit);
                    else if (m1[unit, j] < 0) negative.Add(unit);
                }
                for (int k = 0; k < dOut; k++)
                {
                    foreach (var (units, half) in new[] { (positive, +1), (negative, -1) })
                    {
                        if (oneHalfOnly && half < 0) continue;
                        if (units.Count > MeetInTheMiddle.Limit && solver is MeetInTheMiddle)
                            throw new ArgumentOutOfRangeException(nameof(blockWidth), m,
                                $"block width m = {m} puts {units.Count} terms in one SubsetSum instance, beyond meet-in-the-middle's {MeetInTheMiddle.Limit}");
                        var products = units.Select(u => m1[u, j] * m2[k, u]).ToArray();
                        var s = solver.Solve(products, w[k, j]);
                        instances++;
                        if (s.Error > eps) failed++;
                        maxErr[i] = Math.Max(maxErr[i], s.Error);
                        for (int q = 0; q < units.Count; q++)
                        {
                            if (!s.Contains(q)) continue;
                            masks[2 * i + 1][k, units[q]] = true;   // keep b_{k,j,t}
                            masks[2 * i][units[q], j] = true;       // and the unit's single first-layer edge a_{j,t}
                        }
                    }
                }
            }
        }
        return new PruningResult(new PrunedNetwork(random, masks), layerEps, maxErr, instances, failed);
    }

    /// <summary>The negative control: the positive half only (σ(wx) without −σ(−wx)).</summary>
    public static PruningResult OneHalfOnly(TargetNetwork target, RandomNetwork random, double epsilon, int? blockWidth = null) =>
        Prune(target, random, epsilon, blockWidth, oneHalfOnly: true);
}
