// arXiv 2006.07990 §4, Experiment 1 (spec P7): the figure of SS.exact-solvers-agree.
using Verification.Core.Claims;

namespace Verification.LotteryTickets.SubsetSum.Claims;

/// <summary>What SS.exact-solvers-agree draws: the sorted errors of the exact and the greedy solver at the paper's n.</summary>
public static class SolverFigures
{
    public static Figure Errors(IReadOnlyList<SolvedInstance> paperSize, int n, double epsilon)
    {
        var q = Enumerable.Range(0, paperSize.Count).Select(i => (i + 0.5) / paperSize.Count).ToArray();
        return new Figure("ss-solver-errors", $"Closest-subset-sum error at n = {n} (sorted, {paperSize.Count} instances)",
            "quantile", "|z − Σ_S a_i|",
            [
                new Series("meet-in-the-middle (exact)", q, paperSize.Select(r => r.Fast).Order().ToArray()),
                new Series("greedy", q, paperSize.Select(r => r.Greedy).Order().ToArray()),
                new Series($"ε = {epsilon}", [0, 1], [epsilon, epsilon], SeriesStyle.Reference),
            ], LogY: true,
            Caption: "The exact solver's error stays at or below ε on every instance (whole curve under the ε line); greedy's does not.");
    }
}
