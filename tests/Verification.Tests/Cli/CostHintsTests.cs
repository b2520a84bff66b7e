using Spectre.Console.Testing;
using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Data;
using Verification.Tests.Support;

namespace Verification.Tests.Cli;

/// <summary>
/// The committed cost hints (src/Verification.Cli/CostHints/&lt;scale&gt;.json, embedded) and <c>verify cost-hints</c>,
/// which rewrites them from run records. Hints only order work; what they are checked for here is that a fresh clone
/// (an empty cache) gets them, that a machine's own measurements win per claim, and that they name real claims.
/// </summary>
public class CostHintsTests
{
    private static readonly ClaimRegistry Catalog = ClaimCatalog.Create();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var console = new TestConsole();
        var err = new StringWriter();
        int code = Program.Run(args, console, err);
        return (code, console.Output, err.ToString());
    }

    [Theory]
    [InlineData(Scale.Smoke)]
    [InlineData(Scale.Ci)]
    [InlineData(Scale.Paper)]
    public void CommittedHintsLoadForEveryScaleWithAnEmptyCache(Scale scale)
    {
        using var cache = new TempDir();
        var committed = CostHints.Committed(scale);
        Assert.NotEmpty(committed);
        // Negative control of the fresh clone: were the resource ignored, an empty cache would give no hints at all.
        Assert.Equal(committed.OrderBy(h => h.Key), CostHints.Load(scale, new DatasetCache(cache.Path)).OrderBy(h => h.Key));
    }

    [Theory]
    [InlineData(Scale.Smoke)]
    [InlineData(Scale.Ci)]
    [InlineData(Scale.Paper)]
    public void CommittedHintsNameOnlyCatalogClaimsOfTheirScale(Scale scale)
    {
        // A renamed or removed claim turns this red: refresh with `verify cost-hints` (docs/RUNNING.md).
        foreach (var (id, seconds) in CostHints.Committed(scale))
        {
            Assert.True(Catalog.TryGet(id, out var claim), $"{scale.ToCli()}.json names '{id}', which the catalog does not know");
            Assert.True(claim.Scales.Contains(scale), $"{scale.ToCli()}.json names '{id}', which does not run at {scale.ToCli()}");
            Assert.True(seconds >= 0, $"{id}: {seconds} s");
        }
    }

    [Fact]
    public void TheCacheOverridesTheCommittedHintsPerClaim()
    {
        using var cache = new TempDir();
        var committed = CostHints.Committed(Scale.Ci);
        var (first, second) = (committed.Keys.Order(StringComparer.Ordinal).First(), committed.Keys.Order(StringComparer.Ordinal).Last());
        File.WriteAllText(new DatasetCache(cache.Path).PathFor("timings", "ci.json"),
            CostHints.ToJson(new Dictionary<string, double> { [first] = committed[first] + 1000, ["MC.measured-only"] = 3 }));

        var hints = CostHints.Load(Scale.Ci, new DatasetCache(cache.Path));
        Assert.Equal(committed[first] + 1000, hints[first]);          // measured here: wins
        Assert.Equal(committed[second], hints[second]);               // not measured here: the committed hint
        Assert.Equal(3, hints["MC.measured-only"]);
        Assert.Equal(committed.Count + 1, hints.Count);
    }

    [Fact]
    public void WithAnEmptyCacheTheCiWorkStartsWithTheLongestCommittedClaim()
    {
        using var cache = new TempDir();
        var claims = Catalog.All.Where(c => c.Scales.Contains(Scale.Ci)).ToList();
        var hints = CostHints.Load(Scale.Ci, new DatasetCache(cache.Path));
        var started = new List<string>();
        // The scheduler of `verify --jobs` (VerifyRunner: one item per claim at one seed), on one worker: its start order.
        ConcurrentItems.Run(claims.Count, 1, k => hints.TryGetValue(claims[k].Id, out var s) ? s : null,
            k => { started.Add(claims[k].Id); return claims[k].Id; }, (_, _) => { }, CancellationToken.None);

        var longest = CostHints.Committed(Scale.Ci).MaxBy(h => h.Value).Key;
        Assert.Equal(longest, started[0]);
        Assert.NotEqual(claims[0].Id, longest);   // so list order alone would not have started it first
    }

    [Fact]
    public void RefreshWritesTheLatestRunsSecondsPerClaimIntoTheRoot()
    {
        using var dir = new TempDir();
        var root = MakeRoot(dir["repo"]);
        var (older, newer) = (dir["runs/a"], dir["runs/b"]);
        Assert.Equal(0, Run("verify", "--paper", "MC", "--scale", "smoke", "--seed", "1", "--seed", "2", "--out", older).Code);
        Assert.Equal(0, Run("verify", "--paper", "MC", "--scale", "smoke", "--seed", "1", "--out", newer).Code);
        // Seconds chosen here, so that the expected file is known: the largest over seeds, the newer run winning per
        // claim, an unknown claim and a zero left out.
        WriteTimings(older, ("MC.stationary-distribution-is-invariant@1", 1.04), ("MC.stationary-distribution-is-invariant@2", 2.26),
            ("MC.entropy-rate-at-most-stationary-entropy@1", 5), ("MC.renamed-long-ago@1", 9), ("MC.plug-in-entropy-rate-converges@1", 0));
        WriteTimings(newer, ("MC.entropy-rate-at-most-stationary-entropy@1", 0.5));

        var (code, output, err) = Run("verify", "cost-hints", dir["runs"], "--root", root);

        Assert.True(code == 0, err);
        var path = Path.Combine(root, "src", "Verification.Cli", "CostHints", "smoke.json");
        Assert.Contains($"wrote {path} (2 claims)", output);
        Assert.Equal("{\n  \"MC.entropy-rate-at-most-stationary-entropy\": 0.5,\n  \"MC.stationary-distribution-is-invariant\": 2.3\n}\n",
            File.ReadAllText(path));
        Assert.False(File.Exists(Path.Combine(root, "src", "Verification.Cli", "CostHints", "ci.json")));   // no ci run read
    }

    [Theory]
    [InlineData("missing folder", "does not exist")]
    [InlineData("no records", "holds no verify run")]
    [InlineData("unreadable results.json", "is not a verify results.json")]
    [InlineData("unreadable timings.json", "is not a verify timings.json")]
    [InlineData("no seconds", "no run read records seconds per claim")]
    [InlineData("root without src/Verification.Cli", "holds no src/Verification.Cli")]
    public void BadInputIsOneLineExitCode2AndLeavesTheFileUnchanged(string input, string expected)
    {
        using var dir = new TempDir();
        var root = MakeRoot(dir["repo"]);
        var file = Path.Combine(root, "src", "Verification.Cli", "CostHints", "smoke.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "{\n  \"MC.kept\": 1.0\n}\n");
        var run = dir["runs/a"];
        Assert.Equal(0, Run("verify", "--paper", "MC", "--scale", "smoke", "--out", run).Code);
        string runs = dir["runs"], rootArg = root;
        switch (input)
        {
            case "missing folder": runs = dir["nowhere"]; break;
            case "no records": runs = Directory.CreateDirectory(dir["empty"]).FullName; break;
            case "unreadable results.json": File.WriteAllText(Path.Combine(run, "results.json"), "{ \"schema\": "); break;
            case "unreadable timings.json": File.WriteAllText(Path.Combine(run, "timings.json"), "[1, 2"); break;
            case "no seconds":   // a finished run as results/ci keeps it: results.json without timings.json or claims/ records
                File.Delete(Path.Combine(run, "timings.json"));
                Directory.Delete(Path.Combine(run, "claims"), recursive: true);
                break;
            case "root without src/Verification.Cli": rootArg = Directory.CreateDirectory(dir["not-a-repo"]).FullName; break;
        }

        var (code, _, err) = Run("verify", "cost-hints", runs, "--root", rootArg);

        Assert.Equal(2, code);
        Assert.StartsWith("verify cost-hints: error: ", err);
        Assert.Contains(expected, err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Equal("{\n  \"MC.kept\": 1.0\n}\n", File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!));   // no temporary file left beside it
    }

    private static string MakeRoot(string path)
    {
        Directory.CreateDirectory(Path.Combine(path, "src", "Verification.Cli"));
        return path;
    }

    private static void WriteTimings(string run, params (string Key, double Seconds)[] claims) =>
        File.WriteAllText(Path.Combine(run, "timings.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            startedAt = "2026-01-01T00:00:00+00:00", totalSeconds = claims.Sum(c => c.Seconds),
            claims = claims.ToDictionary(c => c.Key, c => c.Seconds),
        }));
}
