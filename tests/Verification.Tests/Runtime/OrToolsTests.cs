using Google.OrTools.LinearSolver;
using Verification.Core.Numerics;
using Verification.Tests.Support;

namespace Verification.Tests.Runtime;

/// <summary>OR-Tools (with the pinned Google.Protobuf) loads and GLOP returns primal and dual solutions.</summary>
public class OrToolsTests
{
    [Fact]
    public void GlopSolvesASmallLpAndItsDualValuesCertifyOptimality()
    {
        // data: max 3x + 2y  s.t.  x + y ≤ 4,  x ≤ 3,  x + 3y ≤ 9,  x, y ≥ 0.  Optimum (3, 1), value 11.
        using var solver = Solver.CreateSolver("GLOP");
        Assert.NotNull(solver);
        // variables
        var x = solver.MakeNumVar(0, double.PositiveInfinity, "x");
        var y = solver.MakeNumVar(0, double.PositiveInfinity, "y");
        // constraints
        var total = solver.MakeConstraint(double.NegativeInfinity, 4, "total");
        total.SetCoefficient(x, 1);
        total.SetCoefficient(y, 1);
        var capX = solver.MakeConstraint(double.NegativeInfinity, 3, "capX");
        capX.SetCoefficient(x, 1);
        var slack = solver.MakeConstraint(double.NegativeInfinity, 9, "slack");
        slack.SetCoefficient(x, 1);
        slack.SetCoefficient(y, 3);
        // objective
        var objective = solver.Objective();
        objective.SetCoefficient(x, 3);
        objective.SetCoefficient(y, 2);
        objective.SetMaximization();
        // solve, status check
        Assert.Equal(Solver.ResultStatus.OPTIMAL, solver.Solve());
        // read solution
        var tight = Tolerance.Abs(1e-9);
        Assertions.Close(11, objective.Value(), tight, "objective");
        Assertions.Close(3, x.SolutionValue(), tight, "x");
        Assertions.Close(1, y.SolutionValue(), tight, "y");
        // duals: y_total = 2, y_capX = 1, the slack row 0; strong duality 4·2 + 3·1 + 9·0 = 11.
        Assertions.Close(2, total.DualValue(), tight, "dual(total)");
        Assertions.Close(1, capX.DualValue(), tight, "dual(capX)");
        Assertions.Close(0, slack.DualValue(), tight, "dual(slack)");
        Assertions.Close(objective.Value(), 4 * total.DualValue() + 3 * capX.DualValue() + 9 * slack.DualValue(), tight, "dual objective");
    }
}
