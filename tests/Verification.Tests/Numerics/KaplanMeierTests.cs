using Verification.Core.Numerics;
using Verification.Tests.Support;

namespace Verification.Tests.Numerics;

/// <summary>The Kaplan–Meier estimate against the textbook table of the 6-MP group (Kleinbaum &amp; Klein 2012, ch. 2).</summary>
public class KaplanMeierTests
{
    [Fact]
    public void SixMpCurveMatchesTheTextbookTable()
    {
        var km = KaplanMeier.Estimate(SurvivalSamples.SixMp);
        // (t, n at risk, events, Ŝ) as printed, Ŝ to 4 decimals
        (double T, int N, int D, double S)[] table = [(6, 21, 3, 0.8571), (7, 17, 1, 0.8067), (10, 15, 1, 0.7529), (13, 12, 1, 0.6902),
            (16, 11, 1, 0.6275), (22, 7, 1, 0.5378), (23, 6, 1, 0.4482)];
        Assert.Equal(table.Length, km.Steps.Count);
        for (int i = 0; i < table.Length; i++)
        {
            Assert.Equal((table[i].T, table[i].N, table[i].D), (km.Steps[i].Time, km.Steps[i].AtRisk, km.Steps[i].Events));
            Assertions.Close(table[i].S, km.Steps[i].Survival, Tolerance.Abs(5e-5), $"Ŝ({table[i].T})");
        }
        Assert.Equal(23, km.Median);
        Assert.Equal(1, km.At(5.9));
        Assertions.Close(0.8067, km.At(9), Tolerance.Abs(5e-5), "Ŝ between event times keeps its last value");
    }

    [Fact]
    public void MedianIsUnknownWhileTheCurveStaysAboveOneHalf()
    {
        var km = KaplanMeier.Estimate(SurvivalSamples.Parse("1 2+ 3+ 4+"));
        Assert.Null(km.Median);
        Assertions.Close(0.75, km.At(400), Tolerance.Abs(1e-15), "Ŝ after the last event");
    }

    [Fact]
    public void StepCurveHasTheValueBeforeAndAfterEachEvent()
    {
        var (x, y) = KaplanMeier.Estimate(SurvivalSamples.Parse("10 20 20 30+")).StepCurve(40);
        Assert.Equal([0, 10, 10, 20, 20, 40], x);
        Assert.Equal([1, 1, 0.75, 0.75, 0.25, 0.25], y);
    }

    [Fact]
    public void BadSamplesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate([]));
        Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate([SurvivalTime.Observed(double.NaN)]));
        Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate([SurvivalTime.Observed(-1)]));
    }
}
