using Verification.Transformers.AttentionWithMarkov;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>Escape-time statistics with right-censored runs (null: still on the plateau at the horizon).</summary>
public class EscapeSampleTests
{
    private static readonly EscapeSample Mixed = new("arm", [310, 260, null, 170, 220, 240, null, null, null, 180], 400);

    [Fact]
    public void QuantilesCountCensoredRunsAsLatest()
    {
        Assert.Equal(6, Mixed.Escaped);
        Assert.Equal(170, Mixed.Quantile(0.1));
        Assert.Equal(220, Mixed.Quantile(0.25));          // ⌈2.5⌉ = 3rd smallest
        Assert.Equal(260, Mixed.Quantile(0.5));           // 5th smallest
        Assert.Null(Mixed.Quantile(0.75));                 // 8th: a censored run
        Assert.Equal(260, Mixed.MedianOrHorizon);
    }

    [Fact]
    public void CensoredMedianIsTheHorizonAsALowerBound()
    {
        var stuck = new EscapeSample("stuck", [null, 300, null], 400);
        Assert.Null(stuck.Quantile(0.5));
        Assert.Equal(400, stuck.MedianOrHorizon);
        Assert.Contains("median > 400", stuck.Summary);
    }

    /// <summary>An arm stopped once more than half of its n seeds are censored has a censored median of its own.</summary>
    [Theory]
    [InlineData(10, 6, 0)]
    [InlineData(10, 6, 2)]
    [InlineData(10, 6, 4)]
    [InlineData(20, 11, 9)]
    [InlineData(7, 4, 3)]
    public void ASampleStoppedAtMoreThanHalfCensoredHasACensoredMedian(int seeds, int censored, int escaped)
    {
        Assert.True(censored >= seeds - (int)Math.Ceiling(0.5 * seeds) + 1 && censored + escaped <= seeds);
        var steps = Enumerable.Repeat<int?>(100, escaped).Concat(Enumerable.Repeat<int?>(null, censored)).ToList();
        var stopped = new EscapeSample("s", steps, 400);
        Assert.Null(stopped.Quantile(0.5));
        Assert.Equal(400, stopped.MedianOrHorizon);
    }

    [Fact]
    public void SurvivalCurveStepsDownAtEachEscape()
    {
        var s = new EscapeSample("s", [100, null, 100, 300], 400).Survival();
        Assert.Equal([0.0, 100, 100, 300, 300, 400], s.X);
        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.25, 0.25], s.Y);
    }

    [Fact]
    public void QuantileRejectsOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixed.Quantile(0));
}
