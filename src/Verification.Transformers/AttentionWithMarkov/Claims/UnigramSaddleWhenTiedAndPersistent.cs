// Attention with Markov (arXiv 2402.04161), §3: for p+q < 1 the unigram point is a saddle even with tying.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Markov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <param name="EigenTolerance">absolute, on λmin = 2c</param>
/// <param name="SabotageSpread">the control's N(0, spread²) position noise on p_n (spec §6: p_n ~ N(0, 3²) removed the negative curvature)</param>
public sealed record UnigramSaddleWhenTiedAndPersistentSettings(LandscapeSizes Sizes, (double P, double Q)[] Chains,
    double EigenTolerance = 1e-4, double StationaryTolerance = 1e-10, double SabotageSpread = 3) : IClaimSettings<UnigramSaddleWhenTiedAndPersistentSettings>, ILandscapeSettings
{
    public static UnigramSaddleWhenTiedAndPersistentSettings For(Scale scale) => new(LandscapeSizes.For(scale), scale switch
    {
        Scale.Smoke => [(0.2, 0.3)],
        Scale.Ci => [(0.2, 0.3), (0.3, 0.4)],
        _ => [(0.2, 0.3), (0.3, 0.4), (0.1, 0.5), (0.45, 0.45)],
    });
}

/// <summary>
/// With tying and p + q &lt; 1 (a persistent chain), θ_π (constant p_n) is a saddle: ∇L = 0 and the smallest Hessian
/// eigenvalue equals 2c, c = pq(p+q−1)/(p+q)² &lt; 0 (spec §3, closed form of the Schur complement). Negative control:
/// θ_π with strongly position-dependent p_n (N(0, 3²) noise), where σ'(b)·Cov_n(p_n) outweighs 2|c| (spec §6).
/// </summary>
public sealed class UnigramSaddleWhenTiedAndPersistent : LandscapeClaim<UnigramSaddleWhenTiedAndPersistentSettings>
{
    public override string Id => "AM.unigram-is-saddle-when-tied-and-persistent";
    public override string Section => "§3 (tied, p+q < 1: θ_π is a saddle)";
    public override string Statement =>
        "With tying and p+q < 1, the unigram point θ_π (constant p_n) is a saddle whose smallest Hessian eigenvalue is 2c = 2pq(p+q−1)/(p+q)².";
    public override string NegativeControl => "θ_π with position-dependent p_n (N(0, 3²) noise), which hides the negative curvature";

    protected override Outcome Check(ClaimContext context, UnigramSaddleWhenTiedAndPersistentSettings settings, Construction construction)
    {
        double spread = construction == Construction.Faithful ? 0 : settings.SabotageSpread;
        var obs = new Observations();
        ForEachChain(context, settings, (chain, loss) =>
        {
            var (p, q) = (chain.P, chain.Q);
            using var model = Model(context, settings, tied: true);
            LandscapePoints.Unigram(model, p, q, context.Rng($"theta-pi-{p}-{q}"), spread);
            var probe = LandscapeProbe.At(model, loss);
            double twoC = 2 * LandscapePoints.CurvatureScale(p, q);
            // Thm (tied, p+q < 1): θ_π is critical, L = H(π), λmin(∇²L) = 2c
            using (obs.Case($"p={p},q={q}"))
            {
                obs.Expect("loss", probe.Loss, chain.StationaryEntropy, Tolerance.Absolute(settings.StationaryTolerance))
                    .ExpectAtMost("max-abs-grad", probe.MaxGradient, settings.StationaryTolerance)
                    .Expect("lambda-min", probe.MinEigenvalue, twoC, Tolerance.Absolute(settings.EigenTolerance));
            }
        });
        return obs.Conclude($"θ_π is a saddle with λmin = 2c (±{settings.EigenTolerance:E0}) at all {settings.Chains.Length} persistent chains");
    }
}
