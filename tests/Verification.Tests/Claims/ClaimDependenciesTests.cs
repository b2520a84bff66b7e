using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Tests.Reporting;

namespace Verification.Tests.Claims;

/// <summary>Claim dependencies: every declared one is registered, the graph has no cycle, status propagates.</summary>
public class ClaimDependenciesTests
{
    [Fact]
    public void EveryDeclaredDependencyIsARegisteredClaimAndTheGraphIsAcyclic()
    {
        var registry = ClaimCatalog.Create();
        foreach (var c in registry.All)
            foreach (var d in c.DependsOn)
            {
                Assert.True(registry.TryGet(d, out _), $"{c.Id} rests on unknown claim '{d}'");
                Assert.NotEqual(c.Id, d);
            }
        var state = new Dictionary<string, int>(); // 1 = on the current path, 2 = done
        void Visit(string id, string path)
        {
            Assert.False(state.GetValueOrDefault(id) == 1, $"dependency cycle: {path} → {id}");
            if (state.GetValueOrDefault(id) == 2) return;
            state[id] = 1;
            foreach (var d in registry.Get(id).DependsOn) Visit(d, path + " → " + id);
            state[id] = 2;
        }
        foreach (var c in registry.All) Visit(c.Id, "");
        Assert.Contains("PC.primal-equals-dual", registry.Get("PC.compressors-above-their-limit").DependsOn);
    }

    private static ClaimRecord Record(string id, Verdict verdict) => Records.Claim(id, verdict);

    [Fact]
    public void AClaimRestsOnARefutedClaimAlsoThroughAnotherClaim()
    {
        var meta = new Dictionary<string, ClaimMeta>
        {
            ["PC.top"] = new(["PC.middle"], null),
            ["PC.middle"] = new(["PC.base", "PC.absent"], null),
        };
        var deps = new ClaimDependencies([Record("PC.base", Verdict.Refuted), Record("PC.middle", Verdict.Holds), Record("PC.top", Verdict.Holds)], meta);
        Assert.Equal(["PC.base"], deps.RefutedBelow("PC.top"));
        Assert.True(deps.RestsOnRefuted("PC.middle"));
        Assert.False(deps.RestsOnRefuted("PC.base"));
        Assert.Equal(DependencyState.NotRun, deps.StateOf("PC.absent"));
        Assert.Equal("rests-on-refuted", DependencyGraphSvg.Status("PC.top", deps));
        Assert.Equal("not-as-recorded", DependencyGraphSvg.Status("PC.base", deps));
    }
}
