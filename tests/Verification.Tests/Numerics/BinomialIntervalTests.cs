using Verification.Core.Numerics;
using Verification.Tests.Support;

namespace Verification.Tests.Numerics;

/// <summary>Wilson 95% intervals for the coverage probabilities (spec P1), against Newcombe (1998), Table I.</summary>
public class BinomialIntervalTests
{
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void WilsonMatchesNewcombesTable(int successes, int trials, double low, double high)
    {
        var ci = BinomialInterval.Wilson(successes, trials);
        Assertions.Close(low, ci.Low, Tolerance.Abs(5e-5), "low");
        Assertions.Close(high, ci.High, Tolerance.Abs(5e-5), "high");
        Assertions.Close(successes / (double)trials, ci.Estimate, Tolerance.Abs(1e-15), "estimate");
    }

    [Fact]
    public void AtThreeHundredTrialsTheHalfWidthIsAboutTheSpecsSixPoints()
    {
        var ci = BinomialInterval.Wilson(150, 300);
        Assertions.Close(0.0562, (ci.High - ci.Low) / 2, Tolerance.Abs(1e-4), "half width at p = 1/2");
        var none = BinomialInterval.Wilson(0, 300);
        Assert.Equal(0, none.Low);
        Assertions.Close(3.8415 / 303.8415, none.High, Tolerance.Abs(1e-6), "z²/(n + z²) at 0 successes");
        var all = BinomialInterval.Wilson(300, 300);
        Assert.Equal(1, all.High);
        Assertions.Close(300 / 303.8415, all.Low, Tolerance.Abs(1e-6), "n/(n + z²) at n successes");
    }

    [Fact]
    public void CrossingGivesTheEarliestTheEstimatedAndTheEstablishedIndex()
    {
        var curve = new[] { 0, 100, 255, 268, 285, 300 }.Select(k => BinomialInterval.Wilson(k, 300)).ToArray();
        // 255/300 = 0.85 (interval reaches 0.9? high ≈ 0.888: no), 268/300 ≈ 0.893 (high ≈ 0.925: yes),
        // 285/300 = 0.95 (estimate yes; low ≈ 0.918: established)
        Assert.Equal((3, 4, 4), BinomialInterval.Crossing(curve, 0.9));
        Assert.Equal((-1, -1, -1), BinomialInterval.Crossing(curve.Take(2).ToArray(), 0.9));
        Assert.Equal((0, 0, 0), BinomialInterval.Crossing(curve, 0));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    public void ImpossibleCountsAreRefused(int successes, int trials)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BinomialInterval.Wilson(successes, trials));
        Assert.Contains(trials < 1 ? "trials" : "successes", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ZMustBePositiveAndFinite(double z) =>
        Assert.Contains("z", Assert.Throws<ArgumentOutOfRangeException>(() => BinomialInterval.Wilson(1, 2, z)).Message);
}
