using Verification.Core.Numerics;
using Verification.Tests.Support;

namespace Verification.Tests.Numerics;

/// <summary>
/// The log-rank test against the textbook example (Gehan's leukaemia data: Kleinbaum &amp; Klein 2012, ch. 2, O − E and
/// its variance and the statistic 16.79; R <c>survdiff(Surv(time, cens) ~ treat, MASS::gehan)</c> prints Chisq = 16.8,
/// p = 4e-05), the χ²(1) tail against tabulated values, and the exact permutation p-value against a hand count.
/// </summary>
public class LogRankTestTests
{
    [Fact]
    public void GehanLeukaemiaDataGiveTheTextbookStatistic()
    {
        var r = LogRankTest.Compare(SurvivalSamples.SixMp, SurvivalSamples.Placebo);
        Assert.Equal(9, r.ObservedA);
        Assertions.Close(19.25, r.ExpectedA, Tolerance.Abs(5e-3), "E for the 6-MP group (printed 19.25)");
        Assertions.Close(6.2570, r.Variance, Tolerance.Abs(5e-4), "Var(O − E) (printed 6.2570)");
        Assertions.Close(16.79, r.ChiSquare, Tolerance.Abs(5e-3), "log-rank χ² (printed 16.79)");
        Assertions.Close(4.17e-5, r.PValue, Tolerance.Rel(0.01), "χ²(1) p-value");
        Assert.Null(r.ExactPValue);   // C(42, 21) ≈ 5.4e11 relabellings: beyond the enumeration limit
        Assert.Equal(r.ChiSquare, LogRankTest.Compare(SurvivalSamples.Placebo, SurvivalSamples.SixMp).ChiSquare, 12);
    }

    [Theory]
    [InlineData(0.5, 0.479500122186953)]
    [InlineData(1.0, 0.157299207050285)]
    [InlineData(2.0, 0.004677734981047266)]
    [InlineData(-1.0, 1.842700792949715)]
    public void ErfcMatchesTabulatedValues(double x, double expected) =>
        Assertions.Close(expected, LogRankTest.Erfc(x), Tolerance.Rel(2e-7), $"erfc({x})");

    [Fact]
    public void ChiSquareTailIsFivePercentAtTheCriticalValue() =>
        Assertions.Close(0.05, LogRankTest.ChiSquareOneTail(3.841458820694124), Tolerance.Rel(1e-6), "P(χ²(1) ≥ 3.8415)");

    [Fact]
    public void ExactPValueCountsTheRelabellingsAsExtremeAsTheSample()
    {
        // {1, 2} vs {3, 4}, all events: χ² = (7/6)²/(17/36) ≈ 2.882, reached only by the labellings {1, 2} and {3, 4}: 2 of 6
        var r = LogRankTest.Compare(SurvivalSamples.Parse("1 2"), SurvivalSamples.Parse("3 4"));
        Assertions.Close(49.0 / 17, r.ChiSquare, Tolerance.Abs(1e-12), "χ²");
        Assertions.Close(2.0 / 6, r.ExactPValue!.Value, Tolerance.Abs(1e-15), "exact p");
        Assert.Equal(1, LogRankTest.Compare(SurvivalSamples.Parse("5"), SurvivalSamples.Parse("5")).ExactPValue);
    }

    [Fact]
    public void SamplesWithoutEventsAreRejected() =>
        Assert.Throws<ArgumentException>(() => LogRankTest.Compare(SurvivalSamples.Parse("400+"), SurvivalSamples.Parse("400+ 400+")));
}
