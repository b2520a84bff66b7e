using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Verification.Core.IO;

namespace Verification.Core.Claims;

/// <summary>
/// Sub-units of a long claim (issue #14 item 5): the cells of its sweep — one (p, q) point, one density at one seed,
/// one keep fraction and variant — each a pure function of the claim, scale, seed, device, construction and the cell's
/// key, returning a typed record (or numbers). A check asks for a cell through <see cref="ClaimContext.SubUnit{T}"/>;
/// in an ordinary run that simply computes it. In a split run, part j of n computes only the cells it owns and stores
/// them as JSON; the assembly is then an ordinary evaluation that reads every cell from the store, so it produces the
/// same evidence as an unsplit run, byte for byte (System.Text.Json writes doubles round-trip exact).
/// <para>
/// The contract a claim accepts by calling <see cref="ClaimContext.SubUnit"/>: a cell's computation depends on its
/// key and the context only (randomness from <see cref="ClaimContext.DeriveSeed"/> of a name that includes the key,
/// never a stream shared with other cells), and the set of keys asked for does not depend on the values of other
/// cells. A cell the assembly finds missing is computed there (correct, only slower) and counted in
/// <see cref="SubUnitStore.ComputedOnAssembly"/>.
/// </para>
/// </summary>
public abstract class SubUnitStore
{
    /// <summary>The stored cell of <paramref name="key"/> for a construction (its JSON), if present and valid.</summary>
    public abstract bool TryGet(Construction construction, string key, out string json);

    public abstract void Put(Construction construction, string key, string json);

    /// <summary>How cells are written: doubles round-trip exact, NaN and ±∞ by name.</summary>
    public static readonly JsonSerializerOptions CellJson = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, IncludeFields = false,
    };

    /// <summary>Cells that the run reading this store had to compute itself (0 when every part ran).</summary>
    public int ComputedOnAssembly { get; internal set; }

    /// <summary>Which part of n owns <paramref name="key"/> (1-based): a stable hash, independent of the order cells are asked for.</summary>
    public static int Owner(string key, int parts)
    {
        uint h = 2166136261;                                   // FNV-1a over the UTF-8 bytes
        foreach (byte b in Encoding.UTF8.GetBytes(key)) h = (h ^ b) * 16777619;
        return (int)(h % (uint)parts) + 1;
    }
}

/// <summary>Cells kept in memory (tests, and a split run that assembles in the same process).</summary>
public sealed class MemorySubUnitStore : SubUnitStore
{
    private readonly Dictionary<(Construction, string), string> cells = [];

    public override bool TryGet(Construction construction, string key, out string json)
    {
        lock (cells) return cells.TryGetValue((construction, key), out json!);
    }

    public override void Put(Construction construction, string key, string json)
    {
        lock (cells) cells[(construction, key)] = json;
    }
}

/// <summary>
/// Cells as files <c>DIR/&lt;construction&gt;/&lt;key&gt;.json</c> (written atomically), each holding its key and the
/// configuration hash of the work item it belongs to; a file of another configuration or a corrupt one is ignored.
/// Files of several shards copied into one folder form the store of the assembly.
/// </summary>
public sealed class DirectorySubUnitStore(string directory, string configHash) : SubUnitStore
{
    /// <summary>The configuration hash of the work item the cells belong to.</summary>
    public string ConfigHash { get; } = configHash;

    public string Directory { get; } = directory;

    private sealed record Cell(string Key, string ConfigHash, JsonElement Value);

    public string PathOf(Construction construction, string key) =>
        Path.Combine(Directory, construction.ToString().ToLowerInvariant(), FileName(key));

    public override bool TryGet(Construction construction, string key, out string json)
    {
        json = "";
        var path = PathOf(construction, key);
        if (!File.Exists(path)) return false;
        try
        {
            var cell = JsonSerializer.Deserialize<Cell>(File.ReadAllText(path), CellJson);
            if (cell is null || cell.Key != key || cell.ConfigHash != ConfigHash || cell.Value.ValueKind == JsonValueKind.Undefined) return false;
            json = cell.Value.GetRawText();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public override void Put(Construction construction, string key, string json)
    {
        using var value = JsonDocument.Parse(json);
        AtomicFile.WriteAllText(PathOf(construction, key), JsonSerializer.Serialize(new Cell(key, ConfigHash, value.RootElement), CellJson) + "\n");
    }

    // Keys are free text (p=0.5,q=0.8): keep letters, digits and .=-, and add a hash so that distinct keys never collide.
    private static string FileName(string key)
    {
        var safe = new string(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '=' or '-' ? c : '_').ToArray());
        return $"{safe}-{SubUnitStore.Owner(key, int.MaxValue).ToString("x8", CultureInfo.InvariantCulture)}.json";
    }
}

/// <summary>
/// How a context treats sub-units: compute only part j of n (cells of other parts read as NaN placeholders, the
/// check's outcome is discarded), or assemble from a store. Without a plan (an ordinary run) every cell is computed.
/// </summary>
public sealed record SubUnitPlan(SubUnitStore Store, int Part = 0, int Parts = 0)
{
    /// <summary>A part run: computes and stores the cells of part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    public static SubUnitPlan OnlyPart(SubUnitStore store, int part, int parts)
    {
        if (parts < 1 || part < 1 || part > parts) throw new ArgumentOutOfRangeException(nameof(part), $"part must be i/n with 1 ≤ i ≤ n (got {part}/{parts})");
        return new SubUnitPlan(store, part, parts);
    }

    /// <summary>The assembly: reads cells from the store, computes (and counts) any that are missing.</summary>
    public static SubUnitPlan Assemble(SubUnitStore store) => new(store);

    public bool IsPart => Parts > 0;
}

