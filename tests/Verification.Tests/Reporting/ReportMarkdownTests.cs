using System.Text.Json;
using Snapshooter;
using Snapshooter.Xunit;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// report.md of a small hand-made run that contains every case the report once got wrong: non-ASCII parameters
/// (written as JSON escapes), a control description that repeats its label, a recorded finding, a claim not run, a
/// quantity with "|" in its name, a one-sided bound, tiny and huge numbers. Snapshot under snapshots/Reporting, plus
/// explicit assertions that each defect is gone.
/// </summary>
public class ReportMarkdownTests
{
    private static readonly RunInfo Run = new(Scale.Smoke, [1], "cpu", "test", DateTimeOffset.UnixEpoch);

    private static SortedDictionary<string, double> Map(params (string Key, double Value)[] items) =>
        new(items.ToDictionary(i => i.Key, i => i.Value), StringComparer.Ordinal);

    private static ClaimRecord Record(string id, string verdict, string recorded = "holds") => new(
        id, "LG", "makkuva2024local", "2406.03072", "Local to Global", "§3, Thm 1", "b* is a stationary point.", "smoke", 1,
        "cpu", "test", "hash", verdict, "max |πP − π| = 1.11E-016 ≤ 1E-012 (and 1.11022E-16) over 81 chains", recorded,
        new SortedDictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["bound"] = JsonSerializer.SerializeToElement("|x − y| ≤ 2π × 10⁻³"),
            ["sizes"] = JsonSerializer.SerializeToElement(new[] { 0.1, 1e-16 }),
            ["steps"] = JsonSerializer.SerializeToElement(250000000),
        },
        Map(("max|b*-argmin|/tolerance", 0.155201234), ("gap", 1.1102230246251565e-16), ("loss", 0.5), ("count", 0)),
        [
            new CheckRecord("max|b*-argmin|/tolerance", 0.155201234, 1, "at-most", 0, null, true, null),
            new CheckRecord("loss", 0.5, 0.5, "absolute", 0.01, null, true, null),
            new CheckRecord("count", 0, 0, "absolute", 0, null, true, null),
            new CheckRecord("chains-sampled", 1, 1, "true", 0, null, true, "81 chains on the grid"),
        ],
        new ControlRecord("positive control: the construction for which the check holds", "holds", "within tolerance", Map(), []),
        []);

    private static string Report() => ReportMarkdown.Render(Run,
    [
        Record("LG.optimal-bias-is-stationary", "holds"),
        Record("LG.tied-training-ends-elsewhere", "refuted", recorded: "refuted"),
        Record("LG.not-at-this-scale", "not-run") with { Measured = Map(), NegativeControl = null },
    ]);

    [Fact]
    public void SmallReport() =>
        Snapshot.Match(Report().Split('\n'), new SnapshotFullName("small-report.snap", RepoPaths.Snapshots("Reporting")));

    [Fact]
    public void TheReportHasNoneOfTheFormattingDefects()
    {
        var md = Report();
        Assert.DoesNotContain("\\u", md);                                  // real Unicode, no JSON escapes
        Assert.Contains("|x − y| ≤ 2π × 10⁻³", md);
        Assert.DoesNotContain("not-run", md);                              // one spelling per verdict
        Assert.Contains("not run", md);
        Assert.DoesNotContain("control:** positive control", md, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("**Positive control:** The construction", md);
        Assert.Contains(@"| max\|b*-argmin\|/tolerance | 0.155201 | ≤ 1 | — | yes |", md);   // escaped cell, one-sided bound
        Assert.DoesNotContain("vs 0", md);
        Assert.Contains("| gap | 1.11022e-16 |", md);                     // one number format
        Assert.Contains("steps = 2.5e8", md);
        Assert.DoesNotContain("E-", md);
        Assert.Contains("max |πP − π| = 1.11e-16 ≤ 1e-12 (and 1.11022e-16) over 81 chains", md);
        Assert.Contains("**1 hold · 1 refuted (recorded) · 0 inconclusive · 1 not run.**", md);
    }

    [Theory]
    [InlineData(0.155201234, "0.155201")]
    [InlineData(1.1102230246251565e-16, "1.11022e-16")]
    [InlineData(-2.5e8, "-2.5e8")]
    [InlineData(123456.7, "123457")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.0, "0")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(8.89e-1, "0.889")]
    public void OneNumberFormat(double x, string expected) => Assert.Equal(expected, Significant.Text(x));
}
