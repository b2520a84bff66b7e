// Local to Global (Makkuva et al., NeurIPS 2024, arXiv 2406.03072), the canonical three-scalar model θ = (e, w, b)
// of a single-layer transformer with rank-one weights on a binary first-order Markov chain (spec local-to-global §1–2;
// the closed forms come from the authors' Markov-Fixed/src/models/base.py and contour_plot.py).
using Verification.Core.Information;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>
/// The canonical model of Local to Global on the chain p = P(1|0), q = P(0|1), with its exact expected loss:
/// logit(x) = e²(1 + 2w|w|)·x + b − e²/2, i.e. f0 = b − e²/2 after a 0 and f1 = f0 + c after a 1, where the gap is
/// c = e²(1 + 2w|w|). With a stationary start the per-token loss L(e, w, b) = π1·ℓ(1−q, f1) + π0·ℓ(p, f0) is exact.
/// Only c and b matter; at the optimal bias b*(e, w) the loss is the reduced loss L̃(e, w) = φ(c).
/// <para>
/// <see cref="GapSign"/> = −1 builds the negative control c = e²(1 − 2w|w|) (the sign of w|w| flipped, as a wrong
/// sign convention between W1 and W2 would give); every formula below uses it consistently.
/// </para>
/// </summary>
public sealed class CanonicalModel
{
    /// <summary>The saddle's w: 1 + 2w|w| = 0.</summary>
    public static readonly double SaddleW = -1 / Math.Sqrt(2);

    /// <summary>How close to 1 the switching factor p + q may come: at p + q = 1 the chain is i.i.d. and degenerate.</summary>
    public const double DegenerateMargin = 1e-9;

    public CanonicalModel(double p, double q, int gapSign = 1)
    {
        Check(p, nameof(p));
        Check(q, nameof(q));
        if (Math.Abs(p + q - 1) < DegenerateMargin)
            throw new ArgumentOutOfRangeException(nameof(q), q,
                $"p + q = {p + q} is 1 (within {DegenerateMargin:E0}): the chain is i.i.d. and the landscape degenerate " +
                "(c* = 0, κ = 0, H* = H(π)); valid range: p, q in (0, 1) with p + q ≠ 1");
        if (gapSign is not (1 or -1))
            throw new ArgumentOutOfRangeException(nameof(gapSign), gapSign, "gapSign must be +1 (faithful) or −1 (control)");
        P = p;
        Q = q;
        GapSign = gapSign;
    }

    /// <summary>The negative control: the same chain, with the sign of w|w| flipped in the gap.</summary>
    public CanonicalModel WithFlippedGapSign() => new(P, Q, -GapSign);

    public double P { get; }
    public double Q { get; }
    public int GapSign { get; }
    public double SwitchingFactor => P + Q;
    public double Pi0 => Q / (P + Q);
    public double Pi1 => P / (P + Q);

    /// <summary>H* = π0·h(p) + π1·h(q), the bigram loss (entropy rate), nats.</summary>
    public double EntropyRate => Pi0 * Entropy.Binary(P) + Pi1 * Entropy.Binary(Q);

    /// <summary>H(π) = h(π1), the unigram loss, nats.</summary>
    public double UnigramEntropy => Entropy.Binary(Pi1);

    /// <summary>c* = ln[(1−p)(1−q)/(pq)], where φ is minimal; c* &gt; 0 exactly when p + q &lt; 1.</summary>
    public double CStar => Math.Log((1 - P) * (1 - Q) / (P * Q));

    /// <summary>κ = φ′(0) = pq(p + q − 1)/(p + q)².</summary>
    public double Kappa => P * Q * (P + Q - 1) / ((P + Q) * (P + Q));

    /// <summary>The gap c = e²(1 + 2s·w|w|) with s = <see cref="GapSign"/>.</summary>
    public double Gap(double e, double w) => e * e * (1 + 2 * GapSign * w * Math.Abs(w));

    /// <summary>The logits (f0, f1) after a 0 and after a 1.</summary>
    public (double F0, double F1) Logits(double e, double w, double b)
    {
        double f0 = b - e * e / 2;
        return (f0, f0 + Gap(e, w));
    }

    /// <summary>The expected per-token cross-entropy L(e, w, b), nats.</summary>
    public double Loss(double e, double w, double b)
    {
        var (f0, f1) = Logits(e, w, b);
        return LossAtLogits(f0, f1);
    }

    /// <summary>π1·ℓ(1−q, f1) + π0·ℓ(p, f0) with ℓ(t, f) = softplus(f) − t·f (stable for any f).</summary>
    public double LossAtLogits(double f0, double f1) => Pi1 * Ell(1 - Q, f1) + Pi0 * Ell(P, f0);

    /// <summary>
    /// ∇L in closed form: with g1 = π1(σ(f1) − (1−q)) and g0 = π0(σ(f0) − p),
    /// ∂L/∂e = e[g1(1 + 4s·w|w|) − g0], ∂L/∂w = 4s·g1·e²|w|, ∂L/∂b = g1 + g0.
    /// </summary>
    public (double De, double Dw, double Db) Gradient(double e, double w, double b)
    {
        var (f0, f1) = Logits(e, w, b);
        double g1 = Pi1 * (Sigmoid(f1) - (1 - Q)), g0 = Pi0 * (Sigmoid(f0) - P);
        return (e * (g1 * (1 + 4 * GapSign * w * Math.Abs(w)) - g0), 4 * GapSign * g1 * e * e * Math.Abs(w), g1 + g0);
    }

    /// <summary>b*(e, w) = e²/2 + f0*(c): the bias minimising L for fixed (e, w).</summary>
    public double OptimalBias(double e, double w) => e * e / 2 + OptimalF0(Gap(e, w));

