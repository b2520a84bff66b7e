using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Runtime;

namespace Verification.Tests.Claims;

/// <summary>
/// Every registered claim evaluated once at CI scale (seed <see cref="RegisteredClaimsTests.Seed"/>), on as many
/// workers as the machine has cores, through the scheduler of <c>verify --jobs</c> (<see cref="ConcurrentItems"/>:
/// each item on its own thread with its own seeds, longest first by the timings of earlier runs). The first
/// registered-claims test to ask starts it; every per-claim test then asserts on its own claim's evidence, so a claim
/// that fails still fails alone. Results do not depend on the number of workers (DeterminismTests).
/// </summary>
public static class CiScaleRun
{
    private static readonly Lazy<IReadOnlyDictionary<string, Evidence>> Evidence = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Evidence Of(string id) => Evidence.Value[id];

    private static IReadOnlyDictionary<string, Evidence> Run()
    {
        var claims = RegisteredClaimsTests.Registry.Value.All.Where(c => c.Scales.Contains(Scale.Ci)).ToList();
        var hints = CostHints.Load(Scale.Ci);
        var (results, _) = ConcurrentItems.Run(claims.Count, Environment.ProcessorCount,
            k => hints.TryGetValue(claims[k].Id, out var s) ? s : null,
            k => claims[k].Evaluate(Scale.Ci, RegisteredClaimsTests.Seed, ComputeDevice.Cpu),
            (_, _) => { }, CancellationToken.None);
        return claims.Select((c, k) => (c.Id, Evidence: results[k]!)).ToDictionary(x => x.Id, x => x.Evidence);
    }
}
