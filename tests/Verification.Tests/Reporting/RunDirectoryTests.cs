using System.Text.Json;
using Verification.Core.Claims;
using Verification.Markov;
using Verification.Core.Reporting;
using Verification.Core.Runtime;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

public class RunDirectoryTests
{
    private static readonly RunInfo Run = new(Scale.Smoke, [7], "cpu", "test", DateTimeOffset.UnixEpoch);

    private static IReadOnlyList<Evidence> Evidence() =>
        MarkovClaims.All().Select(c => c.Evaluate(Scale.Smoke, 7, ComputeDevice.Cpu)).ToList();

    [Fact]
    public void WritesReportFiguresCsvRecordsAndResults()
    {
        using var dir = new TempDir();
        var outDir = dir["run"];
        var records = RunDirectory.Write(outDir, Run, Evidence());
        ResultsSchema.AssertValidFile(outDir);

        foreach (var f in records.SelectMany(r => r.Files)) Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        foreach (var r in records) Assert.True(File.Exists(Path.Combine(outDir, "claims", r.Key + ".json")), r.Key);
        var png = records.SelectMany(r => r.Files).Single(f => f.EndsWith(".png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(outDir, png))[..4]);
        var report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("## MC:", report);
        Assert.Contains($"![{png}]({png})", report);
        Assert.Contains("Negative control", report);
        Assert.True(File.Exists(Path.Combine(outDir, "timings.json")));
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void ResultsJsonHasTheStableContract()
    {
        using var dir = new TempDir();
        RunDirectory.Write(dir["run"], Run, Evidence());
        ResultsSchema.AssertValidFile(dir["run"]);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir["run/results.json"]));
        var root = doc.RootElement;
        Assert.Equal(ResultsJson.Schema, root.GetProperty("schema").GetString());
        Assert.Equal(7, root.GetProperty("seeds")[0].GetInt32());
        Assert.Equal(3, root.GetProperty("summary").GetProperty("holds").GetInt32());
        var claim = root.GetProperty("claims")[0];
        foreach (var key in new[] { "id", "paper", "citation", "arxiv", "paperTitle", "statement", "seed", "verdict", "reason", "parameters", "measured", "checks", "negativeControl", "files", "configHash" })
            Assert.True(claim.TryGetProperty(key, out _), key);
        // The run's, not the claim's: the code version is at the top, the seconds are in timings.json.
        foreach (var key in new[] { "codeVersion", "elapsedSeconds", "key", "asRecorded" })
            Assert.False(claim.TryGetProperty(key, out _), key);
        Assert.Equal(JsonValueKind.Number, claim.GetProperty("measured").EnumerateObject().First().Value.ValueKind);
        Assert.Equal("refuted", claim.GetProperty("negativeControl").GetProperty("verdict").GetString());
        Assert.False(claim.TryGetProperty("reference", out _));   // schema 2: the checks replaced reference/tolerance
        Assert.Equal(JsonValueKind.Array, claim.GetProperty("checks").ValueKind);
        Assert.Equal(JsonValueKind.Array, claim.GetProperty("negativeControl").GetProperty("checks").ValueKind);
    }

    [Fact]
    public void SameSeedGivesByteIdenticalResults()
    {
        using var dir = new TempDir();
        RunDirectory.Write(dir["a"], Run, Evidence());
        RunDirectory.Write(dir["b"], Run with { StartedAt = DateTimeOffset.UtcNow }, Evidence());
        ResultsSchema.AssertValidFile(dir["a"]);
        Assert.Equal(File.ReadAllBytes(dir["a/results.json"]), File.ReadAllBytes(dir["b/results.json"]));
    }

    [Fact]
    public void RecordsRoundTripAndCorruptOnesAreNeverTrusted()
    {
        using var dir = new TempDir();
        var records = RunDirectory.Write(dir["run"], Run, Evidence());
        var run = RunDirectory.ForReading(dir["run"]);
        var loaded = run.TryLoad(records[0].Key);
        Assert.NotNull(loaded);
        Assert.Equal(records[0].ToJson(), loaded!.ToJson());
        using (var stored = JsonDocument.Parse(File.ReadAllText(run.RecordPath(records[0].Key))))
        {
            Assert.Equal("test", stored.RootElement.GetProperty("codeVersion").GetString());   // a claim file says which code made it
            Assert.False(stored.RootElement.TryGetProperty("asRecorded", out _));                // derived, never stored
        }
        File.WriteAllText(run.RecordPath(records[0].Key), File.ReadAllText(run.RecordPath(records[0].Key)).Replace("\"verdict\": \"holds\"", "\"verdict\": \"passed\""));
        Assert.Null(run.TryLoad(records[0].Key));                                        // not a verdict

        File.WriteAllText(run.RecordPath(records[0].Key), "{\"id\": \"MC.x\", ");   // truncated
        Assert.Null(run.TryLoad(records[0].Key));
        File.WriteAllText(run.RecordPath(records[2].Key), "[]");                        // wrong shape
        Assert.Null(run.TryLoad(records[2].Key));
        var withFigure = records.Single(r => r.Files.Count > 0);
        File.Delete(Path.Combine(dir["run"], withFigure.Files[0]));                     // a listed file is gone
        Assert.Null(run.TryLoad(withFigure.Key));
        Assert.Null(run.TryLoad("MC.never@1"));
    }

    [Fact]
    public void NonFiniteNumbersAreWrittenAsNamedLiterals()
    {
        var e = Evidence()[0] with { Measured = new Dictionary<string, double> { ["a"] = double.NaN, ["b"] = double.PositiveInfinity } };
        var json = ResultsJson.Results(Run, [ClaimRecord.From(e, "test", [])]);
        ResultsSchema.AssertValid(json, "results.json");
        Assert.Contains("\"a\": \"NaN\"", json);
        Assert.Contains("\"b\": \"Infinity\"", json);
    }

    [Fact]
    public void ConfigHashChangesWithEveryIngredient()
    {
        var p = new Dictionary<string, object> { ["n"] = 3 };
        var h = ClaimRecord.ConfigHashOf("MC.a", p, Scale.Ci, 1, "cpu", "v1");
        Assert.Equal(h, ClaimRecord.ConfigHashOf("MC.a", new Dictionary<string, object> { ["n"] = 3 }, Scale.Ci, 1, "cpu", "v1"));
        Assert.NotEqual(h, ClaimRecord.ConfigHashOf("MC.b", p, Scale.Ci, 1, "cpu", "v1"));
        Assert.NotEqual(h, ClaimRecord.ConfigHashOf("MC.a", new Dictionary<string, object> { ["n"] = 4 }, Scale.Ci, 1, "cpu", "v1"));
        Assert.NotEqual(h, ClaimRecord.ConfigHashOf("MC.a", p, Scale.Smoke, 1, "cpu", "v1"));
        Assert.NotEqual(h, ClaimRecord.ConfigHashOf("MC.a", p, Scale.Ci, 2, "cpu", "v1"));
        Assert.NotEqual(h, ClaimRecord.ConfigHashOf("MC.a", p, Scale.Ci, 1, "cpu", "v2"));
    }

    [Fact]
    public void AFileInPlaceOfTheOutputFolderIsAClearError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["file"], "x");
        var e = Assert.Throws<IOException>(() => RunDirectory.Open(dir["file"]));
        Assert.Contains("is a file", e.Message);
        Assert.Throws<IOException>(() => RunDirectory.EnsureWritable(Path.Combine(dir["file"], "below")));
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
