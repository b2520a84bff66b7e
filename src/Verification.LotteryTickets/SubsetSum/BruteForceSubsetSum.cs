// arXiv 2006.07990 §2: the closest subset sum by enumerating all 2^n subsets, the reference for small n.
namespace Verification.LotteryTickets.SubsetSum;

/// <summary>Exact by enumeration of all 2^n masks; n ≤ 20 (a million subsets).</summary>
public sealed class BruteForceSubsetSum : SubsetSumSolver
{
    public override string Name => "brute-force";
    public override int MaxTerms => 20;
    public override bool IsExact => true;

    protected override SubsetSumStatus Run(IReadOnlyList<double> a, double z, out ulong mask)
    {
        int n = a.Count;
        double best = double.PositiveInfinity;
        mask = 0;
        for (ulong m = 0; m < 1UL << n; m++)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
                if ((m >> i & 1) != 0) s += a[i];
            double d = Math.Abs(z - s);
            if (d < best) (best, mask) = (d, m);
        }
        return SubsetSumStatus.Optimal;
    }
}
