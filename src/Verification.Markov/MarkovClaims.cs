using Verification.Core.Claims;
using Verification.Core.Markov.Claims;

namespace Verification.Markov;

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
