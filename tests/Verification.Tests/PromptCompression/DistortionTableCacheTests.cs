using Verification.Core.Data;
using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

public class DistortionTableCacheTests
{
    private static readonly IReadOnlyList<PromptRow> Rows = SyntheticDataset.Generate(SyntheticSplit.Smoke, new Rng(11));

    private static DistortionTable Get(DistortionTableCache cache) =>
        cache.GetOrBuild(Rows, OracleBlackBox.For(Rows), Loss.Log, Grouping.QueryAware, CandidateKind.Subsequences);

    private static void AssertSame(DistortionTable expected, DistortionTable actual)
    {
        Assert.Equal(expected.Prompts, actual.Prompts);
        Assert.Equal(expected.Queries, actual.Queries);
        for (int u = 0; u < expected.Problem.Groups.Count; u++)
        {
            Assert.Equal(expected.Candidates[u], actual.Candidates[u]);
            Assert.Equal(expected.Problem.Groups[u].Distortions, actual.Problem.Groups[u].Distortions);
            Assert.Equal(expected.Problem.Groups[u].Weight, actual.Problem.Groups[u].Weight);
        }
    }

    [Fact]
    public void ASecondReadIsAHitWithTheSameTable()
    {
        using var dir = new TempDir();
        var cache = new DistortionTableCache(new DatasetCache(dir.Path));
        var first = Get(cache);
        Assert.Equal("built", cache.LastOutcome);
        var second = Get(cache);
        Assert.Equal("hit", cache.LastOutcome);
        AssertSame(first, second);
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("flip")]
    [InlineData("garbage")]
    public void ACorruptEntryIsRebuiltNeverTrusted(string damage)
    {
        using var dir = new TempDir();
        var cache = new DistortionTableCache(new DatasetCache(dir.Path));
        var reference = Get(cache);
        var file = Directory.GetFiles(dir.Path, "*.bin", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(file);
        bytes = damage switch
        {
            "truncate" => bytes[..(bytes.Length / 2)],
            "flip" => bytes.Select((b, i) => i == bytes.Length / 2 ? (byte)(b ^ 0x40) : b).ToArray(),
            _ => "not a table"u8.ToArray(),
        };
        File.WriteAllBytes(file, bytes);
        var rebuilt = Get(cache);
        Assert.Equal("rebuilt", cache.LastOutcome);
        AssertSame(reference, rebuilt);
        Get(cache);
        Assert.Equal("hit", cache.LastOutcome);
    }

    [Fact]
    public void AnUnwritableCacheIsAMissNotAnError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["blocker"], "a file, not a folder");
        var cache = new DistortionTableCache(new DatasetCache(Path.Combine(dir["blocker"], "cache")));
        var table = Get(cache);
        Assert.Equal("uncached", cache.LastOutcome);
        Assert.NotEmpty(table.Problem.Groups);
    }
}
