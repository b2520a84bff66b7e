using Verification.Core.Claims;

namespace Verification.LotteryTickets;

/// <summary>
/// The claims of Optimal Lottery Tickets via SubsetSum (arXiv 2006.07990) and Rare Gems (arXiv 2202.12002). Empty
/// until their issues land: the registry lists only claims that are really checked.
/// </summary>
public static class LotteryTicketClaims
{
    public static IEnumerable<Claim> SubsetSum() => [];
    public static IEnumerable<Claim> RareGems() =>
    [
        new RareGems.Claims.StraightThroughGradient(),
        new RareGems.Claims.FreezingReachesTargetDensity(),
        new RareGems.Claims.GemAccurateAtInit(),
        new RareGems.Claims.MaskTiedToWeights(),
        new RareGems.Claims.FineTunedGemBeatsRandom(),
    ];
}
