// arXiv 2006.07990 §2, Theorem 1 and its error accounting (spec §2 D, P5): the experiment behind
// SS.end-to-end-error-bound — random targets pruned out of random U[−1,1] networks of depth 2l at several widths.
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// One construction (a random target, pruned at block width m): its sup error over the inputs, the bound
/// Π(1+η_i) − 1 from the measured per-weight errors, and whether every SubsetSum instance met its ε′.
/// </summary>
public sealed record PrunedConstruction(int Trial, int Width, double SupError, double Bound, bool Success)
{
    public string Label => $"trial={Trial},m={Width}";
}

/// <summary>Every construction of one target shape (d, l): each trial's target pruned at every width.</summary>
public sealed record EndToEndShape(int D, int L, int Trials, IReadOnlyList<int> Widths, IReadOnlyList<PrunedConstruction> Constructions)
{
    public string Key => $"d={D},l={L}";

    public double SuccessRate(int width) => Successes(width) / (double)Trials;

    public int Successes(int width) => Constructions.Count(c => c.Width == width && c.Success);

    /// <summary>The median over trials of the sup error at <paramref name="width"/>.</summary>
    public double MedianSupError(int width) => SolverComparison.Median(Constructions.Where(c => c.Width == width).Select(c => c.SupError));

    /// <summary>The largest sup error over bound (over constructions with a positive bound; 0 if none).</summary>
    public double MaxSupErrorOverBound => Constructions.Where(c => c.Bound > 0).Aggregate(0.0, (worst, c) => Math.Max(worst, c.SupError / c.Bound));
}

public static class EndToEndExperiment
{
    /// <summary>
    /// <paramref name="trials"/> targets f of shape (d, l) with ‖W_i‖ = 1, each with one random network of the largest
    /// width, pruned at every width (<paramref name="oneHalfOnly"/>: the negative control's construction); the sup
    /// error over <paramref name="inputs"/> random unit inputs and ±e_j (both signs of every coordinate).
    /// </summary>
    public static EndToEndShape Run(int d, int l, int trials, int inputs, IReadOnlyList<int> widths, double epsilon, bool oneHalfOnly,
        Rng rng, Action<double>? progress = null)
    {
        var layerWidths = Enumerable.Repeat(d, l + 1).ToArray();
        var constructions = new List<PrunedConstruction>();
        for (int t = 0; t < trials; t++)
        {
            var target = TargetNetwork.Random(layerWidths, rng);
            var random = RandomNetwork.Sample(layerWidths, widths.Max(), rng);
            var x = Enumerable.Range(0, inputs).Select(_ => Dense.UnitVector(d, rng))
                .Concat(Enumerable.Range(0, 2 * d).Select(j => Basis(d, j / 2, j % 2 == 0 ? 1 : -1))).ToArray();
            foreach (var m in widths)
            {
                var result = oneHalfOnly ? SubsetSumPruning.OneHalfOnly(target, random, epsilon, m) : SubsetSumPruning.Prune(target, random, epsilon, m);
                double sup = x.Max(v => Distance(target.Evaluate(v), result.Network.Evaluate(v)));
                constructions.Add(new PrunedConstruction(t, m, sup, result.ErrorBound, result.Success));
            }
            progress?.Invoke((t + 1.0) / trials);
        }
        return new EndToEndShape(d, l, trials, widths, constructions);
    }

    private static double[] Basis(int d, int j, double sign)
    {
        var x = new double[d];
        x[j] = sign;
        return x;
    }

    private static double Distance(double[] u, double[] v) => Math.Sqrt(u.Zip(v).Sum(p => (p.First - p.Second) * (p.First - p.Second)));
}
