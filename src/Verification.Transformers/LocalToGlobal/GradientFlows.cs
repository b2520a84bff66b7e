// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3): the gradient flows of the canonical model.
// At b = b* the flow of L̃(e, w) = φ(c) is ė = −2φ′(c)·e(1 + 2w|w|), ẇ = −4φ′(c)·e²|w|, which conserves
// E = e² − w² − sign(w)·ln|w|; the flow of the full (e, w, b) changes E at rate 2e²·∂L/∂b.

namespace Verification.Transformers.LocalToGlobal;

/// <summary>A gradient flow of the canonical model, with the loss at a state (to label where it ends).</summary>
public abstract class CanonicalFlow(CanonicalModel model) : IVectorField
{
    public CanonicalModel Model { get; } = model;

    public abstract int Dimension { get; }

    public abstract void Evaluate(ReadOnlySpan<double> x, Span<double> dx);

    /// <summary>The loss the flow descends, at state <paramref name="x"/>.</summary>
    public abstract double Loss(ReadOnlySpan<double> x);
}

/// <summary>How the reduced flow computes ∇c: faithfully, or with a plausible calculus slip (the negative control).</summary>
public enum ReducedFlowVariant
{
    Faithful,

    /// <summary>d(w|w|)/dw taken as 2w instead of 2|w| in ẇ: the flow is no longer a gradient flow for w &lt; 0.</summary>
    WrongAbsDerivative,
}

/// <summary>The b*-flow of L̃ on (e, w): −φ′(c)·∇c.</summary>
public sealed class ReducedFlow(CanonicalModel model, ReducedFlowVariant variant = ReducedFlowVariant.Faithful)
    : CanonicalFlow(model)
{
    public ReducedFlowVariant Variant { get; } = variant;

    public override int Dimension => 2;

    public override void Evaluate(ReadOnlySpan<double> x, Span<double> dx)
    {
        double e = x[0], w = x[1], s = Model.GapSign;
        double g = Model.PhiPrime(Model.Gap(e, w));
        double absW = Variant == ReducedFlowVariant.Faithful ? Math.Abs(w) : w;
        dx[0] = -g * 2 * e * (1 + 2 * s * w * Math.Abs(w));   // (e)
        dx[1] = -g * 4 * s * e * e * absW;                   // (w)
    }

    public override double Loss(ReadOnlySpan<double> x) => Model.ReducedLoss(x[0], x[1]);
}

/// <summary>
/// The negative control of the small-initialisation claim: the reduced flow of an UNTIED model, output weight o
/// separate from the embedding e, so c = e·o·(1 + 2w|w|) on (e, o, w). The paper stresses that tying is essential
/// (spec pitfall 9): untied, c = e·o can change sign near 0 and a small start finds c* &lt; 0 as well.
/// </summary>
public sealed class UntiedReducedFlow(CanonicalModel model) : CanonicalFlow(model)
{
    public override int Dimension => 3;

    public static double Gap(ReadOnlySpan<double> x) => x[0] * x[1] * (1 + 2 * x[2] * Math.Abs(x[2]));

    public override void Evaluate(ReadOnlySpan<double> x, Span<double> dx)
    {
        double e = x[0], o = x[1], w = x[2], m = 1 + 2 * w * Math.Abs(w);
        double g = Model.PhiPrime(Gap(x));
        dx[0] = -g * o * m;                       // (e)
        dx[1] = -g * e * m;                       // (o)
        dx[2] = -g * e * o * 4 * Math.Abs(w);     // (w)
    }

    public override double Loss(ReadOnlySpan<double> x) => Model.Phi(Gap(x));
}

/// <summary>The flow of the full (e, w, b) with b trained jointly: −∇L(e, w, b). It does not conserve E.</summary>
public sealed class FullFlow(CanonicalModel model) : CanonicalFlow(model)
{
    public override int Dimension => 3;

    public override void Evaluate(ReadOnlySpan<double> x, Span<double> dx)
    {
        var (de, dw, db) = Model.Gradient(x[0], x[1], x[2]);
        dx[0] = -de;   // (e)
        dx[1] = -dw;   // (w)
        dx[2] = -db;   // (b)
    }

    public override double Loss(ReadOnlySpan<double> x) => Model.Loss(x[0], x[1], x[2]);
}
