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
    [InlineData("--claim", "MC.no-such-claim", "unknown claim 'MC.no-such-claim'; valid claims: MC.")]
    [InlineData("--paper", "ZZ", "unknown paper 'ZZ'")]
    [InlineData("--scale", "huge", "--scale: must be one of smoke, ci, paper")]
    [InlineData("--seed", "-4", "--seed: must be a non-negative integer")]
    [InlineData("--device", "tpu", "--device: must be cpu or cuda")]
    [InlineData("--seed", "abc", "abc")]
    [InlineData("--frobnicate", "1", "--frobnicate")]
    [InlineData("--seed", "NaN", "NaN")]
    [InlineData("--seed", "1.5", "1.5")]
    public void BadInputIsOneClearLineAndExitCode2(string option, string value, string expected)
    {
        using var dir = new TempDir();
        var (code, output, err) = Run("verify", option, value, "--out", dir["out"]);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(dir["out"]), "nothing is written on bad input");
        Assert.DoesNotContain("report", output);
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
}
