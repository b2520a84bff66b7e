using Verification.Core.Claims;
using Verification.PromptCompression.Claims;

namespace Verification.PromptCompression;

/// <summary>The claims of "Fundamental Limits of Prompt Compression" (arXiv 2407.15504); see docs/papers/PC.md.</summary>
public static class PromptCompressionClaims
{
    /// <summary>The claims, sharing one <see cref="SyntheticExperiments"/> cache (owned by the registry that holds them).</summary>
    [PaperClaims(PaperId.PC)]
    public static IEnumerable<Claim> All()
    {
        var experiments = new SyntheticExperiments();
        return
        [
            new PrimalEqualsDual(experiments),
            new WeakDuality(experiments),
            new BruteForceTinyInstances(),
            new CurveShapeAndEndpoints(experiments),
            new QueryAwareIsInfimalConvolution(experiments),
            new AwareLimitWellBelowAgnostic(experiments),
            new CompressorsAboveTheirLimit(experiments),
            new AdaptiveQuerySelectBelowAgnosticLimit(experiments),
            new OnlyAdaptiveQuerySelectBeatsAgnosticLimit(experiments),
            new EnlargingCandidatesNeverRaisesLimit(experiments),
            new AnswererBlackBoxLimits(experiments),
        ];
    }
}
