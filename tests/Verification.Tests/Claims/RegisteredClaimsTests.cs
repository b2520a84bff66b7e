using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Runtime;

namespace Verification.Tests.Claims;

/// <summary>
/// Every registered claim, run at CI scale through the same registry the CLI uses: it must hold, and its negative
/// control must be refuted. This is the experiment; `verify` reports the same evidence.
/// </summary>
public class RegisteredClaimsTests
{
    public const int Seed = 1;

    public static TheoryData<string> ClaimIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in ClaimCatalog.Create().Ids) data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(ClaimIds))]
    public void ClaimHoldsAtCiScaleAndItsNegativeControlIsRefuted(string id)
    {
        var claim = ClaimCatalog.Create().Get(id);
        Assert.Contains(Scale.Ci, claim.Scales);

        var evidence = claim.Evaluate(Scale.Ci, Seed, ComputeDevice.Cpu);

        Assert.True(evidence.Verdict == Verdict.Holds, $"{id}: {evidence.Verdict}: {evidence.Reason}");
        Assert.NotNull(evidence.NegativeControl);
        Assert.True(evidence.NegativeControl!.Verdict == Verdict.Refuted,
            $"{id}: negative control '{evidence.NegativeControl.Description}' was {evidence.NegativeControl.Verdict}: {evidence.NegativeControl.Reason}");
        Assert.NotEmpty(evidence.Measured);
    }

    [Fact]
    public void RegistryHasEveryClaimOnceWithAValidIdAndANegativeControl()
    {
        var registry = ClaimCatalog.Create();
        Assert.NotEmpty(registry.All);
        Assert.Equal(registry.All.Count, registry.Ids.Distinct().Count());
        foreach (var c in registry.All)
        {
            Assert.True(Claim.IsValidId(c.Id, c.Paper.Id), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Statement), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.NegativeControl), c.Id);
        }
    }
}
