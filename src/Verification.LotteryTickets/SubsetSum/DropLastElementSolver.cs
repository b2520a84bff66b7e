// Negative control for the exact solvers of arXiv 2006.07990 §2: an off-by-one that never considers the last term.
namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// Sabotaged solver: runs an exact solver on a_1..a_{n−1} only (the classic off-by-one in a loop bound). It is exact on
/// the wrong problem, so it claims optimality while missing every subset that needs a_n.
/// </summary>
public sealed class DropLastElementSolver(SubsetSumSolver inner) : SubsetSumSolver
{
    public override string Name => inner.Name + " (drops last element)";
    public override int MaxTerms => inner.MaxTerms;
    public override bool IsExact => true;   // what it claims, wrongly

    protected override SubsetSumStatus Run(IReadOnlyList<double> a, double z, out ulong mask)
    {
        mask = 0;
        if (a.Count == 0) return SubsetSumStatus.Optimal;
        var status = inner.TrySolve(a.Take(a.Count - 1).ToArray(), z, out var s);
        if (s is not null) mask = s.Mask;
        return status;
    }
}
