using System.Text.Json;
using Verification.Core.Claims;
using Verification.Core.Markov.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

public class ReportWriterTests
{
    private static readonly RunInfo Run = new(Scale.Smoke, 7, "cpu", "test", DateTimeOffset.UnixEpoch);

    private static IReadOnlyList<Evidence> Evidence() =>
        MarkovClaims.All().Select(c => c.Evaluate(Scale.Smoke, 7, ComputeDevice.Cpu)).ToList();

    [Fact]
    public void WritesReportFiguresCsvAndResults()
    {
        using var dir = new TempDir();
        var outDir = dir["run"];
        var files = ReportWriter.Write(outDir, Run, Evidence());

        foreach (var f in files) Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        var png = files.Single(f => f.EndsWith(".png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(outDir, png))[..4]);
        var report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("## MC:", report);
        Assert.Contains($"![{png}]({png})", report);
        Assert.Contains("Negative control", report);
        Assert.Empty(Directory.GetDirectories(dir.Path, ".*partial*"));
    }

    [Fact]
    public void ResultsJsonHasTheStableContract()
    {
        using var dir = new TempDir();
        ReportWriter.Write(dir["run"], Run, Evidence());
        using var doc = JsonDocument.Parse(File.ReadAllText(dir["run/results.json"]));
        var root = doc.RootElement;
        Assert.Equal(ResultsJson.Schema, root.GetProperty("schema").GetString());
        Assert.Equal(7, root.GetProperty("seed").GetInt32());
        Assert.Equal(3, root.GetProperty("summary").GetProperty("holds").GetInt32());
        var claim = root.GetProperty("claims")[0];
        foreach (var key in new[] { "id", "paper", "citation", "arxiv", "statement", "verdict", "reason", "parameters", "measured", "reference", "tolerance", "negativeControl", "files" })
            Assert.True(claim.TryGetProperty(key, out _), key);
        Assert.Equal(JsonValueKind.Number, claim.GetProperty("measured").EnumerateObject().First().Value.ValueKind);
        Assert.Equal("refuted", claim.GetProperty("negativeControl").GetProperty("verdict").GetString());
        Assert.False(claim.TryGetProperty("elapsedSeconds", out _));
    }

    [Fact]
    public void SameSeedGivesByteIdenticalResults()
    {
        using var dir = new TempDir();
        ReportWriter.Write(dir["a"], Run, Evidence());
        ReportWriter.Write(dir["b"], Run with { StartedAt = DateTimeOffset.UtcNow }, Evidence());
        Assert.Equal(File.ReadAllBytes(dir["a/results.json"]), File.ReadAllBytes(dir["b/results.json"]));
    }

    [Fact]
    public void WritingIntoAnExistingFolderReplacesFilesAndLeavesNoStaging()
    {
        using var dir = new TempDir();
        var outDir = dir["run"];
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "results.json"), "stale");
        ReportWriter.Write(outDir, Run, Evidence());
        Assert.StartsWith("{", File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.Empty(Directory.GetDirectories(dir.Path, ".*partial*"));
    }

    [Fact]
    public void NonFiniteNumbersAreWrittenAsNamedLiterals()
    {
        var e = Evidence()[0] with { Measured = new Dictionary<string, double> { ["a"] = double.NaN, ["b"] = double.PositiveInfinity } };
        var json = ResultsJson.Results(Run, [e], _ => []);
        Assert.Contains("\"a\": \"NaN\"", json);
        Assert.Contains("\"b\": \"Infinity\"", json);
    }

    [Fact]
    public void AFileInPlaceOfTheOutputFolderIsAClearError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["file"], "x");
        var e = Assert.Throws<IOException>(() => ReportWriter.EnsureWritable(dir["file"]));
        Assert.Contains("is a file", e.Message);
    }

    [Fact]
    public void SignificantDigitsRounding()
    {
        Assert.Equal(0.123457, Significant.Round(0.1234567));
        Assert.Equal(123457000, Significant.Round(123456789));
        Assert.Equal("inf", Significant.Exact(double.PositiveInfinity));
        Assert.True(double.IsNaN(Significant.Round(double.NaN)));
    }
}
