using System.Globalization;
using System.Text;
using System.Text.Json;
using Verification.Core.Claims;
using Verification.Core.Data;
using Verification.Core.IO;

namespace Verification.Cli;

/// <summary>
/// Seconds per claim at a scale, used only to start the longest work items first (<see cref="ConcurrentItems"/>).
/// Two sources: the hints committed with the CLI (<c>src/Verification.Cli/CostHints/&lt;scale&gt;.json</c>, embedded,
/// refreshed from run records with <c>verify cost-hints</c>), so that a fresh clone's first run already starts the
/// critical path first; and the seconds measured by this machine's earlier runs (the dataset cache,
/// <c>timings/&lt;scale&gt;.json</c>), which win per claim. A claim in neither has no hint (list order among those).
/// Hints never influence a result, only the order in which items start; a missing or unreadable source means "no hints".
/// </summary>
public static class CostHints
{
    /// <summary>The committed hints' folder, relative to the repository root.</summary>
    public static readonly string CommittedFolder = Path.Combine("src", "Verification.Cli", "CostHints");

    /// <summary>The committed hints overridden per claim by the measured ones of <paramref name="cache"/> (default: this machine's).</summary>
    public static IReadOnlyDictionary<string, double> Load(Scale scale, DatasetCache? cache = null) => Merge(Committed(scale), Measured(scale, cache));

    /// <summary>Per claim the measured seconds where there are some, else the committed ones.</summary>
    public static IReadOnlyDictionary<string, double> Merge(IReadOnlyDictionary<string, double> committed, IReadOnlyDictionary<string, double> measured)
    {
        var hints = committed.ToDictionary(StringComparer.Ordinal);
        foreach (var (id, seconds) in measured) hints[id] = seconds;
        return hints;
    }

    /// <summary>The hints committed for <paramref name="scale"/> (an embedded resource); empty when there are none.</summary>
    public static IReadOnlyDictionary<string, double> Committed(Scale scale)
    {
        using var stream = typeof(CostHints).Assembly.GetManifestResourceStream($"Verification.Cli.CostHints.{scale.ToCli()}.json");
        if (stream is null) return new Dictionary<string, double>();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd()) ?? new Dictionary<string, double>();
    }

    /// <summary>The seconds measured by earlier runs on this machine (<paramref name="cache"/>, default the dataset cache); empty when none or unreadable.</summary>
    public static IReadOnlyDictionary<string, double> Measured(Scale scale, DatasetCache? cache = null)
    {
        try
        {
            var path = PathFor(scale, cache);
            return File.Exists(path) ? Parse(File.ReadAllText(path)) ?? new Dictionary<string, double>() : new Dictionary<string, double>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Dictionary<string, double>();
        }
    }

    /// <summary>Remembers the seconds of the claims that ran (the largest over seeds), keeping the measured hints of the others.</summary>
    public static void Save(Scale scale, IEnumerable<(string ClaimId, double Seconds)> measured)
    {
        try
        {
            var hints = Measured(scale).ToDictionary(StringComparer.Ordinal);
            foreach (var group in measured.GroupBy(m => m.ClaimId))
                hints[group.Key] = Math.Round(group.Max(m => m.Seconds), 1);
            AtomicFile.WriteAllText(PathFor(scale, null), ToJson(hints));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Hints are an optimisation; a read-only cache just means the committed hints next time.
        }
    }

    /// <summary>One claim per line, keys sorted (ordinal), seconds with one decimal: a refresh diffs line by line.</summary>
    public static string ToJson(IReadOnlyDictionary<string, double> hints)
    {
        var json = new StringBuilder("{\n");
        var sorted = hints.OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        for (int i = 0; i < sorted.Count; i++)
            json.Append(CultureInfo.InvariantCulture,
                $"  {JsonSerializer.Serialize(sorted[i].Key)}: {Math.Round(sorted[i].Value, 1).ToString("F1", CultureInfo.InvariantCulture)}{(i < sorted.Count - 1 ? "," : "")}\n");
        return json.Append("}\n").ToString();
    }

    /// <summary>A hints file read; null when it is not an object of numbers.</summary>
    public static Dictionary<string, double>? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string PathFor(Scale scale, DatasetCache? cache) => (cache ?? DatasetCache.Default()).PathFor("timings", $"{scale.ToCli()}.json");
}
