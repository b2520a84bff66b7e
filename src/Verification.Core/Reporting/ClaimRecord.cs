using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Core.Reporting;

/// <summary>A check's tolerance as persisted: its kind, its value and, for a relative tolerance with one, the absolute floor.</summary>
public sealed record ToleranceRecord([property: JsonConverter(typeof(ToleranceKindJson))] ToleranceKind Kind, double Value,
    double? Floor = null)
{
    public static ToleranceRecord From(Tolerance t) => new(t.Kind, t.Value, t.Floor > 0 ? t.Floor : null);

    public Tolerance ToTolerance() => new(Kind, Value, Floor ?? 0);
}

/// <summary>Tolerance kinds by the names <see cref="Tolerance.KindName"/> gives them: absolute, relative, at-most, at-least, true.</summary>
internal sealed class ToleranceKindJson() : JsonStringEnumConverter<ToleranceKind>(new Names(), allowIntegerValues: false)
{
    private sealed class Names : JsonNamingPolicy
    {
        public override string ConvertName(string name) => new Tolerance(Enum.Parse<ToleranceKind>(name), 0).KindName;
    }
}

/// <summary>
/// One check as persisted: the name (<c>case.name</c> inside a case), the measured and expected values, the tolerance,
/// whether it passed; for an assumption (a precondition of the experiment) <c>assumption: true</c>; for a check over
/// many cases how many (<c>over</c>), how many fail (<c>failing</c>) and which case is shown (<c>worst</c>); for a
/// structural fact what was found (<c>detail</c>); where in the source the check was made (<c>source</c>,
/// <c>path:line</c> relative to the repository root; absent in records written before it existed).
/// </summary>
public sealed record CheckRecord(string Name, double Measured, double Expected, ToleranceRecord Tolerance, bool Passed)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Assumption { get; init; }

    public int? Over { get; init; }
    public int? Failing { get; init; }
    public string? Worst { get; init; }
    public string? Detail { get; init; }
    public string? Source { get; init; }

    public static CheckRecord From(Check c) => new(c.Key, c.Measured, c.Expected, ToleranceRecord.From(c.Tolerance), c.Passed)
    {
        Assumption = c.Assumption, Over = c.Over, Failing = c.Failing, Worst = c.Worst, Detail = c.Detail, Source = c.Source,
    };

    public static IReadOnlyList<CheckRecord> From(IReadOnlyList<Check> checks) => checks.Select(From).ToArray();
}

/// <summary>The negative (or, for a recorded finding, positive) control as persisted.</summary>
public sealed record ControlRecord(string Description, Verdict Verdict, string Reason, IReadOnlyDictionary<string, double> Measured,
    IReadOnlyList<CheckRecord> Checks)
{
    /// <summary>What the control's check did not run once refuted (<see cref="Outcome.StoppedEarly"/>); absent when it ran to the end.</summary>
    public string? StoppedEarly { get; init; }

    /// <summary>Where the control's plain measurements were made (<c>path:line</c>); absent when none was recorded.</summary>
    public IReadOnlyDictionary<string, string>? MeasuredSources { get; init; }
}

