using Verification.Core.Numerics;
using Verification.Tests.Support;
using Verification.Transformers.LocalToGlobal;

namespace Verification.Tests.LocalToGlobal;

public class DormandPrinceTests
{
    private sealed class Field(int dimension, Action<double[], double[]> f) : IVectorField
    {
        public int Dimension => dimension;

        public void Evaluate(ReadOnlySpan<double> x, Span<double> dx)
        {
            var y = new double[dimension];
            f(x.ToArray(), y);
            y.CopyTo(dx);
        }
    }

    private static readonly IntegratorOptions Fixed = new(RelativeTolerance: 1e-11, AbsoluteTolerance: 1e-13, EndTime: 1, StopOnConvergence: false);

    [Fact]
    public void ExponentialDecayIsIntegratedToTheTolerance()
    {
        var r = DormandPrince.Integrate(new Field(1, (x, d) => d[0] = -x[0]), [1.0], Fixed);
        Assert.Equal(FlowStatus.ReachedEndTime, r.Status);
        Assertions.Close(1, r.Time, Tolerance.Abs(1e-14), "t");
        Assertions.Close(Math.Exp(-1), r.State[0], Tolerance.Abs(1e-10), "x(1)");
    }

    [Fact]
    public void HarmonicOscillatorKeepsItsPhaseAndEnergyOverTenPeriods()
    {
        var options = Fixed with { EndTime = 20 * Math.PI };
        var r = DormandPrince.Integrate(new Field(2, (x, d) => { d[0] = x[1]; d[1] = -x[0]; }), [1.0, 0.0], options);
        Assertions.Close(1, r.State[0], Tolerance.Abs(1e-8), "x(20π)");
        Assertions.Close(0, r.State[1], Tolerance.Abs(1e-8), "v(20π)");
    }

    [Fact]
    public void StopsOnConvergenceAtAStableFixedPoint()
    {
        var r = DormandPrince.Solve(new Field(1, (x, d) => d[0] = 2 - x[0]), [5.0]);
        Assert.True(r.Converged);
        Assertions.Close(2, r.State[0], Tolerance.Abs(1e-6), "fixed point");
        Assert.True(r.FieldNorm < new IntegratorOptions().ConvergenceTolerance);
    }

    [Fact]
    public void AFlowThatNeverConvergesIsReportedAndSolveThrows()
    {
        var drift = new Field(1, (_, d) => d[0] = 1);
        var options = new IntegratorOptions(EndTime: 10);
        var r = DormandPrince.Integrate(drift, [0.0], options);
        Assert.Equal(FlowStatus.ReachedEndTime, r.Status);
        Assert.False(r.Converged);
        Assert.Contains("not converged", r.Describe());
        var ex = Assert.Throws<FlowNotConvergedException>(() => DormandPrince.Solve(drift, [0.0], options));
        Assert.Equal(FlowStatus.ReachedEndTime, ex.Result.Status);
    }

    [Fact]
    public void AFiniteTimeBlowUpIsNeverReportedAsConverged()
    {
        // x' = x² from 1 blows up at t = 1.
        var r = DormandPrince.Integrate(new Field(1, (x, d) => d[0] = x[0] * x[0]), [1.0], new IntegratorOptions(EndTime: 5));
        Assert.False(r.Converged);
        Assert.Contains(r.Status, new[] { FlowStatus.NonFinite, FlowStatus.StepTooSmall, FlowStatus.StepLimit });
        Assert.True(r.Time < 1 + 1e-6, $"stopped at t = {r.Time}");
    }

    [Fact]
    public void StepLimitIsReported()
    {
        var r = DormandPrince.Integrate(new Field(1, (_, d) => d[0] = 1), [0.0], new IntegratorOptions(MaxSteps: 3, MaxStep: 1e-3));
        Assert.Equal(FlowStatus.StepLimit, r.Status);
        Assert.Equal(3, r.Steps);
    }

    [Fact]
    public void BadStartsAndOptionsAreRejected()
    {
        var f = new Field(2, (x, d) => { d[0] = 0; d[1] = 0; });
        Assert.Throws<ArgumentOutOfRangeException>(() => DormandPrince.Integrate(f, [double.NaN, 0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DormandPrince.Integrate(f, [double.PositiveInfinity, 0.0]));
        Assert.Throws<ArgumentException>(() => DormandPrince.Integrate(f, [0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DormandPrince.Integrate(f, [0.0, 0.0], new IntegratorOptions(RelativeTolerance: 0)));
    }
}
