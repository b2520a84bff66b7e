using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Runtime;

namespace Verification.Tests.Claims;

/// <summary>
/// Every registered claim, run at CI scale through the same registry the CLI uses: it must reach its recorded verdict
/// — hold with its negative control refuted, or, for a recorded finding (a paper statement that does not reproduce
/// here), be refuted with its positive control holding. This is the experiment; `verify` reports the same evidence.
/// One theory case per claim, named by its id (a new paper's claims appear here with no edit); the claims themselves
/// run concurrently, once, in <see cref="CiScaleRun"/>.
/// </summary>
public class RegisteredClaimsTests
{
    public const int Seed = 1;

    /// <summary>One registry for the whole test run, so the claims of a paper share the caches their registration owns.</summary>
    internal static readonly Lazy<ClaimRegistry> Registry = new(ClaimCatalog.Create);

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var claim in ClaimCatalog.Create().All) data.Add(claim.Id);
        return data;
    }

    [Theory, MemberData(nameof(Ids))]
    public void HoldsAtCiWithRefutedControl(string id)
    {
        var claim = Registry.Value.Get(id);
        Assert.Contains(Scale.Ci, claim.Scales);

        var evidence = CiScaleRun.Of(id);

        Assert.Contains(claim.RecordedAt(Scale.Ci), new[] { Verdict.Holds, Verdict.Refuted });
        Assert.True(evidence.Verdict == claim.RecordedAt(Scale.Ci), $"{id}: {evidence.Verdict} (recorded {claim.RecordedAt(Scale.Ci)}): {evidence.Reason}");
        Assert.NotNull(evidence.NegativeControl);
        var control = claim.RecordedAt(Scale.Ci) == Verdict.Holds ? Verdict.Refuted : Verdict.Holds;
        Assert.True(evidence.NegativeControl!.Verdict == control,
            $"{id}: control '{evidence.NegativeControl.Description}' was {evidence.NegativeControl.Verdict} (must be {control}): {evidence.NegativeControl.Reason}");
        Assert.NotEmpty(evidence.Measured);
    }
}

public class RegistryTests
{
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
