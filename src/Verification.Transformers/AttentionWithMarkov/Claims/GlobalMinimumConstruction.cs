// Attention with Markov (arXiv 2402.04161), §3, theorem on global minima (tied and untied).
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Markov;
using Verification.Core.Seeding;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// The explicit θ* of §3 (<see cref="LandscapePoints.GlobalMinimum"/>) predicts the Markov kernel, has loss equal to
/// the entropy rate and zero gradient, tied and untied, for every (p, q) of a grid. Negative control: the same
/// construction with the bias not corrected for the positional offset p_n = −(s/2)u (b = logit(p) instead of
/// logit(p) + s²/2), a plausible slip that must fail the loss and gradient checks.
/// </summary>
public sealed class GlobalMinimumConstruction : LandscapeClaim<GlobalMinimumConstruction.Settings>
{
    /// <param name="LossTolerance">absolute, on |L(θ*) − entropy rate| (float64 exact loss)</param>
    /// <param name="GradientTolerance">on max |∇L(θ*)|</param>
    /// <param name="KernelTolerance">absolute, on |σ(logit) − P(1 | x_n)|</param>
    /// <param name="MeasuredChainsAtMost">per-chain loss and gradient are reported when there are at most this many chains (the paper grid has 81)</param>
    /// <param name="FigureChain">the chain of the loss-along-a-path figure</param>
    public sealed record Settings(LandscapeSizes Sizes, (double P, double Q)[] Chains, (double P, double Q) FigureChain,
        double LossTolerance = GlobalMinimumConstruction.LossTolerance, double GradientTolerance = GlobalMinimumConstruction.GradientTolerance,
        double KernelTolerance = GlobalMinimumConstruction.KernelTolerance, int MeasuredChainsAtMost = 6)
        : IClaimSettings<Settings>, ILandscapeSettings
    {
        public static Settings For(Scale scale) => new(LandscapeSizes.For(scale), scale switch
        {
            Scale.Smoke => [(0.5, 0.8), (0.2, 0.3)],
            Scale.Ci => [(0.5, 0.8), (0.2, 0.3), (0.7, 0.9), (0.8, 0.8), (0.5, 0.6), (0.1, 0.95)],
            _ => [.. Enumerable.Range(1, 9).SelectMany(i => Enumerable.Range(1, 9).Select(j => (i / 10.0, j / 10.0)))],
        }, FigureChain: (0.5, 0.8));
    }

    public const double LossTolerance = 1e-9;
    public const double GradientTolerance = 1e-8;
    public const double KernelTolerance = 1e-9;

    public override string Id => "AM.global-min-construction";
    public override string Section => "§3, theorem (global minima)";
    public override string Statement =>
        "An explicit θ* makes the single-layer transformer predict the Markov kernel, with loss equal to the entropy rate and ∇L = 0, tied and untied, for every (p, q).";
    public override string NegativeControl => "θ* with the bias not corrected for the positional offset (b = logit(p))";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var chains = settings.Chains;
        var obs = new Observations();
        double worstLoss = 0, worstGrad = 0, worstKernel = 0;
        ForEachChain(context, settings, (chain, loss) =>
        {
            var (p, q) = (chain.P, chain.Q);
            foreach (var tied in new[] { true, false })
            {
                using var scope = NewDisposeScope();
                var model = Model(context, settings, tied);
                LandscapePoints.GlobalMinimum(model, p, q, context.Rng($"theta-star-{p}-{q}-{tied}"));
                if (construction == Construction.Sabotaged)
                    model.Assign("b", [LandscapePoints.Logit(p)]);
                var probe = LandscapeProbe.At(model, loss, withHessian: false);
                double kernelError = KernelError(model, chain);
                double lossError = Math.Abs(probe.Loss - chain.EntropyRate);
                string key = $"p={p},q={q},{(tied ? "tied" : "untied")}";
                if (chains.Length <= settings.MeasuredChainsAtMost)
                {
                    obs.Measure($"{key}.loss", probe.Loss);
                    obs.Measure($"{key}.max-abs-grad", probe.MaxGradient);
                }
                worstLoss = Math.Max(worstLoss, lossError);
                worstGrad = Math.Max(worstGrad, probe.MaxGradient);
                worstKernel = Math.Max(worstKernel, kernelError);
                model.Dispose();
            }
        });
        if (construction == Construction.Faithful)
            obs.Add(LandscapePath.Figure(settings.FigureChain.P, settings.FigureChain.Q, settings.Sizes, context.Seed, context.Device.ToTorch()));
        // θ*: L = entropy rate, ∇L = 0 and σ(logit) = P(1 | x_n), worst over every chain, tied and untied
        return obs
            .Expect("worst-abs-loss-minus-entropy-rate", worstLoss, 0, Tolerance.Absolute(settings.LossTolerance))
            .ExpectAtMost("worst.max-abs-grad", worstGrad, settings.GradientTolerance)
            .Expect("worst-abs-p1-given-x-minus-kernel", worstKernel, 0, Tolerance.Absolute(settings.KernelTolerance))
            .Conclude($"at all {chains.Length} chains, tied and untied: |L − entropy rate| ≤ {worstLoss:E1}, max|∇L| ≤ {worstGrad:E1}, kernel error ≤ {worstKernel:E1}");
    }

    /// <summary>max over x_n ∈ {0, 1} and a few contexts of |σ(logit_n) − P(x_{n+1} = 1 | x_n)|.</summary>
    private static double KernelError(TheoryTransformer model, BinaryMarkovChain chain)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        int n = model.Config.Length;
        var contexts = new long[4 * n];
        for (int t = 0; t < n; t++)
        {
            contexts[t] = 0;                       // all zeros
            contexts[n + t] = 1;                   // all ones
            contexts[2 * n + t] = t % 2;           // alternating
            contexts[3 * n + t] = t % 3 == 0 ? 1 : 0;
        }
        var x = tensor(contexts, [4, n], device: model.Device);
        var probs = model.call(x).sigmoid().cpu().data<double>().ToArray();
        double worst = 0;
        for (int i = 0; i < contexts.Length; i++)
            worst = Math.Max(worst, Math.Abs(probs[i] - chain.ProbabilityOfOne((int)contexts[i])));
        return worst;
    }
}
