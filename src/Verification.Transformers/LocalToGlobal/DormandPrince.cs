// Local to Global (arXiv 2406.03072), §3 dynamics: the gradient flows of the canonical model are integrated with the
// embedded Runge–Kutta 5(4) pair of Dormand & Prince (1980), with step-size control and stop on convergence.
// The flow is stiff-ish where |w|·e is large (spec pitfall 5): an adaptive step is required.

namespace Verification.Transformers.LocalToGlobal;

/// <summary>An autonomous vector field dx/dt = F(x) on ℝⁿ.</summary>
public interface IVectorField
{
    int Dimension { get; }

    void Evaluate(ReadOnlySpan<double> x, Span<double> dx);
}

/// <summary>Why an integration stopped. Only <see cref="Converged"/> locates an end point; <see cref="ReachedEndTime"/> is the
/// normal end of a fixed-horizon run (convergence stop disabled).</summary>
public enum FlowStatus { Converged, ReachedEndTime, StepLimit, StepTooSmall, NonFinite }

/// <summary>Tolerances and limits of <see cref="DormandPrince"/>; defaults suit the canonical flows.</summary>
public sealed record IntegratorOptions(
    double RelativeTolerance = 1e-9,
    double AbsoluteTolerance = 1e-12,
    double InitialStep = 1e-3,
    double MaxStep = 25,
    double MinStep = 1e-12,
    int MaxSteps = 200_000,
    double EndTime = 1e4,              // long enough for the slowest stable end points of the grids (rate ≈ 0.01)
    double ConvergenceTolerance = 1e-7, // ‖F(x)‖∞ below this stops the run as converged
    bool StopOnConvergence = true);

/// <summary>The result of one integration: status, final time and state, and the count of accepted steps.</summary>
public sealed record FlowResult(FlowStatus Status, double Time, double[] State, int Steps, double FieldNorm)
{
    public bool Converged => Status == FlowStatus.Converged;

    /// <summary>Why a run did not converge, in words (for Inconclusive verdicts).</summary>
    public string Describe() => Status switch
    {
        FlowStatus.Converged => $"converged at t = {Time:G4} after {Steps} steps (‖F‖∞ = {FieldNorm:E1})",
        FlowStatus.ReachedEndTime => $"not converged by t = {Time:G4} (‖F‖∞ = {FieldNorm:E2} at ({string.Join(", ", State.Select(v => v.ToString("G5")))}))",
        FlowStatus.StepLimit => $"step limit reached after {Steps} steps at t = {Time:G4}",
        FlowStatus.StepTooSmall => $"step size fell below the minimum at t = {Time:G4}",
        FlowStatus.NonFinite => $"state became non-finite at t = {Time:G4}",
        _ => Status.ToString(),
    };
}

/// <summary>Thrown by <see cref="DormandPrince.Solve"/> when a flow does not converge; never read as a basin.</summary>
public sealed class FlowNotConvergedException(FlowResult result)
    : Exception("gradient flow did not converge: " + result.Describe())
{
    public FlowResult Result { get; } = result;
}

/// <summary>Adaptive Dormand–Prince 5(4) with FSAL and the standard error-per-step controller.</summary>
public static class DormandPrince
{
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
    // Error coefficients: fifth-order weights minus the embedded fourth-order ones.
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

    /// <summary>Integrates and throws <see cref="FlowNotConvergedException"/> unless the run converged.</summary>
    public static FlowResult Solve(IVectorField field, ReadOnlySpan<double> x0, IntegratorOptions? options = null,
        Action<double, double[]>? observer = null)
    {
        var result = Integrate(field, x0, options, observer);
        return result.Converged ? result : throw new FlowNotConvergedException(result);
    }

