using Verification.Core.Claims;

namespace Verification.PromptCompression;

/// <summary>
/// The claims of "Fundamental Limits of Prompt Compression" (arXiv 2407.15504). Empty until the prompt-compression
/// issue lands: the registry lists only claims that are really checked.
/// </summary>
public static class PromptCompressionClaims
{
    public static IEnumerable<Claim> All() => [];
}
