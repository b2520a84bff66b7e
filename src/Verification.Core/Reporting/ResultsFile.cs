using System.Globalization;
using System.Text.Json;

namespace Verification.Core.Reporting;

/// <summary>One check of a claim as read back from results.json (schema 2 writes them; schema 1 has none).</summary>
public sealed record CheckRow(string Name, double? Measured, double? Expected, double? Tolerance, bool Passed);

/// <summary>One work item (claim × seed) as read back from a results.json, whatever its schema.</summary>
public sealed record ResultRow(
    string Id,
    string Paper,
    int Seed,
    string Statement,
    string Verdict,
    string Recorded,
    string? ControlVerdict,
    IReadOnlyDictionary<string, double> Measured,
    IReadOnlyDictionary<string, double> Reference,
    IReadOnlyDictionary<string, double> Tolerance,
    IReadOnlyList<CheckRow>? Checks)
{
    public string Key => ClaimRecord.WorkKey(Id, Seed);
}

/// <summary>
/// A results.json read tolerantly, for tools that compare runs: schema <c>verification-results/1</c> (flat
/// measured/reference/tolerance maps) and later schemas that add a per-claim <c>checks</c> list. Fields a reader does
/// not need are ignored; a file that is not a results file at all is an <see cref="InvalidDataException"/> whose
/// message is one line naming the file.
/// </summary>
public sealed record ResultsFile(string Path, string Schema, string Scale, string Device, IReadOnlyList<ResultRow> Claims)
{
    public const string SchemaPrefix = "verification-results/";

    /// <summary>Reads <paramref name="path"/>: a run folder (its results.json) or a results.json file.</summary>
    public static ResultsFile Load(string path)
    {
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, "results.json") : path;
        if (Directory.Exists(path) && !File.Exists(file))
            throw new InvalidDataException($"'{path}' is a folder without results.json (not a finished verify run)");
        if (!File.Exists(file)) throw new InvalidDataException($"'{path}' does not exist");
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"'{file}' cannot be read ({e.Message})", e);
        }
        try
        {
            return Parse(text, file);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"'{file}' is not a verify results.json ({FirstLine(e.Message)})", e);
        }
    }

    private static ResultsFile Parse(string text, string file)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema)
            || schema.ValueKind != JsonValueKind.String || !schema.GetString()!.StartsWith(SchemaPrefix, StringComparison.Ordinal))
            throw new InvalidDataException($"'{file}' is not a verify results.json (no \"schema\": \"{SchemaPrefix}N\")");
        var claims = new List<ResultRow>();
        foreach (var c in root.GetProperty("claims").EnumerateArray())
        {
            claims.Add(new ResultRow(
                c.GetProperty("id").GetString()!,
                Text(c, "paper") ?? "",
                c.GetProperty("seed").GetInt32(),
                Text(c, "statement") ?? "",
                c.GetProperty("verdict").GetString()!,
                Text(c, "recorded") ?? "holds",
                c.TryGetProperty("negativeControl", out var nc) && nc.ValueKind == JsonValueKind.Object ? Text(nc, "verdict") : null,
                Numbers(c, "measured"), Numbers(c, "reference"), Numbers(c, "tolerance"),
                c.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Array
                    ? checks.EnumerateArray().Select(Check).ToList()
                    : null));
        }
        return new ResultsFile(file, schema.GetString()!, Text(root, "scale") ?? "", Text(root, "device") ?? "", claims);
    }

    private static CheckRow Check(JsonElement c, int index)
    {
        // The tolerance of a check is either a number or an object { kind, value }.
        double? tol = c.TryGetProperty("tolerance", out var t)
            ? t.ValueKind == JsonValueKind.Object ? Number(t, "value") : Number(c, "tolerance")
            : null;
        var passed = c.TryGetProperty("passed", out var p) && p.ValueKind is JsonValueKind.True;
        return new CheckRow(Text(c, "name") ?? $"check {index + 1}", Number(c, "measured"), Number(c, "expected"), tol, passed);
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? ToDouble(v) : null;

    private static double? ToDouble(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String => v.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        },
        _ => null,
    };

    private static IReadOnlyDictionary<string, double> Numbers(JsonElement o, string name)
    {
        var map = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (o.TryGetProperty(name, out var m) && m.ValueKind == JsonValueKind.Object)
            foreach (var p in m.EnumerateObject())
                if (ToDouble(p.Value) is { } d) map[p.Name] = d;
        return map;
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
