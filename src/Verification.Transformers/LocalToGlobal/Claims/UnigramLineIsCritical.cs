// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 rows 4 and 5): the line e = 0 is critical,
// at the unigram loss H(π), with Hessian diag(2κ(1 + 2w|w|), 0); the saddle (0, −1/√2) has a zero Hessian.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// On e = 0: L̃ = H(π) (1e-12), ∇L̃ = 0 exactly, and the finite-difference Hessian equals diag(2κ(1 + 2w|w|), 0) to
/// 1e-5, κ = pq(p+q−1)/(p+q)²: a local minimum where κ(1 + 2w|w|) &gt; 0, a maximum (a saddle once b is included) where
/// &lt; 0. At the saddle (0, −1/√2) every Hessian eigenvalue is below 1e-6 and L̃ − H(π) changes sign across
/// w = −1/√2. Negative control: the model with the sign of w|w| flipped in the gap, c = e²(1 − 2w|w|).
/// </summary>
public sealed class UnigramLineIsCritical : Claim<UnigramLineIsCritical.Settings>
{
    /// <param name="HessianTolerance">max entry of |finite-difference Hessian − diag(2κ(1 + 2w|w|), 0)|</param>
    /// <param name="SaddleTolerance">max |λ| of the Hessian at the saddle (0, −1/√2)</param>
    /// <param name="SignProbe">the sign of L̃ − H(π) is read at e = SignProbe, w = −1/√2 ± SignProbe</param>
    public sealed record Settings((double P, double Q)[] Chains, double[] Ws, double LossTolerance = 1e-12, double HessianTolerance = 1e-5,
        double SaddleTolerance = 1e-6, double SignProbe = 0.1) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) =>
            new([(0.2, 0.3), (0.1, 0.1), (0.5, 0.8), (0.9, 0.9), (0.3, 0.6), (0.6, 0.7)], [-2.0, -1.0, -0.75, -0.5, -0.2, 0.3, 1.0, 2.0]);
        public double FiniteDifferenceStep => Curvature.Step;   // of Curvature.FiniteDifferenceHessian (fixed there)
    }

    public override string Id => "LG.unigram-line-is-critical";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 critical points: unigram line e = 0 and saddle (spec §3)";
    public override string Statement =>
        "On e = 0 the reduced loss equals H(π), its gradient vanishes and its Hessian is diag(2κ(1+2w|w|), 0); at (0, −1/√2) the Hessian vanishes and L̃ − H(π) changes sign.";
    public override string NegativeControl => "the canonical model with the sign of w|w| flipped in the gap, c = e²(1 − 2w|w|)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var chains = settings.Chains.Select(c => new CanonicalModel(c.P, c.Q)).ToList();   // the faithful models: κ and the predicted Hessian
        CanonicalModel Built(CanonicalModel m) => construction == Construction.Faithful ? m : m.WithFlippedGapSign();
        var line = chains.SelectMany(m => settings.Ws.Select(w => (At: CriticalPoint.Probe(Built(m), 0, w), Predicted: UnigramLine.Hessian(m, w)))).ToList();
        var saddles = chains.Select(m => (At: CriticalPoint.Probe(Built(m), 0, CanonicalModel.SaddleW),
            SignChanges: UnigramLine.ChangesSignAcrossSaddle(Built(m), m.Kappa, settings.SignProbe))).ToList();
        // On e = 0 (worst over every point): L̃ = H(π), ∇L̃ = 0 exactly, Hessian = diag(2κ(1+2w|w|), 0);
        // at w = −1/√2 a degenerate saddle across which L̃ − H(π) changes sign, for every chain.
        var obs = new Observations()
            .ExpectAll("max-abs-lred-minus-h-pi", line.Select(x => (x.At.Label, Math.Abs(x.At.Loss - x.At.Model.UnigramEntropy), 0.0)), Tolerance.Absolute(settings.LossTolerance))
            .ExpectAll("max-abs-grad", line, x => x.At.Label, x => x.At.MaxAbsGradient, 0, Tolerance.Absolute(0))
            .ExpectAll("max-abs-hessian-minus-predicted-diagonal", line, x => x.At.Label, x => Curvature.MaxAbsDifference(x.At.Hessian, x.Predicted), settings.HessianTolerance, Tolerance.AtMost())
            .ExpectAll("saddle.max-abs-lambda", saddles, x => x.At.Label, x => Math.Max(Math.Abs(x.At.LambdaMin), Math.Abs(x.At.LambdaMax)), settings.SaddleTolerance, Tolerance.AtMost())
            .ExpectAll("saddle.lred-minus-h-pi-changes-sign", saddles.Select(x => (x.At.Label, x.SignChanges)));
        return obs.Conclude(() =>
            $"on e = 0 at {line.Count} points: |L̃ − H(π)| ≤ {obs["max-abs-lred-minus-h-pi"]:E1}, ∇ = 0, Hessian within {obs["max-abs-hessian-minus-predicted-diagonal"]:E1} of diag(2κ(1+2w|w|), 0); saddle |λ| ≤ {obs["saddle.max-abs-lambda"]:E1} with a sign change for all {saddles.Count} chains");
    }
}
