// Attention with Markov (arXiv 2402.04161), §3: the shared shape of the landscape claims (explicit points of the
// single-layer model analysed on the exact population loss, chain by chain).
using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>What every landscape claim's settings record holds: the model's sizes and the chains it is checked at.</summary>
public interface ILandscapeSettings
{
    /// <summary>d, N, r of the single-layer model whose exact population loss is analysed.</summary>
    LandscapeSizes Sizes { get; }

    /// <summary>The chains (p, q) at which the point is constructed and probed.</summary>
    (double P, double Q)[] Chains { get; }
}

/// <summary>
/// A landscape claim of §3: at every chain of its settings, an explicit point θ of the single-layer model (θ* or θ_π,
/// <see cref="LandscapePoints"/>) is analysed on the exact population loss over all 2^(N+1) sequences — no training,
/// no sampling. The claim writes what it probes at one chain; this base owns the loop, the per-chain dispose scope and
/// the progress.
/// </summary>
public abstract class LandscapeClaim<TSettings> : Claim<TSettings> where TSettings : ILandscapeSettings, IClaimSettings<TSettings>
{
    public sealed override PaperRef Paper => PaperRef.AttentionWithMarkov;

    /// <summary>
    /// Runs <paramref name="check"/> at every chain of <paramref name="settings"/>, in order, each inside its own
    /// dispose scope with the chain's exact population loss, and reports progress after each.
    /// </summary>
    protected static void ForEachChain(ClaimContext context, TSettings settings, Action<BinaryMarkovChain, ExactPopulationLoss> check)
    {
        int done = 0;
        foreach (var (p, q) in settings.Chains)
        {
            using var scope = NewDisposeScope();
            var loss = new ExactPopulationLoss(p, q, settings.Sizes.Length, context.Device.ToTorch());
            check(new BinaryMarkovChain(p, q), loss);
            context.Report(++done / (double)settings.Chains.Length);
        }
    }

    /// <summary>The model of the settings' sizes, tied or not, on the run's device (its weights are then set by <see cref="LandscapePoints"/>).</summary>
    protected static TheoryTransformer Model(ClaimContext context, TSettings settings, bool tied) =>
        new(settings.Sizes.Config(tied), device: context.Device.ToTorch());
}
