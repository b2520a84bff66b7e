using Verification.Core.Claims;
using Verification.Core.Markov.Claims;
using Verification.LotteryTickets;
using Verification.PromptCompression;
using Verification.Transformers;

namespace Verification.Cli;

/// <summary>
/// The one registry of every claim, in report order. The test projects use this same catalog, so `dotnet test`
/// and `verify` always check the same claims.
/// </summary>
public static class ClaimCatalog
{
    public static ClaimRegistry Create() => new(
    [
        .. MarkovClaims.All(),
        .. PromptCompressionClaims.All(),
        .. TransformerClaims.AttentionWithMarkov(),
        .. TransformerClaims.LocalToGlobal(),
        .. LotteryTicketClaims.SubsetSum(),
        .. LotteryTicketClaims.RareGems(),
    ]);
}
