using System.Text.Json.Nodes;
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Reporting;
using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// `verify compare BASE NEW`: two runs built to differ in every way compare reports (verdict, control, appeared,
/// disappeared, a measurement moved beyond its tolerance, one moved within it) and every bad input is one line, exit 2.
/// </summary>
public class RunComparisonTests
{
    private static ClaimRecord Record(string id, int seed, Verdict verdict, Verdict control, double gap, Verdict recorded = Verdict.Holds) =>
        Records.Claim(id, verdict, recorded, seed) with
        {
            Measured = Records.Map(("gap", gap), ("steps", 10 * gap)),
            Checks = [Records.Check("gap", gap, 0, Tolerance.Absolute(0.1))],
            NegativeControl = Records.Control(control),
        };

    private static string Write(TempDir dir, string name, Scale scale, params ClaimRecord[] records)
    {
        var path = dir[name];
        Directory.CreateDirectory(path);
        var json = ResultsJson.Results(new RunInfo(scale, [1], "cpu", "test", DateTimeOffset.UnixEpoch), records);
        ResultsSchema.AssertValid(json, name);
        File.WriteAllText(Path.Combine(path, "results.json"), json);
        return path;
    }

    private static (string Base, string New) TwoRunsThatDiffer(TempDir dir) => (
        Write(dir, "base", Scale.Smoke,
            Record("MC.same", 1, Verdict.Holds, Verdict.Refuted, 0.01),
            Record("MC.flips", 1, Verdict.Holds, Verdict.Refuted, 0.02),
            Record("MC.control-flips", 1, Verdict.Holds, Verdict.Refuted, 0.03),
            Record("MC.moves", 1, Verdict.Holds, Verdict.Refuted, 0.00),
            Record("MC.goes-away", 1, Verdict.Holds, Verdict.Refuted, 0.05)),
        Write(dir, "new", Scale.Smoke,
            Record("MC.same", 1, Verdict.Holds, Verdict.Refuted, 0.05), // moved by 0.04 < tolerance 0.1: not a change
            Record("MC.flips", 1, Verdict.Refuted, Verdict.Refuted, 0.20),
            Record("MC.control-flips", 1, Verdict.Holds, Verdict.Holds, 0.03),
            Record("MC.moves", 1, Verdict.Holds, Verdict.Refuted, 0.50),
            Record("MC.is-new", 1, Verdict.Holds, Verdict.Refuted, 0.05)));

