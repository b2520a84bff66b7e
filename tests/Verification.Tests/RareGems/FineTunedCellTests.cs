using System.Text.Json;
using Verification.Core.Claims;
using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using Verification.LotteryTickets.RareGems.Claims;

namespace Verification.Tests.RareGems;

/// <summary>
/// The typed sub-unit of RG.finetuned-gem-beats-random: a (density, seed) cell stored by a split run must come back
/// exactly (every double bit for bit, NaN placeholders included), under the keys the unsplit run asks for.
/// </summary>
public class FineTunedCellTests
{
    private static FineTunedCell RoundTrip(FineTunedCell cell) =>
        JsonSerializer.Deserialize<FineTunedCell>(JsonSerializer.Serialize(cell, SubUnitStore.CellJson), SubUnitStore.CellJson)!;

    [Fact]
    public void ACellRoundTripsExactly()
    {
        var methods = FineTunedGemBeatsRandom.Methods;
        var cell = new FineTunedCell([0, 2], 0.019823456789012345,
            methods.Select((m, k) => (m, 0.1 + k / 3.0)).ToDictionary(p => p.m, p => p.Item2),
            methods.Select((m, k) => (m, Math.PI / (k + 7))).ToDictionary(p => p.m, p => p.Item2));
        var back = RoundTrip(cell);
        Assert.Equal(cell.CollapsedLayers, back.CollapsedLayers);
        Assert.True(back.Collapsed);
        Assert.Equal(BitConverter.DoubleToInt64Bits(cell.GemDensity), BitConverter.DoubleToInt64Bits(back.GemDensity));
        foreach (var m in methods)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(cell.AtInit[m]), BitConverter.DoubleToInt64Bits(back.AtInit[m]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(cell.FineTuned[m]), BitConverter.DoubleToInt64Bits(back.FineTuned[m]));
        }
        Assert.DoesNotContain("Collapsed\"", JsonSerializer.Serialize(cell, SubUnitStore.CellJson));   // derived, not stored
    }

    [Fact]
    public void ThePlaceholderIsNaNForEveryMethodAndRoundTrips()
    {
        var back = RoundTrip(FineTunedCell.Placeholder(FineTunedGemBeatsRandom.Methods));
        Assert.False(back.Collapsed);
        Assert.True(double.IsNaN(back.GemDensity));
        Assert.All(FineTunedGemBeatsRandom.Methods, m => Assert.True(double.IsNaN(back.AtInit[m]) && double.IsNaN(back.FineTuned[m])));
    }

    [Fact]
    public void MeansAndGapsAreOverThePairedSeeds()
    {
        Dictionary<string, double> Acc(double gem, double random) => new() { ["GEM-MINER"] = gem, ["uniform random"] = random };
        var at = new FineTunedAtDensity(0.02, [new([], 0.02, Acc(0.5, 0.1), Acc(0.9, 0.8)), new([], 0.02, Acc(0.6, 0.2), Acc(0.7, 0.4))]);
        Assert.Equal(0.2, at.MeanGap("GEM-MINER", "uniform random"), 12);   // ((0.9 − 0.8) + (0.7 − 0.4)) / 2
        Assert.Equal(Math.Sqrt(0.02), FineTunedAtDensity.Sd(at.FineTuned("GEM-MINER")), 12);
        Assert.Equal(0, FineTunedAtDensity.Sd([0.3]));
    }

    [Fact]
    public void TheClaimAssemblesFromStoredCellsUnderItsKeysWithoutComputingAny()
    {
        var methods = FineTunedGemBeatsRandom.Methods;
        var experiment = FineTunedGemBeatsRandom.Settings.For(Scale.Ci).Experiment;
        var store = new MemorySubUnitStore();
        Dictionary<string, double> Acc(double gem) => methods.ToDictionary(m => m, m => m == "GEM-MINER" ? gem : 0.5);
        foreach (var s in experiment.Densities)
        {
            for (int i = 0; i < experiment.Seeds; i++)
            {
                // faithful cells: the gem 10 points above every comparator; sabotaged: a collapsed first layer
                store.Put(Construction.Faithful, $"s={s}.seed={i}", JsonSerializer.Serialize(new FineTunedCell([], s, Acc(0.6), Acc(0.6)), SubUnitStore.CellJson));
                store.Put(Construction.Sabotaged, $"s={s}.seed={i}", JsonSerializer.Serialize(new FineTunedCell([0], 0, Acc(0.1), Acc(0.5)), SubUnitStore.CellJson));
            }
        }
        var e = new FineTunedGemBeatsRandom(new()).Evaluate(Scale.Ci, 1, ComputeDevice.Cpu, subUnits: SubUnitPlan.Assemble(store));
        Assert.Equal(0, store.ComputedOnAssembly);
        Assert.True(e.Verdict == Verdict.Holds, e.Reason);
        Assert.Equal(0.1, e.Measured[$"s={experiment.Densities[0]}.gem-minus-random-mean"], 12);
        Assert.Equal(Verdict.Refuted, e.NegativeControl!.Verdict);
        Assert.Contains(e.NegativeControl.Checks, c => c.Name.EndsWith(".no-layer-collapse", StringComparison.Ordinal) && !c.Passed);
    }
}
