// Attention with Markov (arXiv 2402.04161), §3, theorem (saddle, untied): without tying the bad minimum disappears.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// Without tying, θ_π (with a = e = 0) is a saddle for every p + q ≠ 1: the smallest Hessian eigenvalue is −|c|
/// (the (a, e) block [[·, cI], [cI, 0]] is indefinite), and a step t along its eigenvector lowers the loss by ½|λ|t²
/// up to third-order terms (½|c|t², the theory's value, is what the check compares with). Negative control: the tied model at the same point (PSD for p+q &gt; 1, 2c for p+q &lt; 1).
/// </summary>
public sealed class UnigramSaddleWhenUntied : LandscapeClaim<UnigramSaddleWhenUntied.Settings>
{
    /// <param name="EigenTolerance">absolute, on λmin (the eigensolver is exact to ~1e-8 at these sizes)</param>
    /// <param name="Step">t; third-order terms are O(t³) ≈ 1e-9 while ½|c|t² ≈ 5e-8</param>
    /// <param name="DescentRelativeTolerance">relative, on the descent ½|c|t²</param>
    /// <param name="GradientTolerance">absolute, on max |∇L| at the critical point</param>
    public sealed record Settings(LandscapeSizes Sizes, (double P, double Q)[] Chains, double EigenTolerance = 1e-4,
        double Step = 1e-3, double DescentRelativeTolerance = 0.05, double GradientTolerance = 1e-10) : IClaimSettings<Settings>, ILandscapeSettings
    {
        public static Settings For(Scale scale) => new(LandscapeSizes.For(scale), scale switch
        {
            Scale.Smoke => [(0.5, 0.8)],
            Scale.Ci => [(0.5, 0.8), (0.2, 0.3)],
            _ => [(0.5, 0.8), (0.2, 0.3), (0.7, 0.9), (0.1, 0.5)],
        });
    }

    public override string Id => "AM.unigram-is-saddle-when-untied";
    public override string Section => "§3, theorem (saddle, untied)";
    public override string Statement =>
        "Without tying, θ_π is a saddle for p+q ≠ 1: λmin = −|c|, and a step t along its eigenvector lowers L by ½|c|t².";
    public override string NegativeControl => "the tied model (a = e) at the same point";

    /// <summary>The descent the theorem predicts for a step <paramref name="t"/> along the lowest eigenvector: ½|c|t².</summary>
    public static double PredictedDescent(double p, double q, double t) => 0.5 * Math.Abs(LandscapePoints.CurvatureScale(p, q)) * t * t;

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var obs = new Observations();
        ForEachChain(context, settings, (chain, loss) =>
        {
            var (p, q) = (chain.P, chain.Q);
            using var model = Model(context, settings, tied: construction == Construction.Sabotaged);   // the control: tied
            LandscapePoints.Unigram(model, p, q, context.Rng($"theta-pi-{p}-{q}"));
            var probe = LandscapeProbe.At(model, loss);
            // Thm (untied, p+q ≠ 1): θ_π critical, λmin = −|c|, and L drops by ½|c|t² along the eigenvector.
            using (obs.Case($"p={p},q={q}"))
            {
                obs.Expect("lambda-min", probe.MinEigenvalue, -Math.Abs(LandscapePoints.CurvatureScale(p, q)), Tolerance.Absolute(settings.EigenTolerance))
                    .Expect("descent", probe.DescentAlongLowest(model, loss, settings.Step), PredictedDescent(p, q, settings.Step), Tolerance.Relative(settings.DescentRelativeTolerance))
                    .ExpectAtMost("max-abs-grad", probe.MaxGradient, settings.GradientTolerance);
            }
        });
        return obs.Conclude(
            $"θ_π is a saddle with λmin = −|c| and the predicted descent ½|c|t² along its eigenvector at all {settings.Chains.Length} chains");
    }
}