    /// <summary>
    /// Integrates dx/dt = F(x) from <paramref name="x0"/> until ‖F‖∞ &lt; the convergence tolerance (if enabled), the end
    /// time, or a failure. <paramref name="observer"/> sees (t, x) at the start and after every accepted step.
    /// </summary>
    public static FlowResult Integrate(IVectorField field, ReadOnlySpan<double> x0, IntegratorOptions? options = null,
        Action<double, double[]>? observer = null)
    {
        var o = options ?? new IntegratorOptions();
        int n = field.Dimension;
        if (x0.Length != n) throw new ArgumentException($"start has {x0.Length} entries, the field needs {n}", nameof(x0));
        foreach (var v in x0)
            if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(nameof(x0), v, "the start point must be finite");
        if (!(o.RelativeTolerance > 0 && o.AbsoluteTolerance > 0 && o.EndTime > 0 && o.InitialStep > 0))
            throw new ArgumentOutOfRangeException(nameof(options), o, "tolerances, end time and initial step must be positive");

        var x = x0.ToArray();
        var k1 = new double[n]; var k2 = new double[n]; var k3 = new double[n]; var k4 = new double[n];
        var k5 = new double[n]; var k6 = new double[n]; var k7 = new double[n];
        var y = new double[n]; var xNew = new double[n];
        field.Evaluate(x, k1);
        double t = 0, h = Math.Min(o.InitialStep, o.EndTime);
        int steps = 0;
        observer?.Invoke(t, x);
        double norm = NormInf(k1);
        if (!double.IsFinite(norm)) return new FlowResult(FlowStatus.NonFinite, t, x, steps, norm);
        if (o.StopOnConvergence && norm < o.ConvergenceTolerance) return new FlowResult(FlowStatus.Converged, t, x, steps, norm);

        while (true)
        {
            if (steps >= o.MaxSteps) return new FlowResult(FlowStatus.StepLimit, t, x, steps, norm);
            if (h < o.MinStep) return new FlowResult(FlowStatus.StepTooSmall, t, x, steps, norm);
            h = Math.Min(h, o.EndTime - t);

            for (int i = 0; i < n; i++) y[i] = x[i] + h * A21 * k1[i];
            field.Evaluate(y, k2);
            for (int i = 0; i < n; i++) y[i] = x[i] + h * (A31 * k1[i] + A32 * k2[i]);
            field.Evaluate(y, k3);
            for (int i = 0; i < n; i++) y[i] = x[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
            field.Evaluate(y, k4);
            for (int i = 0; i < n; i++) y[i] = x[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
            field.Evaluate(y, k5);
            for (int i = 0; i < n; i++) y[i] = x[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
            field.Evaluate(y, k6);
            for (int i = 0; i < n; i++) xNew[i] = x[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
            field.Evaluate(xNew, k7);

            double err = 0;
            bool finite = true;
            for (int i = 0; i < n; i++)
            {
                double ei = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
                double scale = o.AbsoluteTolerance + o.RelativeTolerance * Math.Max(Math.Abs(x[i]), Math.Abs(xNew[i]));
                err = Math.Max(err, Math.Abs(ei) / scale);
                finite &= double.IsFinite(xNew[i]) && double.IsFinite(k7[i]);
            }
            if (!finite || double.IsNaN(err))
            {
                // A non-finite trial step is an overshoot: retry smaller, fail only when the step is exhausted.
                h *= 0.1;
                if (h < o.MinStep) return new FlowResult(FlowStatus.NonFinite, t, x, steps, norm);
                continue;
            }
            if (err <= 1)
            {
                t += h;
                steps++;
                (x, xNew) = (xNew, x);
                (k1, k7) = (k7, k1);   // first same as last
                norm = NormInf(k1);
                observer?.Invoke(t, x);
                if (o.StopOnConvergence && norm < o.ConvergenceTolerance) return new FlowResult(FlowStatus.Converged, t, x, steps, norm);
                if (t >= o.EndTime) return new FlowResult(FlowStatus.ReachedEndTime, t, x, steps, norm);
            }
            double factor = err == 0 ? 5 : Math.Clamp(0.9 * Math.Pow(err, -0.2), 0.2, 5);
            h = Math.Min(h * factor, o.MaxStep);
        }
    }

    private static double NormInf(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (var a in v) m = Math.Max(m, Math.Abs(a));
        return double.IsNaN(m) ? double.NaN : m;
    }
}
