using Verification.Core.Numerics;
using Verification.PromptCompression.Limits;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

public class DistortionRateLpTests
{
    private static RateDistortionProblem Example() => new(
    [
        new RdGroup(0.5, [0.25, 0.5, 0.75, 1.0, 0.5], [1, 1, 0, 0.5, 3]),
        new RdGroup(0.5, [0.5, 1.0], [2, 0]),
    ]);

    [Theory]
    [InlineData(0.375, 1.5)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.75, 0.25)]
    [InlineData(1.0, 0.0)]
    public void GlopMatchesTheHandComputedCurve(double rate, double expected)
    {
        var lp = DistortionRateLp.Solve(Example(), rate);
        Assertions.Close(expected, lp.Value, Tolerance.Abs(1e-9), $"D*({rate})");
        Assert.All(lp.Policy, row => Assertions.Close(1, row.Sum(), Tolerance.Abs(1e-9), "simplex row"));
    }

    [Fact]
    public void TheRateDualIsTheActiveSlope() =>
        Assertions.Close(4, DistortionRateLp.Solve(Example(), 0.5).RateDual, Tolerance.Abs(1e-9), "λ at R = 1/2");

    [Fact]
    public void BelowTheMinimumRateTheLpIsInfeasibleNeverANumber()
    {
        Assert.Equal(LpStatus.Infeasible, DistortionRateLp.TrySolve(Example(), 0.3, out var solution));
        Assert.Null(solution);
        var e = Assert.Throws<DistortionRateLpException>(() => DistortionRateLp.Solve(Example(), 0.3));
        Assert.Equal(LpStatus.Infeasible, e.Status);
        Assert.Contains("infeasible", e.Message);
    }

    [Fact]
    public void TheWrongSignOnTheRateRowGivesADifferentValue()
    {
        var wrong = DistortionRateLp.Solve(Example(), 0.5, RateRow.AtLeast);
        Assert.True(Math.Abs(wrong.Value - 1.0) > 0.1, $"value {wrong.Value}");
    }
}
