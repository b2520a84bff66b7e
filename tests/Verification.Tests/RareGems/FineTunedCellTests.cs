using System.Text.Json;
using Verification.Core.Claims;
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
}
