using Spectre.Console;
using Spectre.Console.Testing;
using Verification.Cli;
using Verification.Tests.Support;

namespace Verification.Tests.Cli;

/// <summary>The `verify` command end to end, in process: exit codes, one-line errors, files.</summary>
public class VerifyCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var console = new TestConsole();
        var err = new StringWriter();
        int code = Program.Run(args, console, err);
        return (code, console.Output, err.ToString());
    }

    [Fact]
    public void RunsSelectedClaimsAndWritesTheReport()
    {
        using var dir = new TempDir();
        var (code, output, err) = Run("verify", "--paper", "MC", "--scale", "smoke", "--seed", "3", "--out", dir["out"]);
        Assert.True(code == 0, err + output);
        Assert.Contains("MC.plug-in-entropy-rate-converges", output);
        Assert.True(File.Exists(dir["out/report.md"]));
        Assert.True(File.Exists(dir["out/results.json"]));
    }

    [Fact]
    public void ListShowsEveryClaimWithItsStatement()
    {
        var (code, output, _) = Run("verify", "--list");
        Assert.Equal(0, code);
        foreach (var id in ClaimCatalog.Create().Ids) Assert.Contains(id, output);
    }

    [Theory]
    [InlineData("--claim", "MC.no-such-claim", "verify: error: --claim: unknown claim 'MC.no-such-claim'; did you mean ")]
    [InlineData("--paper", "ZZ", "unknown paper 'ZZ'")]
    [InlineData("--scale", "huge", "--scale: must be one of smoke, ci, paper")]
    [InlineData("--seed", "-4", "--seed: must be a non-negative integer")]
    [InlineData("--device", "tpu", "--device: must be cpu or cuda")]
    [InlineData("--seed", "abc", "--seed: must be a non-negative integer (got 'abc')")]
    [InlineData("--frobnicate", "1", "--frobnicate")]
    [InlineData("--seed", "NaN", "NaN")]
    [InlineData("--seed", "1.5", "1.5")]
    [InlineData("--jobs", "0", "--jobs: must be a positive whole number (got '0')")]
    [InlineData("--shards", "0", "--shards: must be a positive integer (got '0')")]
    [InlineData("--format", "xml", "--format: unknown format 'xml'; valid formats: text, markdown, json")]
    [InlineData("--scale", "", "--scale: must be one of smoke, ci, paper (got '')")]
    public void BadInputIsOneClearLineAndExitCode2(string option, string value, string expected)
    {
        using var dir = new TempDir();
        var (code, output, err) = Run("verify", option, value, "--out", dir["out"]);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.DoesNotContain("System.", err);
        Assert.True(err.Length < 300, $"{err.Length} characters: {err}");
        Assert.False(Directory.Exists(dir["out"]), "nothing is written on bad input");
        Assert.False(Directory.Exists(dir["out.partial"]), "nothing is written on bad input");
        Assert.DoesNotContain("report", output);
    }

    [Fact]
    public void TheParsersOwnMessagesAreKeptAsOneLine()
    {
        var (code, _, err) = Run("verify", "--scale", "ci", "--scale", "smoke");
        Assert.Equal(2, code);
        Assert.Equal("verify: error: Option '--scale' expects a single argument but 2 were provided.", err.TrimEnd());
        var twice = Run("verify", "--seeds", "1-3", "--seeds", "5");   // a list is one token: not silently the last one
        Assert.Equal("verify: error: Option '--seeds' expects a single argument but 2 were provided.", twice.Err.TrimEnd());
        var missing = Run("rd", "--out", "unused");
        Assert.Equal(2, missing.Code);
        Assert.Equal("rd: error: Option '--data' is required.", missing.Err.TrimEnd());
    }

    [Fact]
    public void CudaWithoutACudaBackendIsAClearError()
    {
        using var dir = new TempDir();
        var (code, _, err) = Run("verify", "--device", "cuda", "--out", dir["out"]);
        Assert.Equal(2, code);
        Assert.Contains("CUDA", err);
    }

    [Fact]
    public void AnUnwritableOutputIsAClearError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["blocker"], "a file, not a folder");
        var (code, _, err) = Run("verify", "--claim", "MC.stationary-distribution-is-invariant", "--out", Path.Combine(dir["blocker"], "out"));
        Assert.Equal(2, code);
        Assert.Contains("--out", err);
    }

    [Fact]
    public void AnUnknownClaimSuggestsTheThreeClosestIds()
    {
        var (code, _, err) = Run("verify", "--claim", "MC.plugin-entropy-rate-converge");
        Assert.Equal(2, code);
        Assert.Contains("did you mean MC.plug-in-entropy-rate-converges, ", err);
        Assert.Contains("? (verify --list shows every claim)", err);
        var ids = err.Split("did you mean ")[1].Split('?')[0].Split([", ", " or "], StringSplitOptions.None);
        Assert.Equal(3, ids.Length);
    }

    [Fact]
    public void AnUnknownClaimThatIsAPrefixSuggestsTheClaimsItStarts()
    {
        var (_, _, err) = Run("verify", "--claim", "MC.stationary");
        Assert.Contains("did you mean MC.stationary-distribution-is-invariant, ", err);
    }

    [Fact]
    public void TheConsoleEndsWithTotalsAndSaysWhyClaimsAreNotRunAtSmokeScale()
    {
        using var dir = new TempDir();
        var (code, output, err) = Run("verify", "--claim", "MC.stationary-distribution-is-invariant", "--claim", "RG.gem-accurate-at-init",
            "--scale", "smoke", "--out", dir["out"]);
        Assert.True(code == 0, err + output);
        Assert.Contains("1 hold · 0 refuted (recorded) · 0 inconclusive · 1 not run", output);
        Assert.Contains("1 claim not run at scale smoke (too small to check honestly; use --scale ci).", output);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length <= 80 || line.StartsWith("Report:"), line));
        Assert.Contains("holds    MC.stationary-distribution-is-invariant@1  control refuted", output);
    }

    [Fact]
    public void RdErrorsArePrefixedWithRdAndNameTheFileLine()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["data.jsonl"], """{"context": "0101", "query": "Compute the parity.", "answer": "0"}""" + "\n" + "{oops\n");
        var (code, _, err) = Run("rd", "--data", dir["data.jsonl"], "--out", dir["out"]);
        Assert.Equal(2, code);
        Assert.StartsWith("rd: error: --data: ", err);
        Assert.Contains("data.jsonl:2: not a JSON object (column 2:", err);
        Assert.DoesNotContain("LineNumber", err);
    }

    [Fact]
    public void BreakpointsThatDifferByFloatNoiseAreWrittenOnce()
    {
        var grid = RdCommand.Breakpoints([0.14714947089947095, 0.1471494708994709, 0.5, 1.0, 1 - 1e-15, 0.2]);
        Assert.Equal([0.1471494708994709, 0.2, 0.5, 1.0], grid);
    }
}
