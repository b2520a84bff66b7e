// Attention with Markov (arXiv 2402.04161), §4, the (p, q) grid figure (spec §5 item 6): the heatmaps of the grid claim,
// built from per-cell values (what PqGrid keeps as its runs are made, or what a run's CSV holds).
using Verification.Core.Claims;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// The grid's heatmaps: rows q, columns p, one number per cell, and the line p + q = 1 that separates the cells where
/// a tied model may stop at the unigram point (p + q &gt; 1) from those where it must reach the kernel.
/// </summary>
public static class PqGridFigures
{
    /// <summary>The figure name of an arm's mean-prediction heatmap.</summary>
    public static string MeanName(bool tied) => $"am-grid-{(tied ? "tied" : "untied")}";

    public const string PlateauName = "am-grid-tied-plateau";

    /// <summary>What the grid's runs were: sampled training (length, runs per cell) or the exact loss.</summary>
    public static string How(bool sampled, int length, int seedsPerCell) =>
        sampled ? $"sampled training, T={length}, mean of {seedsPerCell} runs" : $"exact loss, N={length}";

    /// <summary>The mean predicted P̂(0|x=1) per cell of one arm.</summary>
    public static Figure Mean(bool tied, IReadOnlyList<double> grid, double[,] mean, string how) =>
        new(MeanName(tied), $"Predicted P(0|x=1), {(tied ? "tied" : "untied")} ({how})", "p", "q", [Diagonal()],
            new Heatmap(grid, grid, mean, "P̂(0|x=1)"),
            Caption: tied
                ? "Each cell should read its q (the kernel), except above p + q = 1 where a tied run may stop at π0 instead."
                : "Each cell should read its own q (the kernel): the colour changes along q (rows), not along p (columns).");

    /// <summary>The fraction of the tied runs of each cell that ended on the plateau (at π0, not q).</summary>
    public static Figure Plateau(IReadOnlyList<double> grid, double[,] fraction, string how) =>
        new(PlateauName, $"Fraction of tied runs on the plateau (P̂(0|1) at π0, not q) ({how})", "p", "q", [Diagonal()],
            new Heatmap(grid, grid, fraction, "fraction on the plateau"),
            Caption: "Nonzero cells are tied runs stuck at the unigram point; the paper expects them only above the line p + q = 1.");

    /// <summary>p + q = 1 across the unit square.</summary>
    private static Series Diagonal() => new("p + q = 1", [0, 1], [1, 0], SeriesStyle.Reference);
}
