// Spec §8 ("cache by (m, q)"): distortion tables are evaluated once and cached on disk; a corrupt entry is rebuilt.
using System.Security.Cryptography;
using System.Text;
using Verification.Core.Data;
using Verification.Core.IO;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Limits;

/// <summary>
/// On-disk cache of distortion tables, keyed by a SHA-256 of (format, black box, loss, grouping, candidates, rows).
/// An entry holds a magic, its key, the payload and the payload's SHA-256; any mismatch (truncation, flipped bytes,
/// another key) means the entry is rebuilt and rewritten atomically — never trusted.
/// </summary>
public sealed class DistortionTableCache(DatasetCache cache)
{
    private const int FormatVersion = 1;
    private static readonly byte[] Magic = "PCDT"u8.ToArray();

    /// <summary>What the last <see cref="GetOrBuild"/> did: "hit", "built" (no entry), "rebuilt" (corrupt entry) or "uncached" (cache not writable).</summary>
    public string LastOutcome { get; private set; } = "none";

    public DistortionTable GetOrBuild(IReadOnlyList<PromptRow> rows, IBlackBox phi, Loss loss, Grouping grouping, CandidateKind kind)
    {
        var key = Key(rows, phi, loss, grouping, kind);
        string? path = null;
        try
        {
            path = cache.PathFor("prompt-compression", "tables", Convert.ToHexStringLower(key) + ".bin");
            if (File.Exists(path))
            {
                if (TryRead(File.ReadAllBytes(path), key) is { } cached)
                {
                    LastOutcome = "hit";
                    return cached;
                }
                LastOutcome = "rebuilt";
            }
            else
            {
                LastOutcome = "built";
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable cache is a cache miss, never an error: the table is rebuilt from the data.
            LastOutcome = "uncached";
            path = null;
        }
        var table = DistortionTable.Build(rows, phi, loss, grouping, kind);
        if (path is not null)
        {
            try
            {
                AtomicFile.WriteAllBytes(path, Write(table, key));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LastOutcome = "uncached";
            }
        }
        return table;
    }

    private static byte[] Key(IReadOnlyList<PromptRow> rows, IBlackBox phi, Loss loss, Grouping grouping, CandidateKind kind) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"v{FormatVersion}|{phi.Name}|{loss}|{grouping}|{kind}\n{PromptDataset.ToJsonl(rows)}"));

    private static byte[] Write(DistortionTable table, byte[] key)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(table.Problem.Groups.Count);
            for (int u = 0; u < table.Problem.Groups.Count; u++)
            {
                var g = table.Problem.Groups[u];
                w.Write(table.Prompts[u]);
                w.Write(table.Queries[u] is { } q ? (int)q : -1);
                w.Write(g.Weight);
                w.Write(g.Count);
                for (int m = 0; m < g.Count; m++)
                {
                    w.Write(table.Candidates[u][m]);
                    w.Write(g.Rates[m]);
                    w.Write(g.Distortions[m]);
                }
            }
        }
        var body = payload.ToArray();
        return [.. Magic, .. key, .. BitConverter.GetBytes(body.Length), .. body, .. SHA256.HashData(body)];
    }

    private static DistortionTable? TryRead(byte[] bytes, byte[] key)
    {
        int header = Magic.Length + key.Length + 4;
        if (bytes.Length < header + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
        if (!bytes.AsSpan(Magic.Length, key.Length).SequenceEqual(key)) return null;
        int length = BitConverter.ToInt32(bytes, Magic.Length + key.Length);
        if (length < 0 || bytes.Length != header + length + 32) return null;
        var body = bytes.AsSpan(header, length);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(header + length, 32))) return null;
        try
        {
            using var r = new BinaryReader(new MemoryStream(body.ToArray()));
            int groups = r.ReadInt32();
            var prompts = new int[groups];
            var queries = new BinaryQuery?[groups];
            var candidates = new int[groups][];
            var list = new RdGroup[groups];
            for (int u = 0; u < groups; u++)
            {
                prompts[u] = r.ReadInt32();
                int q = r.ReadInt32();
                queries[u] = q < 0 ? null : (BinaryQuery)q;
                double weight = r.ReadDouble();
                int count = r.ReadInt32();
                candidates[u] = new int[count];
                var rates = new double[count];
                var distortions = new double[count];
                for (int m = 0; m < count; m++)
                {
                    candidates[u][m] = r.ReadInt32();
                    rates[m] = r.ReadDouble();
                    distortions[m] = r.ReadDouble();
                }
                list[u] = new RdGroup(weight, rates, distortions);
            }
            return DistortionTable.FromParts(new RateDistortionProblem(list), prompts, queries, candidates);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or OverflowException or OutOfMemoryException)
        {
            return null;
        }
    }
}
