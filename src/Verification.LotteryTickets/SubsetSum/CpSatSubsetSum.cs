// arXiv 2006.07990 §4, Experiment 1: the authors solve one MIP per weight with Gurobi; here the same model with
// OR-Tools CP-SAT, which needs integer data. Spec pitfall 7: scaling by K and rounding moves each of the n
// coefficients and z by at most 1/(2K), so the real error of the returned subset is within (n+1)/K of the optimum.
using Google.OrTools.Sat;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// Exact closest subset sum (up to the scaling error <see cref="RoundingSlack"/>) with CP-SAT:
/// minimise |Z − Σ A_i x_i| over x ∈ {0,1}^n with A_i = round(K·a_i), Z = round(K·z).
/// </summary>
public sealed class CpSatSubsetSum(long scale = CpSatSubsetSum.DefaultScale, double timeLimitSeconds = 10, int workers = 1) : SubsetSumSolver
{
    /// <summary>K = 10^6, as in the spec (P7): rounding error (n+1)/K ≈ 2e-5 at n = 21, below ε = 0.01 by 500×.</summary>
    public const long DefaultScale = 1_000_000;

    public long Scale { get; } = scale > 0 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale K must be > 0");

    public override string Name => "cp-sat";
    public override int MaxTerms => 63;
    public override bool IsExact => true;

    /// <summary>The most by which the real error of the returned subset can exceed the exact optimum: (n+1)/K.</summary>
    public double RoundingSlack(int n) => (n + 1.0) / Scale;

    /// <summary>The accuracy to ask of the integer model so that the real error is ≤ ε: ε − (n+1)/(2K) per side.</summary>
    public double TightenedEpsilon(double epsilon, int n)
    {
        CheckEpsilon(epsilon);
        double tight = epsilon - (n + 1.0) / (2.0 * Scale);
        return tight > 0 ? tight : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon,
            $"epsilon must exceed the scaling error (n+1)/(2K) = {(n + 1.0) / (2.0 * Scale):E2}; raise K");
    }

    protected override SubsetSumStatus Run(IReadOnlyList<double> a, double z, out ulong mask) =>
        Build(a, z, null, out mask);

    /// <summary>
    /// ε-mode, as the paper's Gurobi model (hard constraint |z − Σ a_i x_i| ≤ ε): any subset within the tightened
    /// ε − (n+1)/(2K) of z in integers, whose real error is then ≤ ε. Returns <see cref="SubsetSumStatus.Feasible"/>
    /// with the subset, or <see cref="SubsetSumStatus.Infeasible"/> when CP-SAT proves none exists.
    /// </summary>
    public SubsetSumStatus TrySolveWithin(IReadOnlyList<double> coefficients, double target, double epsilon, out SubsetSumSolution? solution)
    {
        Validate(coefficients, target);
        double tight = TightenedEpsilon(epsilon, coefficients.Count);
        solution = null;
        var status = Build(coefficients, target, (long)Math.Floor(tight * Scale), out var mask);
        if (status == SubsetSumStatus.Feasible) solution = new SubsetSumSolution(coefficients, target, mask);
        return status;
    }

    private SubsetSumStatus Build(IReadOnlyList<double> a, double z, long? maxDeviation, out ulong mask)
    {
        mask = 0;
        // data
        int n = a.Count;
        var coeff = new long[n];
        long zInt = ToInt(z);
        long bound = Math.Abs(zInt);
        for (int i = 0; i < n; i++)
        {
            coeff[i] = ToInt(a[i]);
            bound += Math.Abs(coeff[i]);
        }

        var model = new CpModel();
        // variables: x_i = 1 when a_i is kept; the signed difference and its absolute value
        var x = new BoolVar[n];
        for (int i = 0; i < n; i++) x[i] = model.NewBoolVar($"keep_{i}");
        var difference = model.NewIntVar(-bound, bound, "difference");
        var deviation = model.NewIntVar(0, maxDeviation ?? bound, "deviation");
        // constraints: difference = Z − Σ A_i x_i;  deviation = |difference| (≤ ε·K in ε-mode, by its domain)
        model.Add(difference == zInt - LinearExpr.WeightedSum(x, coeff)).Proto.Name = "difference_definition";
        model.AddAbsEquality(deviation, difference).Proto.Name = "deviation_is_abs_difference";
        // objective: the closest subset (none in ε-mode: the first subset within ε will do)
        if (maxDeviation is null) model.Minimize(deviation);

        // solve (a fixed worker count, so that the returned subset is reproducible)
        using var solver = new CpSolver();
        solver.StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"num_workers:{workers} max_time_in_seconds:{timeLimitSeconds}");
        var status = solver.Solve(model);
        // status check
        if (maxDeviation is not null && status == CpSolverStatus.Infeasible) return SubsetSumStatus.Infeasible;
        bool done = maxDeviation is null ? status == CpSolverStatus.Optimal
            : status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        if (!done) return SubsetSumStatus.NotOptimal;
        // read solution
        for (int i = 0; i < n; i++)
            if (solver.BooleanValue(x[i])) mask |= 1UL << i;
        return maxDeviation is null ? SubsetSumStatus.Optimal : SubsetSumStatus.Feasible;
    }

    private long ToInt(double v)
    {
        double scaled = Math.Round(v * Scale);
        if (Math.Abs(scaled) > 1e15)
            throw new ArgumentOutOfRangeException(nameof(v), v, $"value × K = {scaled:E2} overflows CP-SAT's integers; lower K");
        return (long)scaled;
    }
}
