using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// results.json (schema <c>verification-results/3</c>, <c>schemas/verification-results-3.schema.json</c>): the run's
/// configuration, summary counts and its claims, each a <see cref="ClaimRecord"/>. Nothing time-dependent is in it,
/// so the same seed gives byte-identical files.
/// </summary>
public sealed record ResultsDocument(string Schema, string Scale, IReadOnlyList<int> Seeds, string Device, string CodeVersion,
    RunSummary Summary, IReadOnlyList<ClaimRecord> Claims);

/// <summary>How many work items reached each verdict, how many as recorded and, for several seeds, each claim over its seeds.</summary>
public sealed record RunSummary(int Holds, int Refuted, int Inconclusive, int NotRun, int AsRecorded)
{
    public IReadOnlyList<SeedSummary>? OverSeeds { get; init; }

    public static RunSummary Of(IReadOnlyList<ClaimRecord> records) => new(
        records.Count(r => r.Verdict == Verdict.Holds), records.Count(r => r.Verdict == Verdict.Refuted),
        records.Count(r => r.Verdict == Verdict.Inconclusive), records.Count(r => r.Verdict == Verdict.NotRun),
        records.Count(r => r.AsRecorded));
}

/// <summary>A claim over the seeds of a run (<see cref="SeedAggregate"/>): k of n as recorded, seeds needed, Wilson 95% bounds.</summary>
public sealed record SeedSummary(string Id, int AsRecorded, int Seeds, int Needed, IReadOnlyList<double> Wilson95, bool HoldsOverSeeds);

/// <summary>timings.json: when the run started and the seconds of each work item (never in results.json).</summary>
public sealed record TimingsDocument(string StartedAt, double TotalSeconds, IReadOnlyDictionary<string, double> Claims);

/// <summary>
/// The serializer of the result model, generated at compile time. Numbers are written as System.Text.Json writes a
/// double (shortest round-trip form, e.g. <c>1.1102230246251565E-16</c>), non-finite ones as the strings "NaN",
/// "Infinity", "-Infinity"; absent optional fields are left out.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ResultsDocument))]
[JsonSerializable(typeof(ClaimRecord))]
[JsonSerializable(typeof(TimingsDocument))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;

public static class ResultsJson
{
    /// <summary>
    /// Version 3 writes results.json from the same types as the claim records: each claim adds its paper's title and,
    /// where they apply, <c>stoppedEarly</c>; each check its quantifier (<c>over</c>, <c>failing</c>, <c>worst</c>) and
    /// <c>assumption</c>. Version 2 files (no such fields, no paper title) are still read (<see cref="Load"/>).
    /// </summary>
    public const string Schema = "verification-results/3";

    public const string SchemaPrefix = "verification-results/";

    /// <summary>Text as it is (π, ≤, +): results.json is data, never embedded in a page.</summary>
    private static readonly JsonSerializerOptions Options =
        new(ResultsJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static ResultsDocument Document(RunInfo run, IReadOnlyList<ClaimRecord> records) => new(
        Schema, run.Scale.ToCli(), run.Seeds, run.Device, run.CodeVersion,
        RunSummary.Of(records) with { OverSeeds = run.Seeds.Count > 1 ? SeedAggregate.Summaries(records, run.Claims) : null },
        records.Select(r => r with { CodeVersion = null, ElapsedSeconds = 0 }).ToList());

    public static string Results(RunInfo run, IReadOnlyList<ClaimRecord> records) =>
        JsonSerializer.Serialize(Document(run, records), Info<ResultsDocument>()) + "\n";

    public static string Timings(RunInfo run, IReadOnlyList<ClaimRecord> records) => JsonSerializer.Serialize(
        new TimingsDocument(run.StartedAt.ToString("O"), Math.Round(records.Sum(r => r.ElapsedSeconds), 3),
            records.ToDictionary(r => r.Key, r => Math.Round(r.ElapsedSeconds, 3))), Info<TimingsDocument>()) + "\n";

    /// <summary>
    /// Reads <paramref name="path"/> (a run folder or its results.json) of schema 3 or 2; a schema-2 file is converted
    /// on read (the paper's title from the registry). Anything else is an <see cref="InvalidDataException"/> whose
    /// message is one line naming the file.
    /// </summary>
    public static ResultsDocument Load(string path)
    {
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, "results.json") : path;
        if (Directory.Exists(path) && !File.Exists(file))
            throw new InvalidDataException($"'{path}' is a folder without results.json (not a finished verify run)");
        if (!File.Exists(file)) throw new InvalidDataException($"'{path}' does not exist");
        try
        {
            return Parse(File.ReadAllText(file), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"'{file}' cannot be read ({e.Message})", e);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"'{file}' is not a verify results.json ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    private static ResultsDocument Parse(string text, string file)
    {
        var root = JsonNode.Parse(text) as JsonObject;
        var schema = root?["schema"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (root is null || schema is null || !schema.StartsWith(SchemaPrefix, StringComparison.Ordinal))
            throw new InvalidDataException($"'{file}' is not a verify results.json (no \"schema\": \"{SchemaPrefix}N\")");
        if (schema == SchemaPrefix + "2") FromVersion2(root);
        else if (schema != Schema)
            throw new InvalidDataException($"'{file}' has schema {schema}; this version reads {Schema} and {SchemaPrefix}2");
        return root.Deserialize(Info<ResultsDocument>()) ?? throw new InvalidDataException($"'{file}' is empty");
    }

    /// <summary>Schema 2 lacks only the paper's title on each claim: it is taken from the paper registry.</summary>
    private static void FromVersion2(JsonObject root)
    {
        foreach (var claim in root["claims"]?.AsArray().OfType<JsonObject>() ?? []) WithPaperTitle(claim);
    }

    private static void WithPaperTitle(JsonObject claim)
    {
        var paper = claim["paper"]?.GetValue<string>() ?? "";
        claim["paperTitle"] ??= PaperRef.All.FirstOrDefault(p => p.Id.ToString() == paper)?.Title ?? paper;
    }

    /// <summary>
    /// Reads a stored claim record (<c>claims/&lt;id&gt;@&lt;seed&gt;.json</c>) of any version, for reading history: records
    /// written before schema 3 (the stopped runs kept in results/paper) give a check's tolerance flat
    /// (<c>"kind"</c>, <c>"tolerance": value</c>, <c>"floor"</c>) and may lack the paper's title; both are converted on
    /// read. Anything malformed is an <see cref="InvalidDataException"/> naming the file. (A resumed run never reuses
    /// such a record: <see cref="ClaimRecord.Parse"/> takes the current form only.)
    /// </summary>
    public static ClaimRecord LoadClaimRecord(string path)
    {
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject claim) throw new InvalidDataException($"'{path}' is not a claim record");
            WithPaperTitle(claim);
            foreach (var checks in new[] { claim["checks"], claim["negativeControl"]?["checks"] }.OfType<JsonArray>())
                foreach (var check in checks.OfType<JsonObject>().Where(c => c["tolerance"] is JsonValue && c["kind"] is not null))
                {
                    var tolerance = new JsonObject { ["kind"] = check["kind"]!.DeepClone(), ["value"] = check["tolerance"]!.DeepClone() };
                    if (check["floor"] is JsonValue floor && floor.TryGetValue<double>(out var f) && f > 0) tolerance["floor"] = f;
                    check.Remove("kind");
                    check.Remove("floor");
                    check["tolerance"] = tolerance;
                }
            return claim.Deserialize(Info<ClaimRecord>()) ?? throw new InvalidDataException($"'{path}' is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException)
        {
            throw new InvalidDataException($"'{path}' is not a claim record ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }
}
