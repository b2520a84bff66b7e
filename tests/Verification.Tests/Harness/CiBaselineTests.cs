using System.Diagnostics;
using System.Text.Json.Nodes;
using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;
using Verification.Tests.Claims;
using Verification.Tests.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>
/// CI's regression check (.ci/run): the test suite's CI-scale run, written as a run folder, is compared with the
/// committed baseline results/ci by .ci/compare-baseline. The folder the suite writes equals verify's byte for byte; a
/// baseline with a flipped verdict fails the comparison and says how to refresh it; moved values are listed.
/// </summary>
public sealed class CiBaselineTests
{
    private static readonly string Baseline = Path.Combine(RepoPaths.Root, "results", "ci");

    /// <summary>Runs .ci/compare-baseline with the CLI of this test build.</summary>
    private static (int Code, string Output) CompareBaseline(string baseline, string run)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, ".ci", "compare-baseline"), baseline, run])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["VERIFY"] = Path.Combine(AppContext.BaseDirectory, "Verification.Cli");
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd() + stderr.Result;
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    /// <summary>A copy of the baseline's results.json with <paramref name="edit"/> applied to one claim.</summary>
    private static string Sabotaged(TempDir dir, Action<JsonObject> edit, out string key)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Baseline, "results.json")))!.AsObject();
        var claim = root["claims"]!.AsArray().OfType<JsonObject>().First(c => c["verdict"]!.GetValue<string>() == "holds"
            && c["checks"]!.AsArray().OfType<JsonObject>().Any(k => k["tolerance"]!["kind"]!.GetValue<string>() == "absolute"));
        key = $"{claim["id"]}@{claim["seed"]}";
        edit(claim);
        Directory.CreateDirectory(dir["sabotaged"]);
        File.WriteAllText(dir["sabotaged/results.json"], root.ToJsonString());
        return dir["sabotaged"];
    }

    [Fact]
    public void TheCommittedBaselineIsACiScaleRunWithSourceLines()
    {
        ResultsSchema.AssertValidFile(Baseline);
        var doc = ResultsJson.Load(Baseline);
        Assert.Equal("ci", doc.Scale);
        Assert.Equal([RegisteredClaimsTests.Seed], doc.Seeds);
        Assert.NotEmpty(doc.Claims);
        Assert.All(doc.Claims.SelectMany(c => c.Checks), c => Assert.NotNull(c.Source));
        Assert.False(Directory.Exists(Path.Combine(Baseline, RunDirectory.ClaimsFolderName)), "the baseline keeps results.json, not the claim records");
        Assert.Empty(Directory.EnumerateFiles(Baseline, "*.png"));
    }

    [Fact]
    public void TheBaselineComparedWithItselfPasses()
    {
        var (code, output) = CompareBaseline(Baseline, Baseline);
        Assert.True(code == 0, output);
        Assert.Contains("no verdict changed", output);
    }

    [Fact]
    public void AFlippedVerdictInTheBaselineFailsTheComparisonAndNamesTheRefresh()
    {
        using var dir = new TempDir();
        var sabotaged = Sabotaged(dir, c => c["verdict"] = "refuted", out var key);
        var (code, output) = CompareBaseline(sabotaged, Baseline);
        Assert.True(code == 1, output);
        Assert.Contains($"| verdict changed | `{key}` | verdict | refuted | holds |", output);
        Assert.Contains(".ci/refresh-baseline", output);
    }

    [Fact]
    public void AValueMovedBeyondItsToleranceIsListedWithoutFailing()
    {
        using var dir = new TempDir();
        var sabotaged = Sabotaged(dir, c =>
        {
            var check = c["checks"]!.AsArray().OfType<JsonObject>().First(k => k["tolerance"]!["kind"]!.GetValue<string>() == "absolute");
            check["measured"] = check["measured"]!.GetValue<double>() + 10 * check["tolerance"]!["value"]!.GetValue<double>() + 1;
        }, out var key);
        var (code, output) = CompareBaseline(sabotaged, Baseline);
        Assert.True(code == 0, output);
        Assert.Contains($"| moved beyond tolerance | `{key}` |", output);
    }

    [Fact]
    public void TheSuitesRunFolderEqualsVerifysByteForByte()
    {
        using var dir = new TempDir();
        var registry = ClaimCatalog.Create();
        string[] ids = ["MC.stationary-distribution-is-invariant", "PC.weak-duality"];   // registry order
        var evidence = ids.Select(id => registry.Get(id).Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu)).ToList();
        CiScaleRun.Write(dir["suite"], Scale.Smoke, 1, evidence, registry);
        var (code, _, err) = CliRun.Run(["verify", "--scale", "smoke", .. ids.SelectMany(id => new[] { "--claim", id }), "--out", dir["cli"]]);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(dir["cli/results.json"]), File.ReadAllText(dir["suite/results.json"]));
    }
}
