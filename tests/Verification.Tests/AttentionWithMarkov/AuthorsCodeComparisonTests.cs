using Verification.Core.Numerics;
using Verification.Transformers.AttentionWithMarkov;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>
/// The comparison of escape times with the authors' code (docs/papers/AM.md): the leave-step rule on a run's curve,
/// the reading of the authors' interval data, and the range of time ratios the log-rank test cannot tell apart.
/// </summary>
public class AuthorsCodeComparisonTests
{
    [Fact]
    public void LeaveStepIsTheStartOfTheLastStretchBelowTheThresholdOnTheAuthorsGrid()
    {
        // a noisy dip at 40 does not count; the run leaves at 130, which is 150 on the T = 1024 grid (every 25 steps)
        (double, double)[] curve = [(0, 0.70), (40, 0.650), (50, 0.666), (120, 0.660), (130, 0.640), (140, 0.62), (400, 0.619)];
        Assert.Equal(SurvivalTime.Observed(150), AuthorsCodeComparison.LeaveTime(curve, 1024));
        Assert.Equal(SurvivalTime.Observed(130), AuthorsCodeComparison.LeaveTime(curve, 256));
    }

    [Fact]
    public void RunStillOnThePlateauIsCensoredAtTheHorizon() =>
        Assert.Equal(SurvivalTime.Censored(400), AuthorsCodeComparison.LeaveTime([(0, 0.70), (200, 0.650), (400, 0.666)], 1024));

    [Fact]
    public void IntervalDataGiveTwoReadingsAndExactDataOne()
    {
        const string csv = "# comment\nlength,seed,earliest,latest,censored\n256,0,170,240,0\n256,1,400,400,1\n1024,0,100,100,0\n1024,1,400,400,1\n";
        var t256 = AuthorsCodeComparison.Authors(csv, 256);
        Assert.Equal(["intervals at their earliest", "intervals at their latest"], t256.Select(r => r.Reading));
        Assert.Equal([SurvivalTime.Observed(170), SurvivalTime.Censored(400)], t256[0].Sample.Times);
        Assert.Equal([SurvivalTime.Observed(240), SurvivalTime.Censored(400)], t256[1].Sample.Times);
        var t1024 = Assert.Single(AuthorsCodeComparison.Authors(csv, 1024));
        Assert.Equal(1, t1024.Sample.Left);
        Assert.Throws<InvalidDataException>(() => AuthorsCodeComparison.Authors(csv, 512));
    }

    [Fact]
    public void CompatibleRatiosBracketOneForTheSameSampleAndExcludeItForAFarOne()
    {
        var ours = Sample(100, 120, 140, 160, 180, 200, 220, 240, 260, 280);
        var same = AuthorsCodeComparison.CompatibleRatios(ours, ours);
        Assert.NotNull(same);
        Assert.InRange(1.0, same.Value.Low, same.Value.High);
        // ten times earlier: only stretching them by ≈ 10 (beyond the grid's factor 4) would make them alike
        Assert.Null(AuthorsCodeComparison.CompatibleRatios(ours, Sample(10, 12, 14, 16, 18, 20, 22, 24, 26, 28)));
    }

    private static LeaveSample Sample(params double[] steps) => new("test", 1024, steps.Select(SurvivalTime.Observed).ToList());
}
