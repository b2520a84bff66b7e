using Verification.Core.Data;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Models;
using Verification.PromptCompression.Oracle;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

/// <summary>The on-disk cache of trained models: a load gives the trained model exactly; a damaged entry is retrained, never trusted.</summary>
public class TrainedModelCacheTests
{
    private static readonly AnswererConfig Tiny = new(Dim: 16, Epochs: 2, RowsPerQuery: 30);
    private static readonly TokenClassifierConfig TinyGru = new(Hidden: 8, Epochs: 2, RowsPerQuery: 30, MaxLength: 8);
    private const int MaxLength = 6, Seed = 7;

    private static ModelBlackBox Answerer(TrainedModelCache? cache) => ModelBlackBox.Train(Tiny, MaxLength, Seed, cache);

    /// <summary>Every tabulated probability of every (m, q, answer class).</summary>
    private static double[] Predictions(ModelBlackBox box)
    {
        var all = new List<double>();
        for (int len = 1; len <= MaxLength; len++)
            for (int bits = 0; bits < 1 << len; bits++)
                foreach (var q in BinaryQueries.All)
                    for (int y = 0; y <= (q == BinaryQuery.Palindrome ? 1 : AnswererTransformer.MaxCount); y++)
                        all.Add(box.Probability((1 << len) | bits, q, y));
        return all.ToArray();
    }

    [Fact]
    public void ALoadedAnswererPredictsExactlyWhatTheTrainedOneDid()
    {
        using var dir = new TempDir();
        var cache = new TrainedModelCache(new DatasetCache(dir.Path));
        var uncached = Answerer(null);
        var trained = Answerer(cache);
        Assert.Equal(ModelCacheOutcome.Trained, trained.CacheOutcome);
        var loaded = Answerer(cache);
        Assert.Equal(ModelCacheOutcome.Hit, loaded.CacheOutcome);
        Assert.Equal(trained.FinalLoss, loaded.FinalLoss);
        Assert.Equal(uncached.FinalLoss, trained.FinalLoss);
        Assert.Equal(Predictions(trained), Predictions(loaded));
        Assert.Equal(Predictions(uncached), Predictions(loaded));
        Assert.Equal(trained.Name, loaded.Name);
    }

    [Fact]
    public void LoadedClassifiersAndLanguageModelPredictExactlyWhatTheTrainedOnesDid()
    {
        using var dir = new TempDir();
        var cache = new TrainedModelCache(new DatasetCache(dir.Path));
        var x = new byte[] { 0, 1, 1, 0, 0, 0, 1 };
        var lm = PromptLanguageModel.Train(TinyGru, Seed, cache);
        var classifier = TokenClassifier.Train(queryAware: true, TinyGru, Seed, cache);
        Assert.Equal(2, Directory.GetFiles(dir.Path, "*.bin", SearchOption.AllDirectories).Length);
        var lm2 = PromptLanguageModel.Train(TinyGru, Seed, cache);
        var classifier2 = TokenClassifier.Train(queryAware: true, TinyGru, Seed, cache);
        Assert.Equal(lm.FinalLoss, lm2.FinalLoss);
        Assert.Equal(lm.SelfInformation(x, BinaryQuery.Parity), lm2.SelfInformation(x, BinaryQuery.Parity));
        Assert.Equal(lm.NextBitLoss([1, 0], 1), lm2.NextBitLoss([1, 0], 1));
        Assert.Equal(classifier.FinalLoss, classifier2.FinalLoss);
        Assert.Equal(classifier.Probabilities(x, BinaryQuery.LongestRun), classifier2.Probabilities(x, BinaryQuery.LongestRun));
        // Another seed is another entry, and another model.
        var other = PromptLanguageModel.Train(TinyGru, Seed + 1, cache);
        Assert.Equal(3, Directory.GetFiles(dir.Path, "*.bin", SearchOption.AllDirectories).Length);
        Assert.NotEqual(lm.SelfInformation(x, null), other.SelfInformation(x, null));
    }

