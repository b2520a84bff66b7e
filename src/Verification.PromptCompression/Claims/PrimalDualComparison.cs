// arXiv 2407.15504, §3.2 (strong duality of the distortion-rate LP); spec §3 "Equality to test", §7 item 1.
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>GLOP's solution of the primal LP at one rate (<see cref="At"/> names it in the report), next to the dual algorithm's D*(R).</summary>
public sealed record PrimalDualPoint(string At, double Rate, LpStatus Status, LpSolution? Lp, double Dual)
{
    public bool Optimal => Status == LpStatus.Optimal;

    /// <summary>The primal value (read only when <see cref="Optimal"/>).</summary>
    public double Primal => Lp!.Value;

    /// <summary>The rate the primal optimum uses (tight rate row: = R).</summary>
    public double AchievedRate => Lp!.AchievedRate;

    /// <summary>|primal − dual| / max(1, |dual|).</summary>
    public double RelativeError => Math.Abs(Primal - Dual) / Math.Max(1, Math.Abs(Dual));

    /// <summary>Solves the LP of <paramref name="problem"/> at <paramref name="rate"/> and evaluates <paramref name="dual"/> there.</summary>
    public static PrimalDualPoint Solve(RateDistortionProblem problem, DistortionRateCurve dual, string at, double rate, RateRow rateRow)
    {
        var status = DistortionRateLp.TrySolve(problem, rate, out var lp, rateRow);
        return new PrimalDualPoint(at, rate, status, lp, dual.Evaluate(rate));
    }
}

/// <summary>
/// The primal LP (GLOP) and the dual hull algorithm on one table: the LP's status just below R0 (infeasible there) and
/// both values at each rate above. Which rates were solved to optimality is a precondition of the comparison, the
/// rest are its data; the claims decide.
/// </summary>
public sealed record PrimalDualComparison(double BelowRate, LpStatus BelowStatus, IReadOnlyList<PrimalDualPoint> Points)
{
    public bool InfeasibleBelowR0 => BelowStatus == LpStatus.Infeasible;

    /// <summary>What the LP said below R0, for the report.</summary>
    public string BelowDetail => $"LP status {BelowStatus} at R = {BelowRate:G6}";

    /// <summary>Each rate with "solved to optimality", the label naming the status (the precondition of the comparison).</summary>
    public IEnumerable<(string Case, bool Holds)> Solved => Points.Select(p => ($"{p.At}: {p.Status}", p.Optimal));

    /// <summary>The rates at which GLOP reached an optimum.</summary>
    public IEnumerable<PrimalDualPoint> Optimal => Points.Where(p => p.Optimal);

    /// <summary>max over the optimal points of |primal − dual| / max(1, |dual|) (0 when none).</summary>
    public double MaxRelativeError => Optimal.Aggregate(0.0, (worst, p) => Math.Max(worst, p.RelativeError));

    /// <summary>Solves the LP of <paramref name="pruned"/> at <paramref name="belowRate"/> and at each of <paramref name="rates"/>, in order.</summary>
    public static PrimalDualComparison Run(RateDistortionProblem pruned, DistortionRateCurve dual, RateRow rateRow, double belowRate,
        IEnumerable<(string At, double Rate)> rates)
    {
        var below = DistortionRateLp.TrySolve(pruned, belowRate, out _, rateRow);
        return new PrimalDualComparison(belowRate, below, [.. rates.Select(r => PrimalDualPoint.Solve(pruned, dual, r.At, r.Rate, rateRow))]);
    }
}
