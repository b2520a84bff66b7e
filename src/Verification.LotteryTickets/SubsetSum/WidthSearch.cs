// arXiv 2006.07990 §2 (Theorem 1 width m = O(log(d l / min(ε,δ)))) against Malach et al. 2020 (one random weight per
// target weight, separate neurons per pair, width poly(d, l, 1/ε)); spec P3, P6.
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// For one random target and one random network, the smallest block width at which a construction succeeds (every
/// instance within ε′_i = ε/(2l√(d_{i−1}d_i))). Units are nested, so success is monotone in the width.
/// </summary>
public static class WidthSearch
{
    /// <summary>
    /// SubsetSum construction: the smallest m such that, for every (i, k, j) and both halves, the units among the first m
    /// of input j's block with the right sign of a reach W_kj within ε′_i. int.MaxValue if some instance is not reached
    /// within <paramref name="maxWidth"/> units.
    /// </summary>
    public static int SubsetSumWidth(TargetNetwork target, int maxWidth, double epsilon, Rng rng)
    {
        SubsetSumSolver.CheckEpsilon(epsilon);
        if (maxWidth < 1) throw new ArgumentOutOfRangeException(nameof(maxWidth), maxWidth, "maximum block width must be ≥ 1");
        int l = target.Depth, need = 0;
        for (int i = 0; i < l; i++)
        {
            int dIn = target.Widths[i], dOut = target.Widths[i + 1];
            double eps = epsilon / (2.0 * l * Math.Sqrt(dIn * dOut));
            for (int j = 0; j < dIn; j++)
            {
                var a = new double[maxWidth];
                for (int t = 0; t < maxWidth; t++) a[t] = rng.Uniform(-1, 1);   // block j of M_{2i−1}
                for (int k = 0; k < dOut; k++)
                {
                    var b = new double[maxWidth];
                    for (int t = 0; t < maxWidth; t++) b[t] = rng.Uniform(-1, 1);   // row k of M_{2i}, block j
                    foreach (int sign in new[] { 1, -1 })
                    {
                        var units = Enumerable.Range(0, maxWidth).Where(t => Math.Sign(a[t]) == sign).ToArray();
                        int terms = ShortestPrefix.Within(units.Select(t => a[t] * b[t]).ToArray(), target.Weights[i][k, j], eps);
                        if (terms < 0) return int.MaxValue;
                        need = Math.Max(need, terms == 0 ? 0 : units[terms - 1] + 1);
                    }
                }
            }
        }
        return need;
    }

    /// <summary>
    /// Malach-style baseline: each pair (k, j) gets its own hidden units, each with one first-layer weight a and one
    /// second-layer weight b; a pair is served once one unit with a &gt; 0 and one with a &lt; 0 have |a·b − W_kj| ≤ ε′.
    /// Returns the hidden units per input coordinate, d_i × (units drawn for the worst pair), maximised over layers;
    /// int.MaxValue past <paramref name="maxDraws"/> draws for a pair.
    /// </summary>
    public static int MalachWidth(TargetNetwork target, double epsilon, Rng rng, int maxDraws = 10_000_000)
    {
        SubsetSumSolver.CheckEpsilon(epsilon);
        int l = target.Depth, width = 0;
        for (int i = 0; i < l; i++)
        {
            int dIn = target.Widths[i], dOut = target.Widths[i + 1], worst = 0;
            double eps = epsilon / (2.0 * l * Math.Sqrt(dIn * dOut));
            for (int k = 0; k < dOut; k++)
            {
                for (int j = 0; j < dIn; j++)
                {
                    double w = target.Weights[i][k, j];
                    bool positive = false, negative = false;
                    int draws = 0;
                    while (!(positive && negative))
                    {
                        if (++draws > maxDraws) return int.MaxValue;
                        double a = rng.Uniform(-1, 1), b = rng.Uniform(-1, 1);
                        if (Math.Abs(a * b - w) > eps) continue;
                        if (a > 0) positive = true;
                        else if (a < 0) negative = true;
                    }
                    worst = Math.Max(worst, draws);
                }
            }
            width = Math.Max(width, dOut * worst);
        }
        return width;
    }

    /// <summary>The lower bound of Theorem 2: any network whose prunings ε-approximate every d×d map with ‖W‖ ≤ 1 has P ≥ d²·log2(1/(2ε)) parameters.</summary>
    public static double ParameterLowerBound(int d, double epsilon) =>
        d < 1 ? throw new ArgumentOutOfRangeException(nameof(d), d, "d must be ≥ 1")
              : d * (double)d * Math.Log2(1 / (2 * SubsetSumSolver.CheckEpsilon(epsilon)));
}
