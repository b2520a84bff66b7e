using Verification.Core.Claims;

namespace Verification.LotteryTickets;

/// <summary>
/// The claims of Optimal Lottery Tickets via SubsetSum (arXiv 2006.07990) and Rare Gems (arXiv 2202.12002).
/// </summary>
public static class LotteryTicketClaims
{
    [PaperClaims(PaperId.SS)]
    public static IEnumerable<Claim> SubsetSum() =>
    [
        new SubsetSum.Claims.ExactSolversAgree(),
        new SubsetSum.Claims.CoverageThreshold(),
        new SubsetSum.Claims.OneWeightBlockError(),
        new SubsetSum.Claims.EndToEndErrorBound(),
        new SubsetSum.Claims.WidthGrowsLogarithmically(),
        new SubsetSum.Claims.MnistWeightsBySubsetSum(new SubsetSum.MnistSubsetSumExperiment()),
        new SubsetSum.Claims.EdgePopupLinearVersusRelu(),
    ];

    /// <summary>The Rare Gems claims; the MNIST ones share one <see cref="RareGems.GemExperiments"/> cache (owned by the registry that holds them).</summary>
    [PaperClaims(PaperId.RG)]
    public static IEnumerable<Claim> RareGems()
    {
        var experiments = new RareGems.GemExperiments();
        return
        [
            new RareGems.Claims.StraightThroughGradient(),
            new RareGems.Claims.FreezingReachesTargetDensity(),
            new RareGems.Claims.GemAccurateAtInit(experiments),
            new RareGems.Claims.MaskTiedToWeights(experiments),
            new RareGems.Claims.FineTunedGemBeatsRandom(experiments),
            new RareGems.Claims.GemMinerFewerEpochsThanImp(experiments),
            new RareGems.Claims.ReinitialisedGemFinetunesWorse(experiments),
            new RareGems.Claims.FirstAndLastLayersKeptDensest(experiments),
            new RareGems.Claims.LambdaControlsDensity(experiments),
        ];
    }
}
