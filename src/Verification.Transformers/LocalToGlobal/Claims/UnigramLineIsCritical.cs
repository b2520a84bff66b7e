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
    public sealed record Settings((double P, double Q)[] Chains, double[] Ws, double LossTolerance = UnigramLineIsCritical.LossTolerance,
        double HessianTolerance = UnigramLineIsCritical.HessianTolerance, double SaddleTolerance = UnigramLineIsCritical.SaddleTolerance,
        double SignProbe = 0.1) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(UnigramLineIsCritical.Chains, UnigramLineIsCritical.Ws);

        /// <summary>The step of <see cref="Curvature.FiniteDifferenceHessian"/> (fixed there).</summary>
        public double FiniteDifferenceStep => Curvature.Step;
    }

    public const double LossTolerance = 1e-12;
    public const double HessianTolerance = 1e-5;
    public const double SaddleTolerance = 1e-6;

    public static readonly (double P, double Q)[] Chains = [(0.2, 0.3), (0.1, 0.1), (0.5, 0.8), (0.9, 0.9), (0.3, 0.6), (0.6, 0.7)];
    public static readonly double[] Ws = [-2.0, -1.0, -0.75, -0.5, -0.2, 0.3, 1.0, 2.0];

    public override string Id => "LG.unigram-line-is-critical";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 critical points: unigram line e = 0 and saddle (spec §3)";
    public override string Statement =>
        "On e = 0 the reduced loss equals H(π), its gradient vanishes and its Hessian is diag(2κ(1+2w|w|), 0); at (0, −1/√2) the Hessian vanishes and L̃ − H(π) changes sign.";
    public override string NegativeControl => "the canonical model with the sign of w|w| flipped in the gap, c = e²(1 − 2w|w|)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var chains = settings.Chains;
        double h = settings.SignProbe;
        double worstLoss = 0, worstGrad = 0, worstHess = 0, worstSaddle = 0;
        int signFlips = 0;
        foreach (var (p, q) in chains)
        {
            var faithful = new CanonicalModel(p, q);
            var model = construction == Construction.Faithful ? faithful : faithful.WithFlippedGapSign();
            foreach (var w in settings.Ws)
            {
                double dLoss = Math.Abs(model.ReducedLoss(0, w) - model.UnigramEntropy);
                var (ge, gw) = model.ReducedGradient(0, w);
                double grad = Math.Max(Math.Abs(ge), Math.Abs(gw));
                var fd = Curvature.FiniteDifferenceHessian(model, 0, w);
                var predicted = new[,] { { 2 * faithful.Kappa * (1 + 2 * w * Math.Abs(w)), 0 }, { 0, 0.0 } };
                double dHess = Curvature.MaxAbsDifference(fd, predicted);
                worstLoss = Math.Max(worstLoss, dLoss);
                worstGrad = Math.Max(worstGrad, grad);
                worstHess = Math.Max(worstHess, dHess);
            }

            var (lo, hi) = Curvature.Eigenvalues(Curvature.FiniteDifferenceHessian(model, 0, CanonicalModel.SaddleW));
            double saddle = Math.Max(Math.Abs(lo), Math.Abs(hi));
            worstSaddle = Math.Max(worstSaddle, saddle);
            // Across the saddle, L̃(h, w) − H(π) has the sign of κ(1 + 2w|w|): opposite on the two sides.
            double below = model.ReducedLoss(h, CanonicalModel.SaddleW - h) - model.UnigramEntropy;
            double above = model.ReducedLoss(h, CanonicalModel.SaddleW + h) - model.UnigramEntropy;
            bool flips = Math.Sign(below) == -Math.Sign(above) && Math.Sign(above) == Math.Sign(faithful.Kappa);
            if (flips) signFlips++;
        }
        context.Report(1);
        // On e = 0 (worst over every point): L̃ = H(π), ∇L̃ = 0 exactly, Hessian = diag(2κ(1+2w|w|), 0);
        // at w = −1/√2 a degenerate saddle across which L̃ − H(π) changes sign, for every chain.
        var obs = new Observations()
            .Expect("max-abs-lred-minus-h-pi", worstLoss, 0, Tolerance.Absolute(settings.LossTolerance))
            .Expect("max-abs-grad", worstGrad, 0, Tolerance.Absolute(0))
            .ExpectAtMost("max-abs-hessian-minus-predicted-diagonal", worstHess, settings.HessianTolerance)
            .ExpectAtMost("saddle.max-abs-lambda", worstSaddle, settings.SaddleTolerance)
            .Expect("saddle.sign-flips", signFlips, chains.Length, Tolerance.Absolute(0));
        return obs.Conclude(
            $"on e = 0 at {chains.Length * settings.Ws.Length} points: |L̃ − H(π)| ≤ {worstLoss:E1}, ∇ = 0, Hessian within {worstHess:E1} of diag(2κ(1+2w|w|), 0); saddle |λ| ≤ {worstSaddle:E1} with a sign change for all {chains.Length} chains");
    }
}
