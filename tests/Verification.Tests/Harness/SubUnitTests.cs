using System.Text.Json;
using Verification.Core.Claims;
using Verification.Core.Runtime;
using Verification.LotteryTickets.SubsetSum.Claims;
using Verification.Tests.Support;
using Verification.Transformers.AttentionWithMarkov.Claims;

namespace Verification.Tests.Harness;

/// <summary>
/// Sub-units of long claims (issue #14 item 5): parts computed separately (separate stores, as separate shards would)
/// and assembled give the evidence of the unsplit run, byte for byte; a missing part is recomputed, never guessed.
/// </summary>
public class SubUnitTests
{
    private static string Json(Evidence e) => JsonSerializer.Serialize(e with { ElapsedSeconds = 0 });

    private static Evidence Unsplit(SubUnitSweepClaim claim) => claim.Evaluate(Scale.Paper, 3, ComputeDevice.Cpu);

    [Fact]
    public void PartsAssembledEqualTheUnsplitEvidenceAndAreNotRecomputed()
    {
        const int parts = 3;
        using var dir = new TempDir();
        var claim = new SubUnitSweepClaim();
        var whole = Unsplit(claim);
        Assert.Equal(Verdict.Holds, whole.Verdict);

        claim.Computed = 0;
        for (int j = 1; j <= parts; j++)   // each part in its own folder, as each shard
            claim.EvaluatePart(Scale.Paper, 3, ComputeDevice.Cpu, new DirectorySubUnitStore(dir[$"shard{j}"], "hash"), j, parts);
        Assert.Equal(2 * SubUnitSweepClaim.Cells, claim.Computed);   // every cell once, for both constructions

        // merge: the shards' cell files copied into one folder
        foreach (var file in Directory.GetFiles(dir.Path, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir["merged"], Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(file))!, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        var store = new DirectorySubUnitStore(dir["merged"], "hash");
        claim.Computed = 0;
        var assembled = claim.Evaluate(Scale.Paper, 3, ComputeDevice.Cpu, subUnits: SubUnitPlan.Assemble(store));
        Assert.Equal(0, claim.Computed);
        Assert.Equal(0, store.ComputedOnAssembly);
        Assert.Equal(Json(whole), Json(assembled));
    }

    [Fact]
    public void AMissingPartIsComputedAtAssemblyWithTheSameResult()
    {
        var claim = new SubUnitSweepClaim();
        var whole = Unsplit(claim);
        var store = new MemorySubUnitStore();
        claim.EvaluatePart(Scale.Paper, 3, ComputeDevice.Cpu, store, 1, 2);   // part 2 of 2 never ran
        var assembled = claim.Evaluate(Scale.Paper, 3, ComputeDevice.Cpu, subUnits: SubUnitPlan.Assemble(store));
        int ownedBy2 = Enumerable.Range(0, SubUnitSweepClaim.Cells).Count(k => SubUnitStore.Owner($"cell={k}", 2) == 2);
        Assert.Equal(2 * ownedBy2, store.ComputedOnAssembly);
        Assert.Equal(Json(whole), Json(assembled));
    }

    [Fact]
    public void AStoredCellOfAnotherConfigurationIsNotTrusted()
    {
        using var dir = new TempDir();
        new DirectorySubUnitStore(dir["cells"], "old-code").Put(Construction.Faithful, "cell=0", "[0.5,0.5]");
        Assert.False(new DirectorySubUnitStore(dir["cells"], "new-code").TryGet(Construction.Faithful, "cell=0", out _));
        Assert.True(new DirectorySubUnitStore(dir["cells"], "old-code").TryGet(Construction.Faithful, "cell=0", out var v));
        Assert.Equal("[0.5,0.5]", v);
    }

    [Fact]
    public void OwnersPartitionTheKeys()
    {
        var keys = Enumerable.Range(0, 200).Select(k => $"p={k / 20.0},q={k % 7}").ToList();
        var owners = keys.Select(k => SubUnitStore.Owner(k, 5)).ToList();
        Assert.All(owners, o => Assert.InRange(o, 1, 5));
        Assert.All(Enumerable.Range(1, 5), j => Assert.Contains(j, owners));
        Assert.Equal(owners, keys.Select(k => SubUnitStore.Owner(k, 5)));   // stable
    }

    private static readonly string[] Work = ["verify", "--claim", "MC.sub-unit-sweep", "--claim", "MC.stationary-distribution-is-invariant",
        "--scale", "smoke", "--seed", "1", "--seed", "2"];

    private static (int Code, string Out, string Err) Cli(ClaimRegistry registry, params string[] args)
    {
        var console = new Spectre.Console.Testing.TestConsole();
        var err = new StringWriter();
        int code = Verification.Cli.Program.Run(args, console, err, default, null, null, registry);
        return (code, console.Output, err.ToString());
    }

    [Fact]
    public void SplitShardsMergedEqualTheUnsplitRunByteForByte()
    {
        var registry = new ClaimRegistry(Verification.Cli.ClaimCatalog.Create().All.Append(new SubUnitSweepClaim()));
        using var dir = new TempDir();
        Assert.Equal(0, Cli(registry, [.. Work, "--out", dir["whole"]]).Code);
        var local = Cli(registry, [.. Work, "--split", "--out", dir["split"]]);   // parts and assembly in one run
        Assert.True(local.Code == 0, local.Err);
        Assert.Contains("#part1of7: sub-units stored", local.Out);
        Assert.Equal(File.ReadAllText(dir["whole/results.json"]), File.ReadAllText(dir["split/results.json"]));

        for (int i = 1; i <= 3; i++)
        {
            var shard = Cli(registry, [.. Work, "--split", "--shard", $"{i}/3", "--out", dir[$"s{i}"]]);
            Assert.True(shard.Code == 0, shard.Err);
        }
        // A finished shard is immutable: resuming it runs and writes nothing (FinishedRunTests covers the refusals).
        var resumed = Cli(registry, [.. Work, "--split", "--shard", "2/3", "--resume", dir["s2"]]);
        Assert.Contains("is a finished run", resumed.Out);
        var merged = Cli(registry, "verify", "merge", dir["s1"], dir["s2"], dir["s3"], "--out", dir["merged"]);
        Assert.True(merged.Code == 0, merged.Err);
        Assert.Equal(File.ReadAllText(dir["whole/results.json"]), File.ReadAllText(dir["merged/results.json"]));
        // The merged run.json says how its items ran: split, as each shard's does (the docs' run tables show it).
        Assert.True(Verification.Core.Reporting.RunManifest.TryRead(dir["s1"])!.Split);
        Assert.True(Verification.Core.Reporting.RunManifest.TryRead(dir["merged"])!.Split);
        Assert.False(Verification.Core.Reporting.RunManifest.TryRead(dir["whole"])!.Split);
    }

    [Fact]
    public void AClaimMayDeclareFewerPartsThanSubUnits()
    {
        var registry = new ClaimRegistry(Verification.Cli.ClaimCatalog.Create().All.Append(new SubUnitSweepClaim { PartCount = 3 }));
        using var dir = new TempDir();
        Assert.Equal(0, Cli(registry, [.. Work, "--out", dir["whole"]]).Code);
        var split = Cli(registry, [.. Work, "--split", "--out", dir["split"]]);
        Assert.True(split.Code == 0, split.Err);
        Assert.Contains("#part3of3: sub-units stored", split.Out);
        Assert.DoesNotContain("of7", split.Out);
        Assert.Equal(File.ReadAllText(dir["whole/results.json"]), File.ReadAllText(dir["split/results.json"]));
    }

    [Fact]
    public void TheLongPaperScaleClaimsDeclareTheirSubUnits()
    {
        Assert.Equal(2 * 5 * 5 * 3, new PredictionGrid().SubUnits(Scale.Paper));        // AM (p, q) grid, tied and untied, 3 seeds per cell
        Assert.Equal(10, new PredictionGrid().Parts(Scale.Paper));                       // trained as batches: 15 runs per part
        Assert.Equal(2 * 5, new EdgePopupLinearVersusRelu().Parts(Scale.Paper));        // one part per sub-unit by default
        Assert.Equal(2 * 5, new EdgePopupLinearVersusRelu().SubUnits(Scale.Paper));     // SS experiment 2
        Assert.Equal(5 * 3, new Verification.LotteryTickets.RareGems.Claims.FineTunedGemBeatsRandom(new()).SubUnits(Scale.Paper));   // RG densities (4 decided ≤ 2%, 5% measured) × seeds
    }
}

/// <summary>A sweep of <see cref="Cells"/> independent cells, each seeded from its key, counting what it computes.</summary>
internal sealed class SubUnitSweepClaim : Claim
{
    public const int Cells = 7;
    public int Computed;

    public override string Id => "MC.sub-unit-sweep";
    public override PaperRef Paper => PaperRef.MarkovMachinery;
    public override string Section => "test";
    public override string Statement => "every cell is below 1";
    public override string NegativeControl => "cells shifted by 1";
    public override int SubUnits(Scale scale) => Cells;

    /// <summary>Parts of a split run: one per cell unless set lower (a claim that computes cells together).</summary>
    public int PartCount { get; init; } = Cells;

    public override int Parts(Scale scale) => PartCount;

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var obs = new Observations();
        for (int k = 0; k < Cells; k++)
        {
            var cell = context.SubUnit($"cell={k}", 2, () =>
            {
                Interlocked.Increment(ref Computed);
                var rng = context.Rng($"cell={k}");
                return [rng.NextDouble() + (construction == Construction.Sabotaged ? 1 : 0), rng.NextDouble()];
            });
            obs.ExpectAtMost($"cell={k}.a", cell[0], 1);
            obs.Measure($"cell={k}.b", cell[1]);
        }
        return obs.Conclude("all cells at most 1");
    }
}
