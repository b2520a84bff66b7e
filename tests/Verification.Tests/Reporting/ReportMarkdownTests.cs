using System.Text.Json;
using Snapshooter;
using Snapshooter.Xunit;
using Verification.Core.Claims;
using Verification.Core.Numerics;
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

    private static ClaimRecord Record(string id, Verdict verdict, Verdict recorded = Verdict.Holds) => Records.Claim(id, verdict, recorded) with
    {
        Citation = "makkuva2024local", Arxiv = "2406.03072", PaperTitle = "Local to Global", Section = "§3, Thm 1",
        Statement = "b* is a stationary point.", Reason = "max |πP − π| = 1.11E-016 ≤ 1E-012 (and 1.11022E-16) over 81 chains",
        Parameters = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["bound"] = JsonSerializer.SerializeToElement("|x − y| ≤ 2π × 10⁻³"),
            ["sizes"] = JsonSerializer.SerializeToElement(new[] { 0.1, 1e-16 }),
            ["steps"] = JsonSerializer.SerializeToElement(250000000),
        },
        Measured = Records.Map(("max|b*-argmin|/tolerance", 0.155201234), ("gap", 1.1102230246251565e-16), ("loss", 0.5), ("count", 0),
            ("max-err", 1e-13)),
        Checks =
        [
            Records.Check("max|b*-argmin|/tolerance", 0.155201234, 1, Tolerance.AtMost()),
            Records.Check("loss", 0.5, 0.5, Tolerance.Absolute(0.01)),
            Records.Check("count", 0, 0, Tolerance.Absolute(0)),
            Records.Check("chains-sampled", 1, 1, Tolerance.IsTrue, "81 chains on the grid"),
            Records.Check("max-err", 1e-13, 0, Tolerance.Absolute(1e-12)) with { Over = 81, Failing = 0, Worst = "p=0.5,q=0.8" },
            Records.Check("flow-converged", 1, 1, Tolerance.IsTrue) with { Assumption = true },
        ],
        NegativeControl = new ControlRecord("positive control: the construction for which the check holds", Verdict.Holds, "within tolerance",
            Records.Map(), []),
    };

    private static string Report() => ReportMarkdown.Render(Run,
    [
        Record("LG.optimal-bias-is-stationary", Verdict.Holds),
        Record("LG.tied-training-ends-elsewhere", Verdict.Refuted, recorded: Verdict.Refuted),
        Record("LG.not-at-this-scale", Verdict.NotRun) with { Measured = Records.Map(), NegativeControl = null },
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
        Assert.Contains("| max-err (∀ 81; worst p=0.5,q=0.8) | 1e-13 | = 0 | ± 1e-12 | yes |", md);   // a quantifier names its worst case
        Assert.Contains("| flow-converged (assumption) | true | true | — | yes |", md);
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
