using Verification.Core.Claims;

namespace Verification.Transformers;

/// <summary>
/// The claims of Attention with Markov (arXiv 2402.04161) and Local to Global (arXiv 2406.03072), in the order the
/// report lists them: the landscape of §3 before the training experiments of §4 that rest on it.
/// </summary>
public static class TransformerClaims
{
    [PaperClaims(PaperId.AM)]
    public static IEnumerable<Claim> AttentionWithMarkov() =>
    [
        new AttentionWithMarkov.Claims.GlobalMinimumConstruction(),
        new AttentionWithMarkov.Claims.UnigramLocalMinimumWhenTied(),
        new AttentionWithMarkov.Claims.UnigramSaddleWhenTiedAndPersistent(),
        new AttentionWithMarkov.Claims.UnigramSaddleWhenUntied(),
        new AttentionWithMarkov.Claims.UntiedTrainingReachesEntropyRate(),
        new AttentionWithMarkov.Claims.TiedTrainingEndsAtUnigram(),
        new AttentionWithMarkov.Claims.ControlTrainingReachesEntropyRate(),
        new AttentionWithMarkov.Claims.DepthTwoEscapesPlateau(),
        new AttentionWithMarkov.Claims.TiedPlateauIsTemporary(),
        new AttentionWithMarkov.Claims.PredictionGrid(),
        new AttentionWithMarkov.Claims.MemoryWindowLearnsLagK(),
        new AttentionWithMarkov.Claims.DepthDoesNotLearnLagK(),
        new AttentionWithMarkov.Claims.AttentionRemovedBehavesTheSame(),
    ];
    [PaperClaims(PaperId.LG)]
    public static IEnumerable<Claim> LocalToGlobal() =>
    [
        new LocalToGlobal.Claims.ClosedFormLossMatchesMonteCarlo(),
        new LocalToGlobal.Claims.OptimalBiasIsStationary(),
        new LocalToGlobal.Claims.GlobalMinimaAreBigram(),
        new LocalToGlobal.Claims.UnigramLineIsCritical(),
        new LocalToGlobal.Claims.EnergyIsConserved(),
        new LocalToGlobal.Claims.BasinTheoremHolds(),
        new LocalToGlobal.Claims.BasinsDependOnlyOnSwitchingSign(),
        new LocalToGlobal.Claims.SmallInitLearnsBigramOnlyBelowOne(),
        new LocalToGlobal.Claims.TransformerBridgeReproducesCanonicalLogits(),
        new LocalToGlobal.Claims.StandardInitFollowsSwitchingSign(),
        new LocalToGlobal.Claims.GuidelineInitReachesBigram(),
        new LocalToGlobal.Claims.SimplifiedModelPlateauIsLonger(),
        new LocalToGlobal.Claims.TrainedWeightsBecomeRankOne(),
    ];
}
