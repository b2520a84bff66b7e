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
    public sealed record Settings((double P, double Q)[] Chains, double[] Ws, double LossTolerance = 1e-11, double GradientTolerance = 1e-10,
        double ZeroEigenTolerance = 1e-6, double EigenRelativeTolerance = 1e-4) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) =>
            new([(0.2, 0.3), (0.1, 0.1), (0.5, 0.8), (0.9, 0.9), (0.3, 0.6), (0.6, 0.7)], [-2.5, -1.5, -1.0, -0.8, -0.6, -0.3, 0.2, 0.5, 1.0, 2.0]);
        public double FiniteDifferenceStep => Curvature.Step;   // of Curvature.FiniteDifferenceHessian (fixed there)
    }

    public override string Id => "LG.global-minima-are-bigram";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 critical points: global minima Γ* (spec §3)";
    public override string Statement =>
        "On Γ* = {e²(1+2w|w|) = c*} the reduced loss equals the entropy rate, its gradient vanishes, and its Hessian has one zero and one positive eigenvalue.";
    public override string NegativeControl => "Γ* built with c* = ln[pq/((1−p)(1−q))] (ratio inverted)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var points = (from c in settings.Chains
                      let model = new CanonicalModel(c.P, c.Q)
                      let cStar = construction == Construction.Faithful ? model.CStar : Math.Log(c.P * c.Q / ((1 - c.P) * (1 - c.Q)))
                      from x in GlobalMinima.Points(cStar, settings.Ws)
                      select (At: CriticalPoint.Probe(model, x.E, x.W), Predicted: GlobalMinima.Curvature(model, cStar, x.E, x.W))).ToList();
        // On Γ* (worst over every point): L̃ = H*, ∇L̃ = 0, Hessian eigenvalues (0, φ″|∇c|² > 0)
        var obs = new Observations()
            .ExpectAll("max-abs-lred-minus-entropy-rate", points.Select(x => (x.At.Label, Math.Abs(x.At.Loss - x.At.Model.EntropyRate), 0.0)), Tolerance.Absolute(settings.LossTolerance))
            .ExpectAll("max-abs-grad", points, x => x.At.Label, x => x.At.MaxAbsGradient, settings.GradientTolerance, Tolerance.AtMost())
            .ExpectAll("max-abs-lambda-min", points, x => x.At.Label, x => Math.Abs(x.At.LambdaMin), settings.ZeroEigenTolerance, Tolerance.AtMost())
            .ExpectAll("max.rel-err.lambda.max", points, x => x.At.Label, x => Math.Abs(x.At.LambdaMax - x.Predicted) / x.Predicted, settings.EigenRelativeTolerance, Tolerance.AtMost())
            .ExpectAll("min.lambda.max", points, x => x.At.Label, x => x.At.LambdaMax, 0, Tolerance.AtLeast())
            .Measure("points", points.Count);
        if (construction == Construction.Faithful)   // the spec's worked examples (§3 "On Γ*"), reported: λ = 0.9977 and 1.5954
            obs.Measure("p=0.2,q=0.3.e=1.2203,w=0.5.lambda.max", CriticalPoint.Probe(new CanonicalModel(0.2, 0.3), 1.2203, 0.5).LambdaMax)
                .Measure("p=0.5,q=0.8.e=1.1774,w=-1.lambda.max", CriticalPoint.Probe(new CanonicalModel(0.5, 0.8), 1.1774, -1).LambdaMax);
        return obs.Conclude(() => $"at {points.Count} points of Γ*: |L̃ − H*| ≤ {obs["max-abs-lred-minus-entropy-rate"]:E1}, |∇L̃| ≤ {obs["max-abs-grad"]:E1}, Hessian eigenvalues |λmin| ≤ {obs["max-abs-lambda-min"]:E1} and λmax ≥ {obs["min.lambda.max"]:G3} (= φ″|∇c|² to {obs["max.rel-err.lambda.max"]:E1})");
    }
}
