using System.Text.Json;
using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>Seeds with intervals: Wilson bounds, k of n, mean ± sd and range, and the <c>--seeds</c> syntax.</summary>
public class SeedAggregateTests
{
    // Reference values: Wilson (1927) score interval, z = 1.96; e.g. Newcombe (1998), Stat. Med. 17:857, table I
    // (81/263 → 0.2553–0.3662) and the k = 0 / k = n closed forms n/(n + z²).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(0, 5, 0.0, 0.4345)]
    [InlineData(5, 5, 0.5655, 1.0)]
    [InlineData(8, 10, 0.4902, 0.9433)]
    public void WilsonIntervalMatchesPublishedValues(int k, int n, double low, double high)
    {
        var (l, h) = SeedAggregate.Wilson(k, n);
        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    private static ClaimRecord Record(int seed, Verdict verdict, double x, double y = 7) =>
        Records.Claim("MC.a", verdict, seed: seed) with { Measured = Records.Map(("x", x), ("y", y)) };

    [Fact]
    public void AggregateCountsSeedsAsRecordedAndSummarisesOnlyVaryingMeasurements()
    {
        var a = SeedAggregate.Of([Record(1, Verdict.Holds, 1), Record(2, Verdict.Refuted, 2), Record(3, Verdict.Holds, 3), Record(4, Verdict.NotRun, 0)], needed: 2);
        Assert.Equal((2, 3, 2), (a.K, a.N, a.Needed));
        Assert.True(a.AsRecorded);
        var x = Assert.Single(a.Varying); // y is the same at every seed
        Assert.Equal(("x", 2.0, 1.0, 1.0, 3.0), (x.Name, x.Mean, x.Sd, x.Min, x.Max));
        Assert.False(SeedAggregate.Of([Record(1, Verdict.Holds, 1), Record(2, Verdict.Refuted, 2)], needed: null).AsRecorded);
    }

    [Theory]
    [InlineData("1-5", new[] { 1, 2, 3, 4, 5 })]
    [InlineData("1,3,7", new[] { 1, 3, 7 })]
    [InlineData("1-3, 9", new[] { 1, 2, 3, 9 })]
    [InlineData("4-4", new[] { 4 })]
    [InlineData("2147483646-2147483647", new[] { 2147483646, 2147483647 })]   // an int counter would wrap past the end and never stop
    public void SeedsAcceptRangesAndLists(string text, int[] expected) => Assert.Equal(expected, SeedRange.Parse(text));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("1,,2", "empty item")]
    [InlineData("5-1", "reversed")]
    [InlineData("a-3", "not a non-negative integer")]
    [InlineData("1-x", "not a non-negative integer")]
    [InlineData("-2", "not a non-negative integer")]
    [InlineData("1.5", "not a non-negative integer")]
    [InlineData("0-2147483647", "more than 1000 seeds")]   // its size overflows an int: it must not pass the limit as a negative count
    public void BadSeedsAreAClearErrorWithExitTwo(string text, string message)
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run("verify", "--paper", "MC", "--scale", "smoke", "--seeds", text, "--out", dir["o"]);
        Assert.Equal(2, code);
        Assert.Contains("--seeds: ", err);
        Assert.Contains(message, err);
        Assert.False(Directory.Exists(dir["o"]));
    }

    [Fact]
    public void AMultiSeedReportHasTheAggregateInItsSummaryAndResultsKeepPerSeedRecords()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run("verify", "--claim", "MC.plug-in-entropy-rate-converges", "--scale", "smoke", "--seeds", "1-3", "--out", dir["o"]);
        Assert.True(code == 0, err);
        var report = File.ReadAllText(dir["o/report.md"]);
        Assert.Contains("### Over seeds", report);
        Assert.Contains("| `MC.plug-in-entropy-rate-converges` | 1: holds, 2: holds, 3: holds | 3 of 3 | [0.44, 1.00] | 3 | as recorded |", report);
        Assert.Contains(" ± ", report);
        using var results = JsonDocument.Parse(File.ReadAllText(dir["o/results.json"]));
        Assert.Equal([1, 2, 3], results.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("seed").GetInt32()));
    }
}