    [Fact]
    public void TheArchitectureIsPartOfTheKeySoAGruEntryNeverServesATransformer()
    {
        var transformer = TinyGru with { Architecture = CompressorArchitecture.Transformer };
        Assert.NotEqual(TinyGru.Describe(Seed), transformer.Describe(Seed));
        Assert.StartsWith("arch=gru,", TinyGru.Describe(Seed));
        Assert.StartsWith("arch=transformer(", transformer.Describe(Seed));
        using var dir = new TempDir();
        var cache = new TrainedModelCache(new DatasetCache(dir.Path));
        Assert.NotEqual(cache.PathOf("language-model", TinyGru.Describe(Seed)), cache.PathOf("language-model", transformer.Describe(Seed)));
        var x = new byte[] { 0, 1, 1, 0, 0, 0, 1 };
        var gru = PromptLanguageModel.Train(TinyGru, Seed, cache);
        var trained = PromptLanguageModel.Train(transformer, Seed, cache);
        Assert.Equal(2, Directory.GetFiles(dir.Path, "*.bin", SearchOption.AllDirectories).Length);
        var loaded = PromptLanguageModel.Train(transformer, Seed, cache);
        Assert.Equal(2, Directory.GetFiles(dir.Path, "*.bin", SearchOption.AllDirectories).Length);
        Assert.Equal(trained.FinalLoss, loaded.FinalLoss);
        Assert.Equal(trained.SelfInformation(x, BinaryQuery.Parity), loaded.SelfInformation(x, BinaryQuery.Parity));
        Assert.NotEqual(gru.SelfInformation(x, BinaryQuery.Parity), loaded.SelfInformation(x, BinaryQuery.Parity));
        // A transformer classifier trained through the cache predicts exactly what an uncached one does.
        var classifier = TokenClassifier.Train(queryAware: true, transformer, Seed, cache);
        var again = TokenClassifier.Train(queryAware: true, transformer, Seed, cache);
        var uncached = TokenClassifier.Train(queryAware: true, transformer, Seed);
        Assert.Equal(uncached.Probabilities(x, BinaryQuery.LongestRun), again.Probabilities(x, BinaryQuery.LongestRun));
        Assert.Equal(classifier.FinalLoss, again.FinalLoss);
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("flip-payload")]
    [InlineData("flip-header")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public void ADamagedEntryIsDeletedAndRetrainedNeverTrusted(string damage)
    {
        using var dir = new TempDir();
        var cache = new TrainedModelCache(new DatasetCache(dir.Path));
        var reference = Answerer(cache);
        var file = cache.PathOf("answerer", Tiny.Describe(MaxLength, Seed));
        var bytes = File.ReadAllBytes(file);
        bytes = damage switch
        {
            "truncate" => bytes[..(bytes.Length - 9)],
            "flip-payload" => bytes.Select((b, i) => i == bytes.Length / 2 ? (byte)(b ^ 0x01) : b).ToArray(),
            "flip-header" => bytes.Select((b, i) => i == 10 ? (byte)(b ^ 0x80) : b).ToArray(),
            "garbage" => "not a model at all"u8.ToArray(),
            _ => [],
        };
        File.WriteAllBytes(file, bytes);
        var retrained = Answerer(cache);
        Assert.Equal(ModelCacheOutcome.Retrained, retrained.CacheOutcome);
        Assert.Equal(Predictions(reference), Predictions(retrained));
        var again = Answerer(cache);
        Assert.Equal(ModelCacheOutcome.Hit, again.CacheOutcome);
    }

    [Fact]
    public void AValidEntryForAnotherKeyOrLayoutIsNotLoaded()
    {
        using var dir = new TempDir();
        var cache = new TrainedModelCache(new DatasetCache(dir.Path));
        var reference = Answerer(cache);
        var file = cache.PathOf("answerer", Tiny.Describe(MaxLength, Seed));
        // An intact entry of another seed, copied over this one: its key differs.
        var otherSeed = ModelBlackBox.Train(Tiny, MaxLength, Seed + 1, cache);
        File.Copy(cache.PathOf("answerer", Tiny.Describe(MaxLength, Seed + 1)), file, overwrite: true);
        Assert.Equal(ModelCacheOutcome.Retrained, Answerer(cache).CacheOutcome);
        // An intact entry with this key (valid hash) but the parameters of a narrower network: shapes differ.
        using var narrow = new AnswererTransformer(8, 2, 4);
        File.WriteAllBytes(file, TrainedModelCache.Serialize(narrow, 0.5, TrainedModelCache.Key("answerer", Tiny.Describe(MaxLength, Seed))));
        var retrained = Answerer(cache);
        Assert.Equal(ModelCacheOutcome.Retrained, retrained.CacheOutcome);
        Assert.Equal(Predictions(reference), Predictions(retrained));
        Assert.NotEqual(Predictions(reference), Predictions(otherSeed));
    }

    [Fact]
    public void AnUnwritableCacheIsAMissNotAnError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["blocker"], "a file, not a folder");
        var cache = new TrainedModelCache(new DatasetCache(Path.Combine(dir["blocker"], "cache")));
        Assert.Equal(ModelCacheOutcome.Uncached, Answerer(cache).CacheOutcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("name with spaces")]
    public void AKindThatIsNotASafeFileNameIsRejected(string kind)
    {
        using var dir = new TempDir();
        var cache = new TrainedModelCache(new DatasetCache(dir.Path));
        using var net = new AnswererTransformer(8, 1, 2);
        var e = Assert.Throws<ArgumentException>(() => cache.LoadOrTrain(net, kind, "d", () => 0));
        Assert.Contains("kind", e.Message);
    }
}
