using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Runtime;
using Verification.Tests.Claims;

namespace Verification.Tests.Reporting;

/// <summary>
/// Every registered claim that runs at smoke scale, evaluated once (seed <see cref="RegisteredClaimsTests.Seed"/>) on
/// as many workers as the machine has cores, for the tests that look at what the claims make (their figures).
/// </summary>
public static class SmokeScaleRun
{
    private static readonly Lazy<IReadOnlyDictionary<string, Evidence>> Evidence = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Evidence Of(string id) => Evidence.Value[id];

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var claim in ClaimCatalog.Create().All.Where(c => c.Scales.Contains(Scale.Smoke))) data.Add(claim.Id);
        return data;
    }

    private static IReadOnlyDictionary<string, Evidence> Run()
    {
        var claims = RegisteredClaimsTests.Registry.Value.All.Where(c => c.Scales.Contains(Scale.Smoke)).ToList();
        var (results, _) = ConcurrentItems.Run(claims.Count, Environment.ProcessorCount, _ => null,
            k => claims[k].Evaluate(Scale.Smoke, RegisteredClaimsTests.Seed, ComputeDevice.Cpu), (_, _) => { }, CancellationToken.None);
        return claims.Select((c, k) => (c.Id, Evidence: results[k]!)).ToDictionary(x => x.Id, x => x.Evidence);
    }
}
