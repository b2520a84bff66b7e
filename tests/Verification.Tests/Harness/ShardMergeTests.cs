using Verification.Cli;
using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>`verify --shard i/n` + `verify merge`: the merged result equals the unsharded one.</summary>
public class ShardMergeTests
{
    private static readonly string[] Work = ["verify", "--paper", "MC", "--scale", "smoke", "--seed", "1", "--seed", "2"];

    [Fact]
    public void MergedShardsEqualTheUnshardedRunByteForByte()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run([.. Work, "--out", dir["whole"]]).Code);
        for (int i = 1; i <= 3; i++)
            Assert.Equal(0, CliRun.Run([.. Work, "--shard", $"{i}/3", "--out", dir[$"s{i}"]]).Code);

        var (code, _, err) = CliRun.Run("verify", "merge", dir["s3"], dir["s1"], dir["s2"], "--out", dir["merged"]);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(dir["whole/results.json"]), File.ReadAllText(dir["merged/results.json"]));
        Assert.False(Verification.Core.Reporting.RunManifest.TryRead(dir["merged"])!.Split);   // shards run without --split
        // The provenance footer (command line, times) differs by design; the report above it does not.
        Assert.Equal(WithoutProvenance(dir["whole/report.md"]), WithoutProvenance(dir["merged/report.md"]));
        var pngs = Directory.GetFiles(dir["whole"], "*.png", SearchOption.AllDirectories);
        Assert.NotEmpty(pngs);
        foreach (var png in pngs)
            Assert.True(File.Exists(Path.Combine(dir["merged"], Path.GetRelativePath(dir["whole"], png))), png);
    }

    private static string WithoutProvenance(string path)
    {
        var text = File.ReadAllText(path);
        var at = text.IndexOf(Verification.Core.Reporting.PublishMarkdown.FooterMarker, StringComparison.Ordinal);
        Assert.True(at > 0, $"{path} has no provenance footer");
        return text[..at];
    }

    [Fact]
    public void ShardsPartitionTheWorkList()
    {
        var items = Enumerable.Range(0, 17).ToList();
        var shards = Enumerable.Range(1, 4).Select(i => items.Where(k => new Shard(i, 4).Contains(k)).ToList()).ToList();
        Assert.Equal(items, shards.SelectMany(s => s).Order());
        Assert.All(shards, s => Assert.InRange(s.Count, 4, 5));
    }

    [Fact]
    public void MergeRefusesIncompleteOverlappingOrMissingShards()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run([.. Work, "--shard", "1/2", "--out", dir["s1"]]).Code);
        Assert.Equal(0, CliRun.Run([.. Work, "--shard", "2/2", "--out", dir["s2"]]).Code);

        var missing = CliRun.Run("verify", "merge", dir["s1"], "--out", dir["m1"]);
        Assert.Equal(2, missing.Code);
        Assert.Contains("shards 1..2", missing.Err);
        Assert.Contains("missing shard(s) 2/2", missing.Err);   // a failed shard is named

        var twice = CliRun.Run("verify", "merge", dir["s1"], dir["s1"], "--out", dir["m2"]);
        Assert.Equal(2, twice.Code);
        Assert.Contains("appears in both", twice.Err);

        Directory.CreateDirectory(dir["empty"]);
        var incomplete = CliRun.Run("verify", "merge", dir["s1"], dir["empty"], "--out", dir["m3"]);
        Assert.Equal(2, incomplete.Code);
        Assert.Contains("not a complete verify output", incomplete.Err);
    }

    /// <summary>Shards written by an older version (schema 2) are refused in one line, not merged into a mixed run.</summary>
    [Fact]
    public void MergeRefusesShardsOfAnOlderSchema()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run("verify", "--claim", "MC.stationary-distribution-is-invariant", "--scale", "smoke", "--out", dir["s"]).Code);
        var results = dir["s/results.json"];
        File.WriteAllText(results, File.ReadAllText(results).Replace("verification-results/3", "verification-results/2"));
        var (code, _, err) = CliRun.Run("verify", "merge", dir["s"], "--out", dir["m"]);
        Assert.Equal(2, code);
        Assert.Contains("is verification-results/2, from an older version", err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(dir["m"]));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("x/2")]
    [InlineData("1")]
    public void BadShardIsAClearError(string shard)
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run([.. Work, "--shard", shard, "--out", dir["o"]]);
        Assert.Equal(2, code);
        Assert.Contains("--shard: must be i/n", err);
    }
}