/// <summary>
/// The one model of a result: a work item (a claim at one seed) with everything the report needs, the files it
/// produced (relative to the run folder) and the hash of the configuration that produced it. Written to
/// <c>claims/&lt;id&gt;@&lt;seed&gt;.json</c> as soon as the claim finishes (so an interrupted run can be resumed and shards
/// can be merged), listed in results.json (<see cref="ResultsDocument"/>; there without <see cref="CodeVersion"/>, which
/// is the run's, and <see cref="ElapsedSeconds"/>, which goes to timings.json) and read by the reports, compare and merge.
/// </summary>
public sealed record ClaimRecord(
    string Id,
    string Paper,
    string Citation,
    string Arxiv,
    string PaperTitle,
    string Section,
    string Statement,
    string Scale,
    int Seed,
    string Device,
    Verdict Verdict,
    string Reason,
    Verdict Recorded,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    IReadOnlyDictionary<string, double> Measured,
    IReadOnlyList<CheckRecord> Checks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ControlRecord? NegativeControl,
    IReadOnlyList<string> Files,
    string ConfigHash)
{
    /// <summary>What the check did not run once refuted (<see cref="Outcome.StoppedEarly"/>); absent when it ran to the end.</summary>
    public string? StoppedEarly { get; init; }

    /// <summary>
    /// Where each plain measurement of <see cref="Measured"/> was made (<c>path:line</c>, <see cref="SourceLocation"/>);
    /// the checks carry their own <see cref="CheckRecord.Source"/>. Absent when none was recorded (older records).
    /// </summary>
    public IReadOnlyDictionary<string, string>? MeasuredSources { get; init; }

    /// <summary>
    /// One line per figure (its PNG's path, as in <see cref="Files"/>) saying what to look for in it
    /// (<see cref="Figure.Caption"/>); absent in runs made before figures carried captions.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Captions { get; init; }

    /// <summary>The code version of the run (claim files only: results.json has it once, at the top).</summary>
    public string? CodeVersion { get; init; }

    /// <summary>Seconds the claim took (claim files only: results.json stays byte-identical; timings.json has them).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double ElapsedSeconds { get; init; }

    [JsonIgnore]
    public string Key => WorkKey(Id, Seed);

    /// <summary>Whether the verdict is what the harness has recorded (not-run counts as expected).</summary>
    [JsonIgnore]
    public bool AsRecorded => Verdict == Verdict.NotRun || Verdict == Recorded;

    public static string WorkKey(string id, int seed) => $"{id}@{seed}";

    public static ClaimRecord From(Evidence e, string codeVersion, IReadOnlyList<string> files) => new(
        e.ClaimId, e.Paper.Id.ToString(), e.Paper.CitationKey, e.Paper.ArXiv, e.Paper.Title, e.Section, e.Statement,
        e.Scale.ToCli(), e.Seed, e.Device, e.Verdict, e.Reason, e.Recorded, ParametersOf(e.Parameters), Sorted(e.Measured),
        CheckRecord.From(e.Checks),
        e.NegativeControl is { } c
            ? new ControlRecord(c.Description, c.Verdict, c.Reason, Sorted(c.Measured), CheckRecord.From(c.Checks))
                { StoppedEarly = c.StoppedEarly, MeasuredSources = SourcesOrNull(c.MeasuredSources) }
            : null,
        files, ConfigHashOf(e.ClaimId, e.Parameters, e.Scale, e.Seed, e.Device, codeVersion))
    {
        StoppedEarly = e.StoppedEarly, MeasuredSources = SourcesOrNull(e.MeasuredSources), CodeVersion = codeVersion,
        ElapsedSeconds = e.ElapsedSeconds,
    };

    private static SortedDictionary<string, string>? SourcesOrNull(IReadOnlyDictionary<string, string> sources) =>
        sources.Count == 0 ? null : new(sources.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);

    /// <summary>Parameters are whatever a claim reports (numbers, strings, arrays, records): serialized by reflection, camelCase.</summary>
    private static readonly JsonSerializerOptions ParameterJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// SHA-256 over what determines a claim's evidence: id, parameters at the scale, scale, seed, device and code
    /// version. Equal hashes mean a stored record may stand in for a new run.
    /// </summary>
    public static string ConfigHashOf(string id, IReadOnlyDictionary<string, object> parameters, Scale scale, int seed,
        string device, string codeVersion)
    {
        var text = JsonSerializer.Serialize(new
        {
            id,
            parameters = ParametersOf(parameters),
            scale = scale.ToCli(),
            seed,
            device,
            codeVersion,
        }, ParameterJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A claim's parameters as the records hold them (for <c>verify explain</c>, which shows them per scale).</summary>
    public static SortedDictionary<string, JsonElement> ParametersOf(IReadOnlyDictionary<string, object> map) =>
        new(map.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value, kv.Value.GetType(), ParameterJson)),
            StringComparer.Ordinal);

    private static SortedDictionary<string, double> Sorted(IReadOnlyDictionary<string, double> map) =>
        new(map.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);

    public string ToJson() => JsonSerializer.Serialize(this, ResultsJson.Info<ClaimRecord>()) + "\n";

    /// <summary>Parses a stored record; anything malformed or incomplete is <see cref="InvalidDataException"/> (never trusted).</summary>
    public static ClaimRecord Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ResultsJson.Info<ClaimRecord>())
                   ?? throw new InvalidDataException($"{source}: empty claim record");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: malformed claim record ({e.Message})", e);
        }
    }
}
