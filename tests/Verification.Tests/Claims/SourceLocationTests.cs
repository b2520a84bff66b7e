using System.Runtime.CompilerServices;
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Reporting;
using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Claims;

/// <summary>
/// Every check and measurement knows the line that made it (the compiler's caller information), as a path relative
/// to the repository root: the build maps the root to /_/ (Directory.Build.props), so the location does not depend on
/// where the repository is checked out. A method that forwards (ExpectAtMost → Expect, ExpectAll over items → over
/// cases) keeps its caller's line, not its own.
/// </summary>
public sealed class SourceLocationTests
{
    private const string ThisFile = "tests/Verification.Tests/Claims/SourceLocationTests.cs";

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static string CompiledAs([CallerFilePath] string file = "") => file;

    [Fact]
    public void EachCheckAndMeasurementRecordsItsOwnLineRelativeToTheRepositoryRoot()
    {
        var obs = new Observations();
        int measure = Line(); obs.Measure("n", 3);
        int expect = Line(); obs.Expect("x", 1.0, 1.0, Tolerance.Absolute(0.1));
        int atMost = Line(); obs.ExpectAtMost("y", 0.5, 1);
        int all = Line(); obs.ExpectAll("z", new[] { 1, 2 }, i => $"i={i}", i => i, 0, Tolerance.AtLeast());
        int fact = Line(); obs.Expect("solved", true, "optimal");
        int assume = Line(); obs.AssumeAll("converged", [("a", true)]);
        var outcome = obs.Conclude("ok");

        Assert.Equal($"{ThisFile}:{measure}", outcome.MeasuredSources["n"]);
        Assert.Equal(new[] { expect, atMost, all, fact, assume }.Select(l => $"{ThisFile}:{l}"), outcome.Checks.Select(c => c.Source));
    }

    [Fact]
    public void TheBuildMapsTheRepositoryRootSoNoLocationDependsOnTheCheckout()
    {
        Assert.Equal(SourceLocation.MappedRoot + ThisFile, CompiledAs().Replace('\\', '/'));
        Assert.Equal("src/A.cs:3", SourceLocation.Of("/_/src/A.cs", 3));
        Assert.Equal("src/A.cs:3", SourceLocation.Of("/_/src\\A.cs", 3));   // a Windows build maps C:\repo\ to /_/ and keeps its separators
        Assert.Null(SourceLocation.Of("", 0));
        Assert.True(SourceLocation.TryParse("src/A.cs:31", out var path, out var line));
        Assert.Equal(("src/A.cs", 31), (path, line));
        Assert.False(SourceLocation.TryParse("src/A.cs", out _, out _));
    }

    [Fact]
    public void EverySourceOfARunIsARepositoryPathWhoseLineMakesTheCheck()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run("verify", "--paper", "MC", "--scale", "smoke", "--out", dir["run"]);
        Assert.True(code == 0, err);
        var records = ResultsJson.Load(dir["run"]).Claims;
        var sources = records.SelectMany(r => r.Checks.Select(c => c.Source)
                .Concat(r.NegativeControl!.Checks.Select(c => c.Source))
                .Concat((r.MeasuredSources ?? new Dictionary<string, string>()).Values))
            .ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.True(SourceLocation.TryParse(source, out var path, out var line), $"'{source}' is not path:line");
            Assert.StartsWith("src/", path);
            Assert.Matches(@"\b(Expect\w*|Assume\w*|Measure)\(", File.ReadAllLines(Path.Combine(RepoPaths.Root, path))[line - 1]);
        }
    }
}
