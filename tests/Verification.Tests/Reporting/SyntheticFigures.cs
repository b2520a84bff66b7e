using Verification.LotteryTickets.RareGems.Claims;
using Verification.Transformers.AttentionWithMarkov;

namespace Verification.Tests.Reporting;

/// <summary>
/// The paper-scale figures that no smoke or CI run makes, built by the claims' own figure builders from small
/// synthetic numbers of the paper runs' shape: the fine-tuning claim's methods at five densities (RG), a 5×5 (p, q) grid (AM).
/// </summary>
public static class SyntheticFigures
{
    /// <summary>The methods of the fine-tuning claim (ten: nine curves beside the gem's).</summary>
    public static IReadOnlyList<string> Methods => FineTunedGemBeatsRandom.Methods;

    private static readonly double[] Densities = [5, 2, 1.4, 1, 0.5];   // % — as the paper run lists them

    public static Verification.Core.Claims.Figure RgAccuracyVsDensity()
    {
        // After fine-tuning: near 95% at 5%, lower the sparser and the weaker the method; before: ~10% but the gem.
        double After(int m, int j) => 95 - 6 * m * j / 4.0;
        double Before(int m, int j) => m == 0 ? 86 + j : 9 + (m + j) % 3;
        return GemFigures.AccuracyVsDensity(Methods, Densities,
            Methods.Select((m, i) => (m, i)).ToDictionary(t => t.m, t => Densities.Select((_, j) => After(t.i, j)).ToArray()),
            Methods.Select((m, i) => (m, i)).ToDictionary(t => t.m, t => Densities.Select((_, j) => Before(t.i, j)).ToArray()), seeds: 3);
    }

    public static Verification.Core.Claims.Figure AmGridPlateau()
    {
        double[] grid = [0.1, 0.3, 0.5, 0.7, 0.9];
        var fraction = new double[5, 5];
        (fraction[2, 3], fraction[4, 4]) = (1 / 3.0, 1 / 3.0);   // two cells above p + q = 1 with one run in three on the plateau
        return PqGridFigures.Plateau(grid, fraction, PqGridFigures.How(sampled: true, length: 1024, seedsPerCell: 3));
    }
}
