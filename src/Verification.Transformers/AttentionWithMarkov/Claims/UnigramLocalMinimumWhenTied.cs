// Attention with Markov (arXiv 2402.04161), §3, theorem (bad local minimum, tied, p+q > 1).
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Markov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <param name="Perturbations">random directions δ with ‖δ‖ = PerturbationNorm</param>
/// <param name="PsdTolerance">λmin ≥ −PsdTolerance: many exact flat directions, so strict definiteness is never asserted</param>
/// <param name="DescentTolerance">a perturbation lowers L when L(θ+δ) − L(θ) &lt; −DescentTolerance (round-off of the exact loss)</param>
public sealed record UnigramLocalMinimumWhenTiedSettings(LandscapeSizes Sizes, (double P, double Q)[] Chains, int Perturbations,
    double StationaryTolerance = 1e-10, double PsdTolerance = 1e-7, double PerturbationNorm = 1e-3, double DescentTolerance = 1e-12)
    : IClaimSettings<UnigramLocalMinimumWhenTiedSettings>, ILandscapeSettings
{
    public static UnigramLocalMinimumWhenTiedSettings For(Scale scale) => new(LandscapeSizes.For(scale), scale switch
    {
        Scale.Smoke => [(0.5, 0.8)],
        Scale.Ci => [(0.5, 0.8), (0.7, 0.9)],
        _ => [(0.5, 0.8), (0.7, 0.9), (0.8, 0.8), (0.6, 0.6), (0.9, 0.3)],
    }, scale switch { Scale.Smoke => 100, Scale.Ci => 300, _ => 1000 });
}

/// <summary>
/// With weight tying and p + q &gt; 1, the unigram point θ_π (predicts π1 whatever the input) is a stationary point
/// with L = H(π) &gt; entropy rate and a local minimum: the Hessian is PSD up to a tolerance (there are many exact
/// flat directions, so strict definiteness is never asserted) AND random perturbations of norm 10⁻³ never lower the
/// loss. Negative control: the untied model at the same point, which the theorem says is a saddle.
/// </summary>
public sealed class UnigramLocalMinimumWhenTied : LandscapeClaim<UnigramLocalMinimumWhenTiedSettings>
{
    public override string Id => "AM.unigram-is-local-min-when-tied";
    public override string Section => "§3, theorem (bad local minimum, tied, p+q > 1)";
    public override string Statement =>
        "With tying and p+q > 1, the unigram point θ_π has L = H(π), ∇L = 0, a Hessian PSD up to 1e-7, and no random 1e-3 perturbation lowers its loss.";
    public override string NegativeControl => "the untied model (a ≠ e) at the same point, a saddle by the theorem";

    protected override Outcome Check(ClaimContext context, UnigramLocalMinimumWhenTiedSettings settings, Construction construction)
    {
        var obs = new Observations();
        ForEachChain(context, settings, (chain, loss) =>
        {
            var (p, q) = (chain.P, chain.Q);
            using var model = Model(context, settings, tied: construction == Construction.Faithful);   // the control: untied
            LandscapePoints.Unigram(model, p, q, context.Rng($"theta-pi-{p}-{q}"));
            var probe = LandscapeProbe.At(model, loss);
            var perturbed = PerturbationProbe.Around(model, loss, probe.Loss, settings.Perturbations, settings.PerturbationNorm,
                settings.DescentTolerance, context.DeriveSeed($"perturb-{p}-{q}"));
            // Thm (tied, p+q > 1): L(θ_π) = H(π), ∇L = 0, Hessian PSD (up to flat directions), no descending perturbation
            using (obs.Case($"p={p},q={q}"))
            {
                obs.Expect("loss", probe.Loss, chain.StationaryEntropy, Tolerance.Absolute(settings.StationaryTolerance))
                    .ExpectAtMost("max-abs-grad", probe.MaxGradient, settings.StationaryTolerance)
                    .ExpectAtLeast("lambda-min", probe.MinEigenvalue, 0, settings.PsdTolerance)
                    .Measure("lambda-max", probe.Eigenvalues[^1])
                    .Measure("near-zero-eigenvalues", probe.NearZeroEigenvalues(settings.PsdTolerance))
                    .Measure("perturbations-lowering", perturbed.Lowered)
                    .ExpectAll("min-perturbed-loss-minus-loss", perturbed.Changes.Select((c, k) => ($"perturbation-{k}", c, 0.0)),
                        Tolerance.AtLeast(settings.DescentTolerance));
            }
        });
        return obs.Conclude(
            $"θ_π is a stationary point with PSD Hessian (flat directions allowed) and no descending perturbation at all {settings.Chains.Length} chains with p+q > 1");
    }
}
