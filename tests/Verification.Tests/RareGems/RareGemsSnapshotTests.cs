using Snapshooter;
using Snapshooter.Xunit;
using Verification.Core.Reporting;
using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using Verification.Tests.Support;

namespace Verification.Tests.RareGems;

/// <summary>
/// Series behind the Rare Gems figures that are cheap and deterministic: the freezing schedule, Smart Ratio's
/// layer-wise densities, and a small mining trace (active count and gem density per epoch), rounded to 6 digits.
/// </summary>
public class RareGemsSnapshotTests
{
    public RareGemsSnapshotTests() => TorchRuntime.Initialize();

    [Fact]
    public void FreezingScheduleAndSmartRatios()
    {
        var data = new
        {
            Schedule = Enumerable.Range(0, 30).Select(j => IterativeFreezing.TargetActive(266_200, 0.02, j, 29)).ToArray(),
            Kappa = new[] { 0.05, 0.02, 0.01 }.Select(s => Significant.Round(IterativeFreezing.Kappa(s, 29))).ToArray(),
            SmartRatios = new[] { 0.05, 0.02, 0.01 }
                .Select(s => Baselines.SmartRatios(RareGemsSettings.DefaultWidths, s).Select(r => Significant.Round(r)).ToArray()).ToArray(),
        };
        Snapshot.Match(data, new SnapshotFullName("schedule-and-smart-ratios.snap", RepoPaths.Snapshots("RareGems")));
    }

    [Fact]
    public void SmallMiningTrace()
    {
        var config = new GemMinerConfig { Density = 0.1, Epochs = 8, FreezeEvery = 2, Lambda = 0.05, LearningRate = 0.05, BatchSize = 32 };
        var trace = SyntheticTask.Trace([16, 12, 8, 4], config, 7);
        var data = new
        {
            Active = Enumerable.Range(0, config.Epochs).Select(trace.Active).ToArray(),
            GemDensity = trace.GemDensity.Select(d => Significant.Round(d)).ToArray(),
            Loss = trace.Result.EpochLoss.Select(l => Significant.Round(l, 4)).ToArray(),
        };
        Snapshot.Match(data, new SnapshotFullName("small-mining-trace.snap", RepoPaths.Snapshots("RareGems")));
    }
}