    /// <summary>
    /// f0 at the optimal bias for a gap c: ln u with u = [(p − q) + √((p − q)² + 4pq·eᶜ)]/(2q·eᶜ), the positive root of
    /// q·eᶜ·u² + (q − p)·u − p = 0 (∂L/∂b = 0). Evaluated in log space in the cancellation-free form of each sign of
    /// p − q, so that eᶜ never overflows: for p ≥ q as written, for p &lt; q as u = 2p/[(q − p) + √(…)].
    /// </summary>
    public double OptimalF0(double c)
    {
        if (double.IsNaN(c)) throw new ArgumentOutOfRangeException(nameof(c), c, "the gap c must be a number");
        double d = P - Q;
        double logRoot = 0.5 * LogAddExp(d == 0 ? double.NegativeInfinity : 2 * Math.Log(Math.Abs(d)), Math.Log(4 * P * Q) + c);
        return d >= 0
            ? LogAddExp(d == 0 ? double.NegativeInfinity : Math.Log(d), logRoot) - Math.Log(2 * Q) - c
            : Math.Log(2 * P) - LogAddExp(Math.Log(-d), logRoot);
    }

    /// <summary>φ(c) = min_b L: the reduced loss as a function of the gap.</summary>
    public double Phi(double c)
    {
        double f0 = OptimalF0(c);
        return LossAtLogits(f0, f0 + c);
    }

    /// <summary>φ′(c) = π1(σ(f1*) − (1 − q)) (envelope theorem); φ′(0) = κ, φ′(c*) = 0.</summary>
    public double PhiPrime(double c)
    {
        double f0 = OptimalF0(c);
        return Pi1 * (Sigmoid(f0 + c) - (1 - Q));
    }

    /// <summary>φ″(c) = π0π1σ′(f0)σ′(f1)/(π0σ′(f0) + π1σ′(f1)) &gt; 0: φ is strictly convex.</summary>
    public double PhiSecond(double c)
    {
        double f0 = OptimalF0(c), s0 = SigmoidPrime(f0), s1 = SigmoidPrime(f0 + c);
        return Pi0 * Pi1 * s0 * s1 / (Pi0 * s0 + Pi1 * s1);
    }

    /// <summary>L̃(e, w) = L(e, w, b*(e, w)) = φ(c(e, w)).</summary>
    public double ReducedLoss(double e, double w) => Phi(Gap(e, w));

    /// <summary>∇L̃ = φ′(c)·∇c with ∇c = (2e(1 + 2s·w|w|), 4s·e²|w|).</summary>
    public (double De, double Dw) ReducedGradient(double e, double w)
    {
        double g = PhiPrime(Gap(e, w));
        return (g * 2 * e * (1 + 2 * GapSign * w * Math.Abs(w)), g * 4 * GapSign * e * e * Math.Abs(w));
    }

    /// <summary>
    /// The Hessian of L̃ in closed form: φ″·∇c∇cᵀ + φ′·∇²c, with ∇²c = [[2(1 + 2s·w|w|), 8s·e|w|], [8s·e|w|, 4s·e²·sign w]]
    /// (w ≠ 0; at w = 0 the second w-derivative of w|w| jumps).
    /// </summary>
    public double[,] ReducedHessian(double e, double w)
    {
        double c = Gap(e, w), g = PhiPrime(c), h = PhiSecond(c), s = GapSign;
        double ce = 2 * e * (1 + 2 * s * w * Math.Abs(w)), cw = 4 * s * e * e * Math.Abs(w);
        return new[,]
        {
            { h * ce * ce + g * 2 * (1 + 2 * s * w * Math.Abs(w)), h * ce * cw + g * 8 * s * e * Math.Abs(w) },
            { h * ce * cw + g * 8 * s * e * Math.Abs(w), h * cw * cw + g * 4 * s * e * e * Math.Sign(w) },
        };
    }

    /// <summary>
    /// The conserved energy of the b*-flow, E = e² − w² − sign(w)·ln|w| (from contour_plot.py); undefined at w = 0.
    /// </summary>
    public static double Energy(double e, double w)
    {
        if (w == 0 || !double.IsFinite(w) || !double.IsFinite(e))
            throw new ArgumentOutOfRangeException(nameof(w), w, "the energy needs finite e and w ≠ 0 (w = 0 is an invariant line)");
        return e * e - w * w - Math.Sign(w) * Math.Log(Math.Abs(w));
    }

    /// <summary>The saddle's energy E_s = E(0, −1/√2) = −(1 + ln 2)/2.</summary>
    public static readonly double SaddleEnergy = -(1 + Math.Log(2)) / 2;

    public override string ToString() => $"CanonicalModel(p={P}, q={Q}{(GapSign < 0 ? ", flipped sign of w|w|" : "")})";

    public static double Sigmoid(double f) => f >= 0 ? 1 / (1 + Math.Exp(-f)) : Math.Exp(f) / (1 + Math.Exp(f));

    private static double SigmoidPrime(double f)
    {
        double s = Sigmoid(f);
        return s * (1 - s);
    }

    private static double Ell(double t, double f) => Softplus(f) - t * f;

    private static double Softplus(double f) => Math.Max(f, 0) + Math.Log(1 + Math.Exp(-Math.Abs(f)));

    private static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        double m = Math.Max(a, b);
        return m + Math.Log(1 + Math.Exp(-Math.Abs(a - b)));
    }

    private static void Check(double x, string name)
    {
        if (!(x > 0 && x < 1))
            throw new ArgumentOutOfRangeException(name, x, $"{name} must be a transition probability in the open interval (0, 1)");
    }
}
