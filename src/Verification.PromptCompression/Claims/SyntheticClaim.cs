// arXiv 2407.15504 — the shared skeleton of the PC claims on the synthetic set.
using Verification.Core.Claims;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// A claim of "Fundamental Limits of Prompt Compression" checked on the synthetic set: it reads the experiment of
/// its (scale, seed) from the <see cref="SyntheticExperiments"/> its registry owns.
/// </summary>
public abstract class SyntheticClaim(SyntheticExperiments experiments) : Claim
{
    public sealed override PaperRef Paper => PaperRef.PromptCompression;

    /// <summary>The synthetic experiment of the context's scale and seed.</summary>
    protected SyntheticExperiment Experiment(ClaimContext context) => experiments.For(context);
}
