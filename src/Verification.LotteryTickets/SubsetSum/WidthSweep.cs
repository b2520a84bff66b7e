// arXiv 2006.07990 §2 Theorem 1 (width O(log(d l/ε))) against Malach et al. 2020 (poly width), and §3 Theorem 2
// (P ≥ d²·log2(1/(2ε))); spec P3, P6, P9: the sweep behind SS.width-grows-logarithmically.
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// One (d, l, ε) configuration: the block width m₉₀ at which the quantile (90%) of random constructions succeed, for
/// the SubsetSum construction (NaN when not run) and the Malach-style baseline (its width per input); ∞ when the
/// quantile is not reached within the width limit.
/// </summary>
public sealed record WidthConfiguration(int D, int L, double Epsilon, double SubsetSum, double Malach)
{
    public string Key => $"d={D},l={L},eps={Epsilon}";

    /// <summary>d²·l/ε: Theorem 1's m = C·log(d_{i−1}·d_i·l / min(ε, δ)).</summary>
    public double Size => D * D * L / Epsilon;

    /// <summary>d·l/ε: the spec's shorthand, which drops one factor d.</summary>
    public double ShortSize => D * L / Epsilon;

    /// <summary>For l = 1: the random network's parameter count 2d²·m₉₀ over Theorem 2's lower bound.</summary>
    public double ParametersOverLowerBound => 2.0 * D * D * SubsetSum / WidthSearch.ParameterLowerBound(D, Epsilon);
}

public static class WidthSweep
{
    /// <summary>
    /// Every shape × ε, <paramref name="trials"/> random targets (‖W_i‖ = <paramref name="targetNorm"/>) each, from the
    /// stream <c>width-d{d}-l{l}-eps{ε}</c> of <paramref name="rngFor"/>; <paramref name="subsetSum"/> false runs the
    /// Malach-style baseline alone.
    /// </summary>
    public static List<WidthConfiguration> Run((int D, int L)[] shapes, double[] epsilons, int trials, int maxWidth, double targetNorm,
        double quantile, bool subsetSum, Func<string, Rng> rngFor, Action<double>? progress = null)
    {
        var configurations = new List<WidthConfiguration>();
        foreach (var (d, l) in shapes)
        {
            foreach (var eps in epsilons)
            {
                var rng = rngFor($"width-d{d}-l{l}-eps{eps}");
                var widths = Enumerable.Repeat(d, l + 1).ToArray();
                var ours = new List<int>();
                var malach = new List<int>();
                for (int t = 0; t < trials; t++)
                {
                    var target = TargetNetwork.Random(widths, rng, targetNorm);
                    if (subsetSum) ours.Add(WidthSearch.SubsetSumWidth(target, maxWidth, eps, rng));
                    malach.Add(WidthSearch.MalachWidth(target, eps, rng));
                }
                configurations.Add(new WidthConfiguration(d, l, eps, subsetSum ? QuantileOf(ours, quantile) : double.NaN, QuantileOf(malach, quantile)));
                progress?.Invoke(configurations.Count / (double)(shapes.Length * epsilons.Length));
            }
        }
        return configurations;
    }

    /// <summary>The ⌈q·T⌉-th smallest need (∞ for int.MaxValue, a width not reached).</summary>
    private static double QuantileOf(List<int> needs, double q)
    {
        var sorted = needs.Order().ToArray();
        int v = sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
        return v == int.MaxValue ? double.PositiveInfinity : v;
    }
}
