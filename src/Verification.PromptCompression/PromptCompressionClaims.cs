using Verification.Core.Claims;
using Verification.PromptCompression.Claims;

namespace Verification.PromptCompression;

/// <summary>The claims of "Fundamental Limits of Prompt Compression" (arXiv 2407.15504); see docs/papers/PC.md.</summary>
public static class PromptCompressionClaims
{
    public static IEnumerable<Claim> All() =>
    [
        new PrimalEqualsDual(),
        new WeakDuality(),
        new BruteForceTinyInstances(),
        new CurveShapeAndEndpoints(),
        new QueryAwareIsInfimalConvolution(),
        new AwareLimitWellBelowAgnostic(),
        new CompressorsAboveTheirLimit(),
        new AdaptiveQuerySelectBelowAgnosticLimit(),
        new EnlargingCandidatesNeverRaisesLimit(),
        new AnswererBlackBoxLimits(),
    ];
}
