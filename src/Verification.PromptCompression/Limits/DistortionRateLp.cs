// arXiv 2407.15504, §3.1, the primal LP (eq. for D*(R)); spec §2. Solved with Google OR-Tools GLOP.
using Google.OrTools.LinearSolver;

namespace Verification.PromptCompression.Limits;

public enum LpStatus { Optimal, Infeasible, NotOptimal }

/// <summary>The sense of the rate row. <see cref="AtLeast"/> is a sign error, kept as the negative control.</summary>
public enum RateRow { AtMost, AtLeast }

/// <summary>An optimal solution: D*(R), p(m|u) per group, the achieved rate and λ = −(dual of the rate row) ≥ 0.</summary>
public sealed record LpSolution(double Value, double[][] Policy, double AchievedRate, double RateDual);

/// <summary>Thrown by <see cref="DistortionRateLp.Solve"/> when the LP has no optimum (infeasible below R0, or not solved).</summary>
public sealed class DistortionRateLpException(LpStatus status, string message) : Exception(message)
{
    public LpStatus Status { get; } = status;
}

/// <summary>
/// The primal LP: minimize Σ_u P(u) Σ_m p(m|u) D_{u,m} subject to Σ_m p(m|u) = 1 for every group,
/// Σ_u P(u) Σ_m p(m|u) R_{u,m} ≤ R, and p ≥ 0.
/// </summary>
public static class DistortionRateLp
{
    public static LpSolution Solve(RateDistortionProblem problem, double rate, RateRow rateRow = RateRow.AtMost)
    {
        var status = TrySolve(problem, rate, out var solution, rateRow);
        return status switch
        {
            LpStatus.Optimal => solution!,
            LpStatus.Infeasible => throw new DistortionRateLpException(status,
                $"the distortion-rate LP is infeasible at R = {rate} (R0 = {problem.MinimumRate})"),
            _ => throw new DistortionRateLpException(status, $"GLOP did not reach an optimum at R = {rate}"),
        };
    }

    public static LpStatus TrySolve(RateDistortionProblem problem, double rate, out LpSolution? solution,
        RateRow rateRow = RateRow.AtMost)
    {
        ArgumentNullException.ThrowIfNull(problem);
        DistortionRateCurve.CheckRate(rate);
        solution = null;
        // data
        var groups = problem.Groups;
        // solver
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools GLOP is not available");
        // variables: p(m|u) ≥ 0
        var p = new Variable[groups.Count][];
        for (int u = 0; u < groups.Count; u++)
        {
            p[u] = new Variable[groups[u].Count];
            for (int m = 0; m < groups[u].Count; m++) p[u][m] = solver.MakeNumVar(0, double.PositiveInfinity, $"p_{u}_{m}");
        }
        // constraints: Σ_m p(m|u) = 1 for every group u
        for (int u = 0; u < groups.Count; u++)
        {
            var simplex = solver.MakeConstraint(1, 1, $"simplex_{u}");
            foreach (var v in p[u]) simplex.SetCoefficient(v, 1);
        }
        // constraint: Σ_u P(u) Σ_m p(m|u) R_{u,m} ≤ R (the one coupling row)
        var rateConstraint = rateRow == RateRow.AtMost
            ? solver.MakeConstraint(double.NegativeInfinity, rate, "rate")
            : solver.MakeConstraint(rate, double.PositiveInfinity, "rate");
        for (int u = 0; u < groups.Count; u++)
            for (int m = 0; m < groups[u].Count; m++) rateConstraint.SetCoefficient(p[u][m], groups[u].Weight * groups[u].Rates[m]);
        // objective: Σ_u P(u) Σ_m p(m|u) D_{u,m}
        var objective = solver.Objective();
        for (int u = 0; u < groups.Count; u++)
            for (int m = 0; m < groups[u].Count; m++) objective.SetCoefficient(p[u][m], groups[u].Weight * groups[u].Distortions[m]);
        objective.SetMinimization();
        // solve, status check
        var status = solver.Solve();
        if (status == Solver.ResultStatus.INFEASIBLE) return LpStatus.Infeasible;
        if (status != Solver.ResultStatus.OPTIMAL) return LpStatus.NotOptimal;
        // read solution
        var policy = p.Select(row => row.Select(v => Math.Max(0, v.SolutionValue())).ToArray()).ToArray();
        double achieved = 0;
        for (int u = 0; u < groups.Count; u++)
            for (int m = 0; m < groups[u].Count; m++) achieved += groups[u].Weight * groups[u].Rates[m] * policy[u][m];
        solution = new LpSolution(objective.Value(), policy, achieved, Math.Abs(rateConstraint.DualValue()));
        return LpStatus.Optimal;
    }
}
