// arXiv 2006.07990 §4 (baseline for the exact solvers): greedy closest subset sum.
namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// Greedy heuristic: coefficients by decreasing |a_i|, each taken when it moves the partial sum closer to z. Not exact;
/// its "Optimal" status only means it finished.
/// </summary>
public sealed class GreedySubsetSum : SubsetSumSolver
{
    public override string Name => "greedy";
    public override int MaxTerms => 63;
    public override bool IsExact => false;

    protected override SubsetSumStatus Run(IReadOnlyList<double> a, double z, out ulong mask)
    {
        var order = Enumerable.Range(0, a.Count).OrderByDescending(i => Math.Abs(a[i])).ThenBy(i => i).ToArray();
        double residual = z;
        mask = 0;
        foreach (int i in order)
        {
            if (Math.Abs(residual - a[i]) < Math.Abs(residual))
            {
                residual -= a[i];
                mask |= 1UL << i;
            }
        }
        return SubsetSumStatus.Optimal;
    }
}
