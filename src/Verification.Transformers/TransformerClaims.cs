using Verification.Core.Claims;

namespace Verification.Transformers;

/// <summary>
/// The claims of Attention with Markov (arXiv 2402.04161) and Local to Global (arXiv 2406.03072). Empty until their
/// issues land: the registry lists only claims that are really checked.
/// </summary>
public static class TransformerClaims
{
    public static IEnumerable<Claim> AttentionWithMarkov() =>
    [
        new AttentionWithMarkov.Claims.GlobalMinimumConstruction(),
        new AttentionWithMarkov.Claims.UnigramLocalMinimumWhenTied(),
        new AttentionWithMarkov.Claims.UnigramSaddleWhenTiedAndPersistent(),
        new AttentionWithMarkov.Claims.UnigramSaddleWhenUntied(),
        new AttentionWithMarkov.Claims.UntiedTrainingReachesEntropyRate(),
        new AttentionWithMarkov.Claims.TiedTrainingPlateausAtUnigram(),
        new AttentionWithMarkov.Claims.ControlTrainingReachesEntropyRate(),
    ];
    public static IEnumerable<Claim> LocalToGlobal() => [];
}
