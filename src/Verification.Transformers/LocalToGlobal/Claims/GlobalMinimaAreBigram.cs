// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 rows 3 and 5): the set
// Γ* = {e²(1 + 2w|w|) = c*} is the set of global minima of L̃, at the entropy rate, with a rank-one Hessian.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// On Γ* = {e²(1 + 2w|w|) = c*}, c* = ln[(1−p)(1−q)/(pq)]: L̃ = H* (the entropy rate, to 1e-11), ∇L̃ = 0 (1e-10), and
/// the finite-difference Hessian has one zero eigenvalue (|λ| &lt; 1e-6, the minima are not isolated) and one positive
/// one equal to φ″(c*)·|∇c|² (rel. 1e-4). Negative control: Γ* built with the ratio of c* inverted,
/// ln[pq/((1−p)(1−q))].
/// </summary>
public sealed class GlobalMinimaAreBigram : Claim<GlobalMinimaAreBigram.Settings>
{
    /// <param name="Ws">w values on both sides of the saddle; Γ* has a point at those where c*/(1 + 2w|w|) &gt; 0</param>
    /// <param name="ZeroEigenTolerance">|λmin| of the finite-difference Hessian (the minima are not isolated)</param>
    /// <param name="EigenRelativeTolerance">relative, on λmax against φ″(c*)·|∇c|²</param>
    public sealed record Settings((double P, double Q)[] Chains, double[] Ws, double LossTolerance = GlobalMinimaAreBigram.LossTolerance,
        double GradientTolerance = GlobalMinimaAreBigram.GradientTolerance, double ZeroEigenTolerance = GlobalMinimaAreBigram.ZeroEigenTolerance,
        double EigenRelativeTolerance = GlobalMinimaAreBigram.EigenRelativeTolerance) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(GlobalMinimaAreBigram.Chains, GlobalMinimaAreBigram.Ws);

        /// <summary>The step of <see cref="Curvature.FiniteDifferenceHessian"/> (fixed there).</summary>
        public double FiniteDifferenceStep => Curvature.Step;
    }

    public const double LossTolerance = 1e-11;
    public const double GradientTolerance = 1e-10;
    public const double ZeroEigenTolerance = 1e-6;
    public const double EigenRelativeTolerance = 1e-4;

    public static readonly (double P, double Q)[] Chains = [(0.2, 0.3), (0.1, 0.1), (0.5, 0.8), (0.9, 0.9), (0.3, 0.6), (0.6, 0.7)];

    /// <summary>w values on both sides of the saddle; Γ* has a point at those where c*/(1 + 2w|w|) &gt; 0.</summary>
    public static readonly double[] Ws = [-2.5, -1.5, -1.0, -0.8, -0.6, -0.3, 0.2, 0.5, 1.0, 2.0];

    public override string Id => "LG.global-minima-are-bigram";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 critical points: global minima Γ* (spec §3)";
    public override string Statement =>
        "On Γ* = {e²(1+2w|w|) = c*} the reduced loss equals the entropy rate, its gradient vanishes, and its Hessian has one zero and one positive eigenvalue.";
    public override string NegativeControl => "Γ* built with c* = ln[pq/((1−p)(1−q))] (ratio inverted)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        double worstLoss = 0, worstGrad = 0, worstZero = 0, worstEig = 0, minPositive = double.PositiveInfinity;
        int points = 0;
        foreach (var (p, q) in settings.Chains)
        {
            var model = new CanonicalModel(p, q);
            double cStar = construction == Construction.Faithful ? model.CStar : Math.Log(p * q / ((1 - p) * (1 - q)));
            foreach (var w in settings.Ws)
            {
                double e2 = cStar / (1 + 2 * w * Math.Abs(w));
                if (!(e2 > 0)) continue;
                double e = Math.Sqrt(e2);
                points++;
                double dLoss = Math.Abs(model.ReducedLoss(e, w) - model.EntropyRate);
                var (ge, gw) = model.ReducedGradient(e, w);
                double grad = Math.Max(Math.Abs(ge), Math.Abs(gw));
                var (lo, hi) = Curvature.Eigenvalues(Curvature.FiniteDifferenceHessian(model, e, w));
                double ce = 2 * e * (1 + 2 * w * Math.Abs(w)), cw = 4 * e * e * Math.Abs(w);
                double predicted = model.PhiSecond(cStar) * (ce * ce + cw * cw);
                double eigErr = Math.Abs(hi - predicted) / predicted;
                worstLoss = Math.Max(worstLoss, dLoss);
                worstGrad = Math.Max(worstGrad, grad);
                worstZero = Math.Max(worstZero, Math.Abs(lo));
                worstEig = Math.Max(worstEig, eigErr);
                minPositive = Math.Min(minPositive, hi);
            }
        }
        context.Report(1);
        // On Γ* (worst over every point): L̃ = H*, ∇L̃ = 0, Hessian eigenvalues (0, φ″|∇c|² > 0)
        var obs = new Observations()
            .Expect("max-abs-lred-minus-entropy-rate", worstLoss, 0, Tolerance.Absolute(settings.LossTolerance))
            .ExpectAtMost("max-abs-grad", worstGrad, settings.GradientTolerance)
            .ExpectAtMost("max-abs-lambda-min", worstZero, settings.ZeroEigenTolerance)
            .ExpectAtMost("max.rel-err.lambda.max", worstEig, settings.EigenRelativeTolerance)
            .Measure("min.lambda.max", minPositive)
            .Expect("min.lambda.max-positive", minPositive > 0, $"smallest λmax {minPositive:G4}")
            .ExpectAtLeast("points", points, 1);
        if (construction == Construction.Faithful)
        {
            var m = new CanonicalModel(0.2, 0.3);
            obs.Measure("p=0.2,q=0.3.e=1.2203,w=0.5.lambda.max", Curvature.Eigenvalues(Curvature.FiniteDifferenceHessian(m, 1.2203, 0.5)).Max);
            var m2 = new CanonicalModel(0.5, 0.8);
            obs.Measure("p=0.5,q=0.8.e=1.1774,w=-1.lambda.max", Curvature.Eigenvalues(Curvature.FiniteDifferenceHessian(m2, 1.1774, -1)).Max);
        }
        return obs.Conclude(
            $"at {points} points of Γ*: |L̃ − H*| ≤ {worstLoss:E1}, |∇L̃| ≤ {worstGrad:E1}, Hessian eigenvalues |λmin| ≤ {worstZero:E1} and λmax ≥ {minPositive:G3} (= φ″|∇c|² to {worstEig:E1})");
    }
}
