// Issue #3 (black box (b) "trained once per seed and cached on disk"): the PC area's trained TorchSharp models are
// stored under the dataset cache, keyed by what determines them, written atomically and checked when read.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;
using Verification.Core.Data;
using Verification.Core.IO;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Models;

/// <summary>What <see cref="TrainedModelCache.LoadOrTrain"/> did.</summary>
public enum ModelCacheOutcome
{
    /// <summary>A valid entry was loaded; nothing was trained.</summary>
    Hit,
    /// <summary>No entry: trained and written.</summary>
    Trained,
    /// <summary>A corrupt entry (truncated, flipped bytes, garbage, another key or layout) was deleted, the model retrained and rewritten.</summary>
    Retrained,
    /// <summary>The cache could not be read or written: trained, not stored.</summary>
    Uncached,
}

/// <summary>
/// On-disk cache of trained model parameters under <c>&lt;cache&gt;/prompt-compression/models/</c>. The key is a SHA-256
/// of (<see cref="CodeVersion"/>, model kind, a description of everything that determines the trained parameters:
/// hyperparameters, training-data size and lengths, seed). An entry is magic, key, payload length, payload (final
/// training loss, then every named parameter: name, shape, float32 values) and the payload's SHA-256; any mismatch,
/// or a parameter whose name or shape differs from the module's, means the entry is deleted and the model retrained
/// — never trusted. A loaded model's parameters are bit-identical to the trained ones, so its predictions are too.
/// </summary>
public sealed class TrainedModelCache(DatasetCache cache)
{
    /// <summary>Bump when a model's architecture, training loop or data generation changes: old entries are then never read.</summary>
    public const int CodeVersion = 1;

    private static readonly byte[] Magic = "PCMD"u8.ToArray();

    /// <summary>One gate per entry path: two threads asking for the same model train it once (the second then loads it).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> Gates = new();

    public static TrainedModelCache Default() => new(DatasetCache.Default());

    public string Root => cache.Root;

    /// <summary>The entry's file name for a model kind and description (also used by tests to corrupt it).</summary>
    public string PathOf(string kind, string description) =>
        cache.PathFor("prompt-compression", "models", $"{kind}-{Convert.ToHexStringLower(Key(kind, description))[..32]}.bin");

    /// <summary>
    /// Fills the parameters of <paramref name="net"/> (freshly constructed) from the cache entry of (kind, description),
    /// or calls <paramref name="train"/> (which trains <paramref name="net"/> in place and returns its final loss) and
    /// stores the result. Returns the final training loss (stored with the parameters) and what happened.
    /// </summary>
    public (double FinalLoss, ModelCacheOutcome Outcome) LoadOrTrain(nn.Module net, string kind, string description, Func<double> train)
    {
        if (string.IsNullOrWhiteSpace(kind) || kind.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            throw new ArgumentException($"model kind must be ASCII letters, digits and '-' (got '{kind}')", nameof(kind));
        lock (Gates.GetOrAdd(Path.Combine(Root, kind, description), _ => new object()))
            return LoadOrTrainLocked(net, kind, description, train);
    }

    private (double FinalLoss, ModelCacheOutcome Outcome) LoadOrTrainLocked(nn.Module net, string kind, string description, Func<double> train)
    {
        var key = Key(kind, description);
        string? path;
        var outcome = ModelCacheOutcome.Trained;
        try
        {
            path = PathOf(kind, description);
            if (File.Exists(path))
            {
                if (TryLoad(File.ReadAllBytes(path), key, net) is { } loss) return (loss, ModelCacheOutcome.Hit);
                File.Delete(path);
                outcome = ModelCacheOutcome.Retrained;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            path = null;   // an unreadable cache is a miss, never an error
            outcome = ModelCacheOutcome.Uncached;
        }
        double finalLoss = train();
        if (path is null) return (finalLoss, outcome);
        try
        {
            AtomicFile.WriteAllBytes(path, Serialize(net, finalLoss, key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            outcome = ModelCacheOutcome.Uncached;
        }
        return (finalLoss, outcome);
    }

    /// <summary>The entry key: SHA-256 of (code version, kind, description).</summary>
    public static byte[] Key(string kind, string description) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v{CodeVersion}|{kind}|{description}")));

    /// <summary>The entry's bytes: magic, key, payload length, payload, SHA-256 of the payload.</summary>
    public static byte[] Serialize(nn.Module net, double finalLoss, byte[] key)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            var parameters = net.named_parameters().ToList();
            w.Write(finalLoss);
            w.Write(parameters.Count);
            foreach (var (name, p) in parameters)
            {
                w.Write(name);
                w.Write(p.shape.Length);
                foreach (long dim in p.shape) w.Write(dim);
                using var cpu = p.detach().cpu().to_type(ScalarType.Float32).contiguous();
                var values = cpu.data<float>().ToArray();
                w.Write(values.Length);
                foreach (float v in values) w.Write(v);
            }
        }
        var body = payload.ToArray();
        return [.. Magic, .. key, .. BitConverter.GetBytes(body.Length), .. body, .. SHA256.HashData(body)];
    }

    /// <summary>The stored final loss after copying every parameter into <paramref name="net"/>; null (net untouched) if the entry is not valid for this key and module.</summary>
    private static double? TryLoad(byte[] bytes, byte[] key, nn.Module net)
    {
        int header = Magic.Length + key.Length + 4;
        if (bytes.Length < header + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
        if (!bytes.AsSpan(Magic.Length, key.Length).SequenceEqual(key)) return null;
        int length = BitConverter.ToInt32(bytes, Magic.Length + key.Length);
        if (length < 0 || bytes.Length != (long)header + length + 32) return null;
        if (!SHA256.HashData(bytes.AsSpan(header, length)).AsSpan().SequenceEqual(bytes.AsSpan(header + length, 32))) return null;
        var parameters = net.named_parameters().ToList();
        var values = new float[parameters.Count][];
        double finalLoss;
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, header, length));
            finalLoss = r.ReadDouble();
            if (!double.IsFinite(finalLoss) || r.ReadInt32() != parameters.Count) return null;
            for (int i = 0; i < parameters.Count; i++)
            {
                var (name, p) = parameters[i];
                if (r.ReadString() != name || r.ReadInt32() != p.shape.Length) return null;
                foreach (long dim in p.shape) if (r.ReadInt64() != dim) return null;
                int n = r.ReadInt32();
                if (n != p.numel()) return null;
                values[i] = new float[n];
                for (int j = 0; j < n; j++) values[i][j] = r.ReadSingle();
            }
            if (r.BaseStream.Position != length) return null;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            return null;
        }
        using var _ = no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i].parameter;
            using var stored = tensor(values[i], p.shape, device: p.device);
            p.copy_(stored);
        }
        net.eval();
        return finalLoss;
    }
}
