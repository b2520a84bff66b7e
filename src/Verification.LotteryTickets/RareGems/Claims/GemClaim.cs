// Rare Gems (arXiv 2202.12002), §4 at small scale (spec §5): the shared shape of the claims on mined MNIST gems.
using Verification.Core.Claims;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>What the settings record of every MNIST gem claim holds: the shared experiment it reads its gems from.</summary>
public interface IGemSettings
{
    /// <summary>Data, model, mining and fine-tuning budget, seeds and densities of the shared MNIST experiment.</summary>
    RareGemsSettings Experiment { get; }
}

/// <summary>
/// A Rare Gems claim on gems mined from real MNIST digits: it reads the experiment of its settings from the
/// <see cref="GemExperiments"/> its registry owns (the claims share mined gems and fine-tuned comparators), and its
/// negative control mines with iterative freezing that removes the largest scores instead of the smallest. Smoke
/// scale is too small for an honest MNIST comparison.
/// </summary>
public abstract class GemClaim<TSettings>(GemExperiments experiments) : Claim<TSettings>
    where TSettings : IGemSettings, IClaimSettings<TSettings>
{
    public sealed override PaperRef Paper => PaperRef.RareGems;
    public sealed override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Ci, Scale.Paper];

    /// <summary>The shared experiment of the settings on the context's device.</summary>
    protected GemExperiment Experiment(ClaimContext context, TSettings settings) => experiments.For(settings.Experiment, context);

    /// <summary>Faithful: freeze the smallest scores (the paper); sabotaged: the largest (the code's inverted sanity check).</summary>
    protected static FreezeRule Rule(Construction construction) =>
        construction == Construction.Faithful ? FreezeRule.SmallestScores : FreezeRule.LargestScores;
}
