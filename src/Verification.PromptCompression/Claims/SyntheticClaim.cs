// arXiv 2407.15504 — the shared skeleton of the PC claims on the synthetic set.
using Verification.Core.Claims;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// A claim of "Fundamental Limits of Prompt Compression" checked on the synthetic set: its settings record names the
/// split (and, where it uses them, the trained models' configs), and it reads the experiment of that split and the
/// context's seed from the <see cref="SyntheticExperiments"/> its registry owns. The table claims walk
/// <see cref="SyntheticExperiment.Tables"/> (each loss, query-agnostic and query-aware).
/// </summary>
public abstract class SyntheticClaim<TSettings>(SyntheticExperiments experiments) : Claim<TSettings>
    where TSettings : ISyntheticSettings, IClaimSettings<TSettings>
{
    public sealed override PaperRef Paper => PaperRef.PromptCompression;

    /// <summary>The synthetic experiment of the settings' split and the context's seed and device.</summary>
    protected SyntheticExperiment Experiment(ClaimContext context, TSettings settings) => experiments.For(settings.Split, context);
}
