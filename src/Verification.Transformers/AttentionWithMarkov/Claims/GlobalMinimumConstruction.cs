// Attention with Markov (arXiv 2402.04161), §3, theorem on global minima (tied and untied).
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <param name="LossTolerance">absolute, on |L(θ*) − entropy rate| (float64 exact loss)</param>
/// <param name="GradientTolerance">on max |∇L(θ*)|</param>
/// <param name="KernelTolerance">absolute, on |σ(logit) − P(1 | x_n)|</param>
/// <param name="MeasuredChainsAtMost">per-chain loss and gradient are reported when there are at most this many chains (the paper grid has 81)</param>
/// <param name="FigureChain">the chain of the loss-along-a-path figure</param>
public sealed record GlobalMinimumConstructionSettings(LandscapeSizes Sizes, (double P, double Q)[] Chains, (double P, double Q) FigureChain,
    double LossTolerance = 1e-9, double GradientTolerance = 1e-8, double KernelTolerance = 1e-9, int MeasuredChainsAtMost = 6)
    : IClaimSettings<GlobalMinimumConstructionSettings>, ILandscapeSettings
{
    public static GlobalMinimumConstructionSettings For(Scale scale) => new(LandscapeSizes.For(scale), scale switch
    {
        Scale.Smoke => [(0.5, 0.8), (0.2, 0.3)],
        Scale.Ci => [(0.5, 0.8), (0.2, 0.3), (0.7, 0.9), (0.8, 0.8), (0.5, 0.6), (0.1, 0.95)],
        _ => [.. Enumerable.Range(1, 9).SelectMany(i => Enumerable.Range(1, 9).Select(j => (i / 10.0, j / 10.0)))],
    }, FigureChain: (0.5, 0.8));
}

/// <summary>
/// The explicit θ* of §3 (<see cref="LandscapePoints.GlobalMinimum"/>) predicts the Markov kernel, has loss equal to
/// the entropy rate and zero gradient, tied and untied, for every (p, q) of a grid. Negative control: the same
/// construction with the bias not corrected for the positional offset p_n = −(s/2)u (b = logit(p) instead of
/// logit(p) + s²/2), a plausible slip that must fail the loss and gradient checks.
/// </summary>
public sealed class GlobalMinimumConstruction : LandscapeClaim<GlobalMinimumConstructionSettings>
{
    public override string Id => "AM.global-min-construction";
    public override string Section => "§3, theorem (global minima)";
    public override string Statement =>
        "An explicit θ* makes the single-layer transformer predict the Markov kernel, with loss equal to the entropy rate and ∇L = 0, tied and untied, for every (p, q).";
    public override string NegativeControl => "θ* with the bias not corrected for the positional offset (b = logit(p))";

    protected override Outcome Check(ClaimContext context, GlobalMinimumConstructionSettings settings, Construction construction)
    {
        var obs = new Observations();
        var probes = new List<GlobalMinimumProbe>();
        ForEachChain(context, settings, (chain, loss) =>
        {
            foreach (var tied in new[] { true, false })
            {
                using var model = Model(context, settings, tied);
                LandscapePoints.GlobalMinimum(model, chain.P, chain.Q, context.Rng($"theta-star-{chain.P}-{chain.Q}-{tied}"));
                if (construction == Construction.Sabotaged) model.Assign("b", [LandscapePoints.Logit(chain.P)]);   // b not corrected for p_n
                probes.Add(GlobalMinimumProbe.At(model, loss, chain, $"p={chain.P},q={chain.Q},{(tied ? "tied" : "untied")}"));
            }
        });
        foreach (var probe in settings.Chains.Length <= settings.MeasuredChainsAtMost ? probes : [])
            obs.Measure($"{probe.Case}.loss", probe.Loss).Measure($"{probe.Case}.max-abs-grad", probe.MaxGradient);
        if (construction == Construction.Faithful)
            obs.Add(LandscapePath.Figure(settings.FigureChain.P, settings.FigureChain.Q, settings.Sizes, context.Seed, context.Device.ToTorch()));
        // θ*: L = entropy rate, ∇L = 0 and σ(logit) = P(1 | x_n) at every chain, tied and untied (the worst case reported)
        return obs
            .ExpectAll("worst-abs-loss-minus-entropy-rate", probes.Select(r => (r.Case, r.LossError, 0.0)), Tolerance.Absolute(settings.LossTolerance))
            .ExpectAll("worst.max-abs-grad", probes.Select(r => (r.Case, r.MaxGradient, settings.GradientTolerance)), Tolerance.AtMost())
            .ExpectAll("worst-abs-p1-given-x-minus-kernel", probes.Select(r => (r.Case, r.KernelError, 0.0)), Tolerance.Absolute(settings.KernelTolerance))
            .Conclude(() => $"at all {settings.Chains.Length} chains, tied and untied: |L − entropy rate| ≤ {obs["worst-abs-loss-minus-entropy-rate"]:E1}, " +
                            $"max|∇L| ≤ {obs["worst.max-abs-grad"]:E1}, kernel error ≤ {obs["worst-abs-p1-given-x-minus-kernel"]:E1}");
    }
}
