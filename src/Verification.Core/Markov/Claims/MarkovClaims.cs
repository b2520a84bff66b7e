using Verification.Core.Claims;

namespace Verification.Core.Markov.Claims;

/// <summary>The claims of the shared Markov machinery (paper id MC).</summary>
public static class MarkovClaims
{
    [PaperClaims(PaperId.MC)]
    public static IEnumerable<Claim> All() =>
    [
        new StationaryDistributionIsInvariant(),
        new EntropyRateBelowStationaryEntropy(),
        new PlugInEntropyRateConverges(),
    ];
}
