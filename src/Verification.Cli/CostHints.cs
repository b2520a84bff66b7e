using System.Text.Json;
using Verification.Core.Claims;
using Verification.Core.Data;
using Verification.Core.IO;

namespace Verification.Cli;

/// <summary>
/// Seconds per claim measured by earlier runs at a scale (kept in the dataset cache, <c>timings/&lt;scale&gt;.json</c>),
/// used only to start the longest items first. They never influence a result; a missing or unreadable file means
/// "no hints" (list order).
/// </summary>
public static class CostHints
{
    public static IReadOnlyDictionary<string, double> Load(Scale scale)
    {
        try
        {
            var path = PathFor(scale);
            if (!File.Exists(path)) return new Dictionary<string, double>();
            return JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path)) ?? new Dictionary<string, double>();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return new Dictionary<string, double>();
        }
    }

    /// <summary>Remembers the seconds of the claims that ran (the largest over seeds), keeping hints for the others.</summary>
    public static void Save(Scale scale, IEnumerable<(string ClaimId, double Seconds)> measured)
    {
        try
        {
            var hints = new SortedDictionary<string, double>(Load(scale).ToDictionary(), StringComparer.Ordinal);
            foreach (var group in measured.GroupBy(m => m.ClaimId))
                hints[group.Key] = Math.Round(group.Max(m => m.Seconds), 1);
            AtomicFile.WriteAllText(PathFor(scale), JsonSerializer.Serialize(hints) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Hints are an optimisation; a read-only cache just means list order next time.
        }
    }

    private static string PathFor(Scale scale) => DatasetCache.Default().PathFor("timings", $"{scale.ToCli()}.json");
}
