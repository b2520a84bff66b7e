// arXiv 2006.07990 §2, the one-weight gadget (spec §2 A, repo img/Weight_ReLU.png): wx = σ(wx) − σ(−wx) approximated
// by a pruned 1-m-1 ReLU block g̃(x) = Σ_{t kept} b_t σ(a_t x). For x ≥ 0 only units with a_t > 0 fire, so
// g̃(x) = x·s₊; for x < 0 only units with a_t < 0 fire, so g̃(x) = x·s₋: two independent SubsetSum instances.
namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// The pruned one-weight block. <see cref="PredictedSupError"/> = max(|w − s₊|, |w − s₋|) is the construction's
/// claim about sup_{|x|≤1} |wx − g̃(x)|; <see cref="Evaluate"/> runs the pruned network itself.
/// </summary>
public sealed class OneWeightBlock
{
    private readonly double[] a, b;

    private OneWeightBlock(double w, double[] a, double[] b, bool[] kept, double sPlus, double sMinus)
    {
        W = w;
        this.a = a;
        this.b = b;
        Kept = kept;
        SPlus = sPlus;
        SMinus = sMinus;
    }

    public double W { get; }
    public IReadOnlyList<bool> Kept { get; }

    /// <summary>The subset sum of the products a_t·b_t chosen for x &gt; 0 (as reported by the construction).</summary>
    public double SPlus { get; }

    /// <summary>The subset sum chosen for x &lt; 0 (as reported by the construction).</summary>
    public double SMinus { get; }

    public int KeptUnits => Kept.Count(k => k);

    public double PredictedSupError => Math.Max(Math.Abs(W - SPlus), Math.Abs(W - SMinus));

    /// <summary>g̃(x) = Σ_{t kept} b_t σ(a_t x): the pruned network, evaluated.</summary>
    public double Evaluate(double x)
    {
        double y = 0;
        for (int t = 0; t < a.Length; t++)
            if (Kept[t]) y += b[t] * Math.Max(a[t] * x, 0);
        return y;
    }

    /// <summary>
    /// The paper's block: one SubsetSum over the products of the units with a_t &gt; 0 and one over those with
    /// a_t &lt; 0, both with target w.
    /// </summary>
    public static OneWeightBlock Build(double w, double[] a, double[] b, SubsetSumSolver solver)
    {
        Check(w, a, b);
        var kept = new bool[a.Length];
        double sPlus = Half(w, a, b, solver, kept, t => a[t] > 0);
        double sMinus = Half(w, a, b, solver, kept, t => a[t] < 0);
        return new OneWeightBlock(w, a, b, kept, sPlus, sMinus);
    }

    /// <summary>
    /// Negative control: the ReLU ignored (the block treated as linear, g̃(x) "=" x·Σ a_t b_t): one SubsetSum over all
    /// products, and that single sum reported for both signs of x.
    /// </summary>
    public static OneWeightBlock BuildIgnoringRelu(double w, double[] a, double[] b, SubsetSumSolver solver)
    {
        Check(w, a, b);
        var kept = new bool[a.Length];
        double s = Half(w, a, b, solver, kept, _ => true);
        return new OneWeightBlock(w, a, b, kept, s, s);
    }

    private static double Half(double w, double[] a, double[] b, SubsetSumSolver solver, bool[] kept, Func<int, bool> select)
    {
        var units = Enumerable.Range(0, a.Length).Where(select).ToArray();
        var solution = solver.Solve(units.Select(t => a[t] * b[t]).ToArray(), w);
        for (int q = 0; q < units.Length; q++)
            if (solution.Contains(q)) kept[units[q]] = true;
        return solution.Sum;
    }

    private static void Check(double w, double[] a, double[] b)
    {
        if (!double.IsFinite(w) || Math.Abs(w) > 1)
            throw new ArgumentOutOfRangeException(nameof(w), w, "target weight w must be finite with |w| ≤ 1");
        if (a.Length != b.Length) throw new ArgumentException($"{a.Length} first-layer weights but {b.Length} second-layer weights", nameof(b));
        if (a.Length < 1) throw new ArgumentOutOfRangeException(nameof(a), a.Length, "block width m must be ≥ 1");
    }
}
