using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Tests.Claims;

/// <summary>
/// Every registered claim evaluated once at CI scale (seed <see cref="RegisteredClaimsTests.Seed"/>), on as many
/// workers as the machine has cores, through the scheduler of <c>verify --jobs</c> (<see cref="ConcurrentItems"/>:
/// each item on its own thread with its own seeds, longest first by the cost hints: committed, overridden by earlier runs'). The first
/// registered-claims test to ask starts it; every per-claim test then asserts on its own claim's evidence, so a claim
/// that fails still fails alone. Results do not depend on the number of workers (DeterminismTests).
/// <para>
/// With <see cref="OutVariable"/> set, the run is also written to that folder as <c>verify --scale ci</c> writes it
/// (<see cref="Write"/>; the same results.json byte for byte, <c>CiScaleRunFolderTests</c>): <c>.ci/run</c> compares it
/// with the committed baseline <c>results/ci</c>, so CI's regression check costs no second CI-scale run.
/// </para>
/// </summary>
public static class CiScaleRun
{
    /// <summary>The folder (new or empty) to write the CI-scale run to; unset: nothing is written.</summary>
    public const string OutVariable = "VERIFY_CI_RUN_DIR";

    private static readonly Lazy<IReadOnlyDictionary<string, Evidence>> Evidence = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Evidence Of(string id) => Evidence.Value[id];

    private static IReadOnlyDictionary<string, Evidence> Run()
    {
        var registry = RegisteredClaimsTests.Registry.Value;
        var claims = registry.All.Where(c => c.Scales.Contains(Scale.Ci)).ToList();
        var hints = CostHints.Load(Scale.Ci);
        var (results, _) = ConcurrentItems.Run(claims.Count, Environment.ProcessorCount,
            k => hints.TryGetValue(claims[k].Id, out var s) ? s : null,
            k => claims[k].Evaluate(Scale.Ci, RegisteredClaimsTests.Seed, ComputeDevice.Cpu),
            (_, _) => { }, CancellationToken.None);
        if (Environment.GetEnvironmentVariable(OutVariable) is { Length: > 0 } outDir)
            Write(outDir, Scale.Ci, RegisteredClaimsTests.Seed, results.Select(e => e!).ToList(), registry);
        return claims.Select((c, k) => (c.Id, Evidence: results[k]!)).ToDictionary(x => x.Id, x => x.Evidence);
    }

    /// <summary>
    /// Writes <paramref name="evidence"/> (in registry order, one seed) as <c>verify --scale … --seed …</c> over those
    /// claims writes its run: records, figures and report into the staging folder, then published to <paramref name="outDir"/>.
    /// </summary>
    public static void Write(string outDir, Scale scale, int seed, IReadOnlyList<Evidence> evidence, ClaimRegistry registry)
    {
        var run = new RunInfo(scale, [seed], ComputeDevice.Cpu.Name, VerifyRunner.CodeVersion(), DateTimeOffset.UtcNow)
        {
            CommandLine = $"dotnet test (Verification.Tests, {nameof(CiScaleRun)}, {OutVariable})", Claims = ClaimMeta.Of(registry.All),
        };
        var staging = RunDirectory.StagingPathOf(outDir);
        RunDirectory.Write(staging, run with { EndedAt = DateTimeOffset.UtcNow }, evidence);
        RunDirectory.ForReading(staging).Publish(outDir);
    }
}
