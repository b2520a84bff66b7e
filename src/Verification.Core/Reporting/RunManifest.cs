using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.Core.Reporting;

/// <summary>
/// What a run is, written as <c>run.json</c> before its first item starts: scale, seeds, the selected claims (in run
/// order), device, shard and code version. <c>verify --resume</c> continues a run only when every one of these is the
/// same, so a folder never mixes two runs. Nothing time-dependent is in it.
/// </summary>
public sealed record RunManifest(
    string Scale,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<string> Claims,
    string Device,
    string Shard,
    string CodeVersion)
{
    public const string FileName = "run.json";

    /// <summary>Whether long claims run as sub-units (<c>--split</c>); a resume keeps the run's setting.</summary>
    public bool Split { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>The manifest in <paramref name="folder"/>; null when there is none; malformed is <see cref="InvalidDataException"/>.</summary>
    public static RunManifest? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var m = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json);
            if (m is null || m.Scale is null || m.Seeds is null || m.Claims is null || m.Device is null || m.Shard is null || m.CodeVersion is null)
                throw new InvalidDataException($"'{path}' lacks required fields");
            return m;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON ({e.Message.Split(" Path:")[0]})", e);
        }
    }

    /// <summary>
    /// Every way <paramref name="requested"/> differs from this (stored) run, as one phrase each, e.g.
    /// "scale: the run is ci, this command asks for smoke"; empty when they are the same run.
    /// </summary>
    public IReadOnlyList<string> Differences(RunManifest requested)
    {
        var d = new List<string>();
        if (Scale != requested.Scale) d.Add($"scale (the run's is {Scale}, not {requested.Scale})");
        if (!Seeds.SequenceEqual(requested.Seeds))
            d.Add($"seeds (the run's are {string.Join(", ", Seeds)}, not {string.Join(", ", requested.Seeds)})");
        if (!Claims.SequenceEqual(requested.Claims))
            d.Add($"claims (the run has {Describe(Claims, requested.Claims)})");
        if (Device != requested.Device) d.Add($"device (the run's is {Device}, not {requested.Device})");
        if (Shard != requested.Shard) d.Add($"shard (the run's is {Shard}, not {requested.Shard})");
        if (CodeVersion != requested.CodeVersion)
            d.Add($"code version (the run's is {CodeVersion}, this build is {requested.CodeVersion})");
        return d;
    }

    private static string Describe(IReadOnlyList<string> stored, IReadOnlyList<string> requested)
    {
        var extra = stored.Except(requested).ToList();
        var missing = requested.Except(stored).ToList();
        var parts = new List<string> { $"{stored.Count} claims, this command selects {requested.Count}" };
        if (missing.Count > 0) parts.Add($"not in the run: {First(missing)}");
        if (extra.Count > 0) parts.Add($"not selected now: {First(extra)}");
        return string.Join("; ", parts);
    }

    private static string First(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.Take(3)) + (ids.Count > 3 ? $" and {ids.Count - 3} more" : "");
}
