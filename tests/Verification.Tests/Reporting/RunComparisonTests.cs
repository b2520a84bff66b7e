using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Core.Claims;
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
    private static ClaimRecord Record(string id, int seed, string verdict, string control, double gap, string recorded = "holds") => new(
        id, id[..2], "key", "0000.00000", "A paper", "§1", $"{id} is true", "smoke", seed, "cpu", "test", "hash",
        verdict, "because", recorded, new SortedDictionary<string, JsonElement>(),
        new SortedDictionary<string, double> { ["gap"] = gap, ["steps"] = 10 * gap },
        [new CheckRecord("gap", gap, 0, "absolute", 0.1, null, Math.Abs(gap) <= 0.1, null)],
        new ControlRecord("sabotaged", control, "why", new SortedDictionary<string, double>(), []), []);

    private static string Write(TempDir dir, string name, Scale scale, params ClaimRecord[] records)
    {
        var path = dir[name];
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "results.json"),
            ResultsJson.Results(new RunInfo(scale, [1], "cpu", "test", DateTimeOffset.UnixEpoch), records));
        return path;
    }

    private static (string Base, string New) TwoRunsThatDiffer(TempDir dir) => (
        Write(dir, "base", Scale.Smoke,
            Record("MC.same", 1, "holds", "refuted", 0.01),
            Record("MC.flips", 1, "holds", "refuted", 0.02),
            Record("MC.control-flips", 1, "holds", "refuted", 0.03),
            Record("MC.moves", 1, "holds", "refuted", 0.00),
            Record("MC.goes-away", 1, "holds", "refuted", 0.05)),
        Write(dir, "new", Scale.Smoke,
            Record("MC.same", 1, "holds", "refuted", 0.05), // moved by 0.04 < tolerance 0.1: not a change
            Record("MC.flips", 1, "refuted", "refuted", 0.20),
            Record("MC.control-flips", 1, "holds", "holds", 0.03),
            Record("MC.moves", 1, "holds", "refuted", 0.50),
            Record("MC.is-new", 1, "holds", "refuted", 0.05)));

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
        var b = Write(dir, "b", Scale.Smoke, Record("MC.a", 1, "holds", "refuted", 0));
        var n = Write(dir, "n", Scale.Smoke, Record("MC.a", 1, "holds", "holds", 1));
        var (code, output, _) = CliRun.Run("verify", "compare", b, n);
        Assert.Equal(0, code);
        Assert.Contains("control changed", output);
        Assert.Equal(0, CliRun.Run("verify", "compare", b, b).Code);
    }

    [Fact]
    public void ChecksOfALaterSchemaAreComparedByTheirPassedFlags()
    {
        using var dir = new TempDir();
        string Schema2(string name, bool passed, double measured)
        {
            var root = JsonNode.Parse(ResultsJson.Results(new RunInfo(Scale.Smoke, [1], "cpu", "t", DateTimeOffset.UnixEpoch),
                [Record("MC.a", 1, "holds", "refuted", 0)]))!;
            root["schema"] = "verification-results/2";
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

    [Fact]
    public void RunsAtDifferentScalesAreBadInput()
    {
        using var dir = new TempDir();
        var b = Write(dir, "b", Scale.Smoke, Record("MC.a", 1, "holds", "refuted", 0));
        var n = Write(dir, "n", Scale.Ci, Record("MC.a", 1, "holds", "refuted", 0));
        AssertBadInput(CliRun.Run("verify", "compare", b, n), "different scales");
    }

    [Fact]
    public void AFileThatIsNotAResultsJsonIsBadInput()
    {
        using var dir = new TempDir();
        var b = Write(dir, "b", Scale.Smoke, Record("MC.a", 1, "holds", "refuted", 0));
        File.WriteAllText(dir["timings.json"], "{\"startedAt\": \"x\", \"claims\": {}}");
        File.WriteAllText(dir["garbage.json"], "not json {");
        File.WriteAllText(dir["truncated.json"], "{\"schema\": \"verification-results/1\", \"claims\": [{\"id\": 3}]}");
        AssertBadInput(CliRun.Run("verify", "compare", b, dir["timings.json"]), "is not a verify results.json");
        AssertBadInput(CliRun.Run("verify", "compare", dir["garbage.json"], b), "is not a verify results.json");
        AssertBadInput(CliRun.Run("verify", "compare", b, dir["truncated.json"]), "is not a verify results.json");
    }

    [Fact]
    public void AFolderWithoutResultsOrAMissingPathIsBadInput()
    {
        using var dir = new TempDir();
        var b = Write(dir, "b", Scale.Smoke, Record("MC.a", 1, "holds", "refuted", 0));
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
