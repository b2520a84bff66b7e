using Spectre.Console.Testing;
using Verification.Cli;
using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

/// <summary>The `rd` command end to end, in process: files, header, inf below R0, exit code 2 on bad usage.</summary>
public class RdCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var console = new TestConsole();
        var err = new StringWriter();
        int code = Program.Run(args, console, err);
        return (code, console.Output, err.ToString());
    }

    private static string WriteData(TempDir dir)
    {
        var path = dir["data.jsonl"];
        File.WriteAllText(path, PromptDataset.ToJsonl(SyntheticDataset.Generate(SyntheticSplit.Smoke, new Rng(7))));
        return path;
    }

    [Fact]
    public void WritesTheCurvesAtRequestedRatesWithInfBelowR0()
    {
        using var dir = new TempDir();
        var (code, output, err) = Run("rd", "--data", WriteData(dir), "--loss", "zero-one", "--rates", "0.1,0.5,1", "--out", dir["out"]);
        Assert.True(code == 0, err + output);
        var lines = File.ReadAllLines(dir["out/distortion-rate.csv"]);
        Assert.Equal("rate,agnostic,aware", lines[0]);
        Assert.Equal("0.1,inf,inf", lines[1]);
        var mid = lines[2].Split(',').Select(double.Parse).ToArray();
        Assert.True(mid[2] <= mid[1], lines[2]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("method,query_aware,knob,rate,distortion,limit,gap", File.ReadAllText(dir["out/compressors.csv"]));
        Assert.True(new FileInfo(dir["out/distortion-rate.png"]).Length > 1000);
    }

    [Fact]
    public void WithoutRatesTheCurvesAreWrittenAtTheirBreakpoints()
    {
        using var dir = new TempDir();
        var (code, _, err) = Run("rd", "--data", WriteData(dir), "--candidates", "all-shorter", "--out", dir["out"]);
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(dir["out/distortion-rate.csv"]).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.True(rows.Length > 5);
        Assert.Equal("1", rows[^1][0]);
        Assert.All(rows, r => Assert.NotEqual("inf", r[1]));
    }

    [Theory]
    [InlineData("--rates", "0.2,abc", "--rates: 'abc' is not a rate in [0, 1]")]
    [InlineData("--rates", "1.5", "--rates: '1.5' is not a rate in [0, 1]")]
    [InlineData("--rates", "NaN", "--rates: 'NaN' is not a rate in [0, 1]")]
    [InlineData("--loss", "l2", "--loss: must be log or zero-one")]
    [InlineData("--candidates", "all", "--candidates: must be subsequences or all-shorter")]
    [InlineData("--black-box", "gpt", "--black-box: must be oracle or model")]
    public void BadUsageIsOneLineAndExitCode2AndWritesNothing(string option, string value, string expected)
    {
        using var dir = new TempDir();
        var (code, _, err) = Run("rd", "--data", WriteData(dir), option, value, "--out", dir["out"]);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Theory]
    [InlineData("""{"context": "01x1", "query": "Compute the parity.", "answer": "0"}""", "data.jsonl:2: field 'context' has the non-binary token 'x'")]
    [InlineData("""{"context": "0101", "query": "Sum the bits.", "answer": "0"}""", "field 'query' is 'Sum the bits.', a query the oracle does not know")]
    [InlineData("", "the dataset is empty")]
    public void BadDataIsOneLineAndExitCode2(string secondLine, string expected)
    {
        using var dir = new TempDir();
        var path = dir["data.jsonl"];
        File.WriteAllText(path, secondLine.Length == 0 ? "\n" : """{"context": "0101", "query": "Compute the parity.", "answer": "0"}""" + "\n" + secondLine + "\n");
        var (code, _, err) = Run("rd", "--data", path, "--out", dir["out"]);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void TheModelBlackBoxGivesFiniteCurvesAndRejectsTooLongPrompts()
    {
        using var dir = new TempDir();
        var (code, _, err) = Run("rd", "--data", WriteData(dir), "--black-box", "model", "--rates", "0.5,1", "--out", dir["out"]);
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(dir["out/distortion-rate.csv"]);
        Assert.All(lines.Skip(1), l => Assert.DoesNotContain("inf", l));
        var methods = File.ReadAllText(dir["out/compressors.csv"]);
        Assert.Contains("\"LLMLingua (trained LM)\",false,", methods);
        Assert.Contains("\"QuerySelect (trained)\",true,", methods);
        var path = dir["long.jsonl"];
        File.WriteAllText(path, $$"""{"context": "{{new string('0', 13)}}", "query": "Compute the parity.", "answer": "0"}""" + "\n");
        var bad = Run("rd", "--data", path, "--black-box", "model", "--out", dir["out2"]);
        Assert.Equal(2, bad.Code);
        Assert.Contains("at most 12 tokens", bad.Err);
    }

    [Fact]
    public void MissingDataOrOutputIsAUsageError()
    {
        using var dir = new TempDir();
        Assert.Contains("--data", Run("rd", "--out", dir["out"]).Err);
        Assert.Contains("--out", Run("rd", "--data", WriteData(dir)).Err);
        Assert.Equal(2, Run("rd", "--data", dir["missing.jsonl"], "--out", dir["out"]).Code);
    }
}
