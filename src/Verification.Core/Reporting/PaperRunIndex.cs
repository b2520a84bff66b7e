using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Verification.Core.Reporting;

/// <summary>
/// One committed run folder of <c>results/paper/</c>, named <c>&lt;letters&gt;[&lt;digits&gt;]-&lt;commit&gt;[-partial]</c>: its
/// manifest (run.json), its claim records (results.json, or the claims/ records of a run stopped before its end) and
/// the seconds of each (timings.json, or the records' own).
/// </summary>
public sealed record PaperRun(string Name, string Commit, bool Partial, RunManifest? Manifest, IReadOnlyList<ClaimRecord> Records,
    IReadOnlyDictionary<string, double> Seconds)
{
    /// <summary>The run's letter part and number ("b" and 1 for b1-974757f-partial): the order runs were made in.</summary>
    public (string Letters, int Number) Key { get; } = ParseKey(Name);

    private static readonly Regex Pattern = new("^([a-z]+)([0-9]*)-([0-9a-f]{7,40})(-partial)?$", RegexOptions.CultureInvariant);

    internal static bool Matches(string name) => Pattern.IsMatch(name);

    private static (string, int) ParseKey(string name)
    {
        var m = Pattern.Match(name);
        return (m.Groups[1].Value, m.Groups[2].Value.Length == 0 ? 0 : int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Run order: by letters (a shorter word first, so aa follows z), then by number (b1 before b2).</summary>
    public static int Order(PaperRun x, PaperRun y)
    {
        int c = x.Key.Letters.Length.CompareTo(y.Key.Letters.Length);
        if (c == 0) c = string.CompareOrdinal(x.Key.Letters, y.Key.Letters);
        return c != 0 ? c : x.Key.Number.CompareTo(y.Key.Number);
    }

    public static PaperRun Load(string folder)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var m = Pattern.Match(name);
        if (!m.Success)
            throw new InvalidDataException($"'{folder}': a paper run folder is named <letters>[<digits>]-<commit>[-partial], e.g. w-1a2b3c4");
        var manifest = RunManifest.TryRead(folder);
        IReadOnlyList<ClaimRecord> records;
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        if (File.Exists(Path.Combine(folder, "results.json")))
        {
            records = ResultsJson.Load(folder).Claims;
            var timings = Path.Combine(folder, "timings.json");
            if (File.Exists(timings))
                foreach (var (key, value) in JsonDocument.Parse(File.ReadAllText(timings)).RootElement.GetProperty("claims").EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())))
                    seconds[key] = value;
        }
        else
        {
            var claims = Path.Combine(folder, "claims");
            if (!Directory.Exists(claims)) throw new InvalidDataException($"'{folder}' has neither results.json nor claims/ (not a verify run)");
            records = Directory.GetFiles(claims, "*.json").Order(StringComparer.Ordinal)
                .Select(f => ClaimRecord.Parse(OlderChecksNested(File.ReadAllText(f), f), f)).ToList();
            foreach (var r in records) seconds[r.Key] = r.ElapsedSeconds;
        }
        return new PaperRun(name, m.Groups[3].Value, m.Groups[4].Success, manifest, records, seconds);
    }

    /// <summary>
    /// The claim files of runs before schema 2 wrote a check's tolerance flat (<c>"kind": "at-least", "tolerance": 0,
    /// "floor": null</c>); they are rewritten in the nested form (<c>"tolerance": {"kind", "value"[, "floor"]}</c>).
    /// </summary>
    private static string OlderChecksNested(string json, string file)
    {
        if (JsonNode.Parse(json) is not JsonObject root) throw new InvalidDataException($"{file}: not a claim record");
        var checks = (root["checks"] as JsonArray ?? []).Concat((root["negativeControl"] as JsonObject)?["checks"] as JsonArray ?? []);
        foreach (var check in checks.OfType<JsonObject>().Where(c => c["tolerance"] is JsonValue))
        {
            var tolerance = new JsonObject { ["kind"] = check["kind"]?.DeepClone(), ["value"] = check["tolerance"]!.DeepClone() };
            if (check["floor"] is JsonValue floor && floor.GetValue<double>() > 0) tolerance["floor"] = floor.DeepClone();
            check.Remove("kind");
            check.Remove("floor");
            check["tolerance"] = tolerance;
        }
        return root.ToJsonString();
    }
}

/// <summary>
/// Every committed paper-scale run, in run order, and each claim's current record: the one of the latest run that
/// holds it (the earlier ones are superseded). A new run folder is picked up by its name alone.
/// </summary>
public sealed class PaperRunIndex
{
    private PaperRunIndex(IReadOnlyList<PaperRun> runs) => Runs = runs;

    public IReadOnlyList<PaperRun> Runs { get; }

    /// <summary>The run folders under <paramref name="folder"/> (results/paper); any other sub-folder is an error.</summary>
    public static PaperRunIndex Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidDataException($"'{folder}' does not exist");
        var runs = Directory.GetDirectories(folder).Select(PaperRun.Load).ToList();
        runs.Sort(PaperRun.Order);
        return new PaperRunIndex(runs);
    }

    /// <summary>The record of <paramref name="id"/> in the latest run that holds it (the lowest seed there), or null.</summary>
    public (ClaimRecord Record, PaperRun Run)? Current(string id)
    {
        for (int i = Runs.Count - 1; i >= 0; i--)
            if (Runs[i].Records.Where(r => r.Id == id).OrderBy(r => r.Seed).FirstOrDefault() is { } record) return (record, Runs[i]);
        return null;
    }

    /// <summary>The earlier runs that also hold <paramref name="id"/>, in run order.</summary>
    public IReadOnlyList<PaperRun> Superseded(string id) =>
        Current(id) is { } current ? Runs.Where(r => r != current.Run && r.Records.Any(c => c.Id == id)).ToList() : [];

    /// <summary>Every claim id: those of <paramref name="registry"/> in its order, then any other the records hold.</summary>
    public IReadOnlyList<string> ClaimIds(IReadOnlyList<string> registry) =>
        registry.Concat(Runs.SelectMany(r => r.Records.Select(c => c.Id)).Where(id => !registry.Contains(id)).Distinct().Order(StringComparer.Ordinal)).ToList();
}
