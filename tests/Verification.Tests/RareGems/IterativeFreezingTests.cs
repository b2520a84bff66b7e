using Verification.Core.Numerics;
using Verification.LotteryTickets.RareGems;
using Verification.Tests.Support;

namespace Verification.Tests.RareGems;

/// <summary>The freezing schedule against the spec's numbers (§1) and the exact-k selection (pitfall 3).</summary>
public class IterativeFreezingTests
{
    [Theory]
    // Spec §1: E = 150, T = 5 gives N = 29 and κ ≈ 0.162 / 0.136 / 0.107 for 0.59% / 1.44% / 3.72%.
    [InlineData(0.0059, 0.162)]
    [InlineData(0.0144, 0.136)]
    [InlineData(0.0372, 0.107)]
    public void ScheduleMatchesThePapersConfiguration(double density, double kappa)
    {
        int n = IterativeFreezing.FreezeCount(150, 5);
        Assert.Equal(29, n);
        Assertions.Close(kappa, IterativeFreezing.Kappa(density, n), Tolerance.Abs(5e-4), "κ");
        Assert.True(IterativeFreezing.FreezesAfter(145, 5));
        Assert.False(IterativeFreezing.FreezesAfter(0, 5));
        Assert.False(IterativeFreezing.FreezesAfter(146, 5));
    }

    [Fact]
    public void TargetCountsDecreaseGeometricallyToExactlyRoundedDensity()
    {
        const long d = 266_200;
        var counts = Enumerable.Range(0, 30).Select(j => IterativeFreezing.TargetActive(d, 0.02, j, 29)).ToArray();
        Assert.Equal(d, counts[0]);
        Assert.Equal((long)Math.Round(d * 0.02), counts[29]);
        Assert.True(counts.Zip(counts.Skip(1)).All(p => p.Second < p.First), "strictly decreasing");
        // One freeze removes the fraction κ of the active entries, up to rounding.
        double kappa = IterativeFreezing.Kappa(0.02, 29);
        Assertions.Close(kappa, 1 - (double)counts[10] / counts[9], Tolerance.Abs(1e-4), "κ at freeze 10");
    }

    [Fact]
    public void ExactKSelectionBreaksTiesByIndexAndSkipsFrozenEntries()
    {
        double[] scores = [0.0, 0.0, 0.7, 0.0, 0.2, 0.0, 0.9];
        bool[] active = [true, false, true, true, true, true, true];
        Assert.Equal([0, 3], IterativeFreezing.SelectToFreeze(scores, active, 2));
        Assert.Equal([0, 3, 5, 4], IterativeFreezing.SelectToFreeze(scores, active, 4));
        Assert.Equal([6, 2], IterativeFreezing.SelectToFreeze(scores, active, 2, largest: true));
        // The reference code's threshold rule removes every tie: 3 entries for k = 2.
        Assert.Equal([0, 3, 5], IterativeFreezing.SelectByThreshold(scores, active, 2));
    }

    [Fact]
    public void KBeyondTheActiveCountIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            IterativeFreezing.SelectToFreeze([0.1, 0.2], [true, false], 2));
        Assert.Equal("k", e.ParamName);
    }
}