    [Fact]
    public void EveryKindOfChangeIsReportedAndAVerdictChangeExitsOne()
    {
        using var dir = new TempDir();
        var (b, n) = TwoRunsThatDiffer(dir);
        var (code, output, err) = CliRun.Run("verify", "compare", b, n);
        Assert.True(code == 1, err);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("verdict changed\tMC.flips@1\tverdict\tholds -> refuted", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("control changed\tMC.control-flips@1\tcontrol\trefuted -> holds", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("appeared\tMC.is-new@1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("disappeared\tMC.goes-away@1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("moved beyond tolerance\tMC.moves@1\tgap\t0 -> 0.5", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("moved beyond tolerance\tMC.flips@1\tgap", StringComparison.Ordinal));
        Assert.DoesNotContain("MC.same", output); // within tolerance; "steps" has no tolerance and is not compared
        Assert.DoesNotContain("steps", output);
    }

    [Fact]
    public void MarkdownIsATableForAPullRequestComment()
    {
        using var dir = new TempDir();
        var (b, n) = TwoRunsThatDiffer(dir);
        var (code, output, _) = CliRun.Run("verify", "compare", Path.Combine(b, "results.json"), n, "--format", "markdown");
        Assert.Equal(1, code);
        Assert.Contains("| change | claim@seed | what | base | new | note |", output);
        foreach (var kind in new[] { "verdict changed", "control changed", "appeared", "disappeared", "moved beyond tolerance" })
            Assert.Contains($"| {kind} |", output);
    }

    [Fact]
    public void OnlyControlOrMeasurementChangesExitZero()
    {
        using var dir = new TempDir();
        var b = Write(dir, "b", Scale.Smoke, Record("MC.a", 1, Verdict.Holds, Verdict.Refuted, 0));
        var n = Write(dir, "n", Scale.Smoke, Record("MC.a", 1, Verdict.Holds, Verdict.Holds, 1));
        var (code, output, _) = CliRun.Run("verify", "compare", b, n);
        Assert.Equal(0, code);
        Assert.Contains("control changed", output);
        Assert.Equal(0, CliRun.Run("verify", "compare", b, b).Code);
    }

    /// <summary>A schema-2 results.json (the committed paper runs) is read: no paper titles, checks without quantifiers.</summary>
    [Fact]
    public void ASchema2FileIsReadAndItsChecksAreComparedByTheirPassedFlags()
    {
        using var dir = new TempDir();
        string Schema2(string name, bool passed, double measured)
        {
            var root = JsonNode.Parse(ResultsJson.Results(new RunInfo(Scale.Smoke, [1], "cpu", "t", DateTimeOffset.UnixEpoch),
                [Record("MC.a", 1, Verdict.Holds, Verdict.Refuted, 0)]))!;
            root["schema"] = "verification-results/2";
            root["claims"]![0]!.AsObject().Remove("paperTitle");
            root["claims"]![0]!["checks"] = new JsonArray(new JsonObject
            {
                ["name"] = "L = H(π)", ["measured"] = measured, ["expected"] = 1.0,
                ["tolerance"] = new JsonObject { ["kind"] = "absolute", ["value"] = 1e-3 }, ["passed"] = passed,
            });
            File.WriteAllText(dir[name], root.ToJsonString());
            return dir[name];
        }
        var (code, output, err) = CliRun.Run("verify", "compare", Schema2("b.json", true, 1.0), Schema2("n.json", false, 1.5));
        Assert.True(code == 0, err);
        Assert.Contains("check changed\tMC.a@1\tL = H(π)\tpassed -> failed", output);
        Assert.Contains("moved beyond tolerance\tMC.a@1\tL = H(π)\t1 -> 1.5", output);
    }

    /// <summary>The committed paper-scale runs are schema 2: compare reads each, and a run compared with itself shows nothing.</summary>
    [Fact]
    public void TheCommittedPaperRunsAreReadable()
    {
        var runs = Directory.GetFiles(Path.Combine(RepoPaths.Root, "results", "paper"), "results.json", SearchOption.AllDirectories);
        Assert.NotEmpty(runs);
        foreach (var path in runs)
        {
            var run = ResultsJson.Load(path);
            Assert.Equal("paper", run.Scale);
            Assert.All(run.Claims, c => Assert.False(string.IsNullOrEmpty(c.PaperTitle), c.Key));   // from the paper registry
            Assert.Empty(RunComparison.Compare(run, run));
        }
    }

    [Fact]
    public void RunsAtDifferentScalesAreBadInput()
    {
        using var dir = new TempDir();
        var b = Write(dir, "b", Scale.Smoke, Record("MC.a", 1, Verdict.Holds, Verdict.Refuted, 0));
        var n = Write(dir, "n", Scale.Ci, Record("MC.a", 1, Verdict.Holds, Verdict.Refuted, 0));
        AssertBadInput(CliRun.Run("verify", "compare", b, n), "different scales");
    }

    [Fact]
    public void AFileThatIsNotAResultsJsonIsBadInput()
    {
        using var dir = new TempDir();
        var b = Write(dir, "b", Scale.Smoke, Record("MC.a", 1, Verdict.Holds, Verdict.Refuted, 0));
        File.WriteAllText(dir["timings.json"], "{\"startedAt\": \"x\", \"claims\": {}}");
        File.WriteAllText(dir["garbage.json"], "not json {");
        File.WriteAllText(dir["truncated.json"], "{\"schema\": \"verification-results/3\", \"claims\": [{\"id\": 3}]}");
        File.WriteAllText(dir["v1.json"], "{\"schema\": \"verification-results/1\", \"claims\": []}");
        File.WriteAllText(dir["v9.json"], "{\"schema\": \"verification-results/9\", \"claims\": []}");
        AssertBadInput(CliRun.Run("verify", "compare", b, dir["timings.json"]), "is not a verify results.json");
        AssertBadInput(CliRun.Run("verify", "compare", dir["garbage.json"], b), "is not a verify results.json");
        AssertBadInput(CliRun.Run("verify", "compare", b, dir["truncated.json"]), "is not a verify results.json");
        AssertBadInput(CliRun.Run("verify", "compare", dir["v1.json"], b), "this version reads verification-results/3 and verification-results/2");
        AssertBadInput(CliRun.Run("verify", "compare", b, dir["v9.json"]), "has schema verification-results/9");
    }

    [Fact]
    public void AFolderWithoutResultsOrAMissingPathIsBadInput()
    {
        using var dir = new TempDir();
        var b = Write(dir, "b", Scale.Smoke, Record("MC.a", 1, Verdict.Holds, Verdict.Refuted, 0));
        Directory.CreateDirectory(dir["unfinished/claims"]);
        AssertBadInput(CliRun.Run("verify", "compare", b, dir["unfinished"]), "folder without results.json");
        AssertBadInput(CliRun.Run("verify", "compare", dir["nowhere"], b), "does not exist");
        AssertBadInput(CliRun.Run("verify", "compare", b, b, "--format", "html"), "must be text or markdown");
    }

    private static void AssertBadInput((int Code, string Out, string Err) run, string expected)
    {
        Assert.Equal(2, run.Code);
        Assert.Contains(expected, run.Err);
        Assert.Single(run.Err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("verify compare: error: ", run.Err);
    }
}
