using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>The negative control as persisted.</summary>
public sealed record ControlRecord(string Description, string Verdict, string Reason, SortedDictionary<string, double> Measured,
    IReadOnlyList<CheckRecord> Checks);

/// <summary>
/// One check as persisted: the name (<c>case.name</c> inside a case), the measured and expected values, the tolerance
/// kind (<c>absolute</c>, <c>relative</c>, <c>at-most</c>, <c>at-least</c>, <c>true</c>), its value (and the absolute
/// floor of a relative tolerance), whether it passed and, for a structural fact, what was found.
/// </summary>
public sealed record CheckRecord(string Name, double Measured, double Expected, string Kind, double Tolerance,
    double? Floor, bool Passed, string? Detail)
{
    public static CheckRecord From(Check c) => new(c.Key, c.Measured, c.Expected, c.Tolerance.KindName,
        c.Tolerance.Value, c.Tolerance.Floor > 0 ? c.Tolerance.Floor : null, c.Passed, c.Detail);

    public static IReadOnlyList<CheckRecord> From(IReadOnlyList<Check> checks) => checks.Select(From).ToArray();
}

/// <summary>
/// The persisted, self-contained result of one work item (a claim at one seed): everything the report needs, the
/// files it produced (relative to the run folder) and the hash of the configuration that produced it. Written to
/// <c>claims/&lt;id&gt;@&lt;seed&gt;.json</c> as soon as the claim finishes, so an interrupted run can be resumed and
/// shards can be merged.
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
    string CodeVersion,
    string ConfigHash,
    string Verdict,
    string Reason,
    string Recorded,
    SortedDictionary<string, JsonElement> Parameters,
    SortedDictionary<string, double> Measured,
    IReadOnlyList<CheckRecord> Checks,
    ControlRecord? NegativeControl,
    IReadOnlyList<string> Files,
    double ElapsedSeconds = 0)
{
    public string Key => WorkKey(Id, Seed);

    /// <summary>Whether the verdict is what the harness has recorded (not-run counts as expected).</summary>
    public bool AsRecorded => Verdict == "not-run" || Verdict == Recorded;

    public static string WorkKey(string id, int seed) => $"{id}@{seed}";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static ClaimRecord From(Evidence e, string codeVersion, IReadOnlyList<string> files) => new(
        e.ClaimId, e.Paper.Id.ToString(), e.Paper.CitationKey, e.Paper.ArXiv, e.Paper.Title, e.Section, e.Statement,
        e.Scale.ToCli(), e.Seed, e.Device, codeVersion,
        ConfigHashOf(e.ClaimId, e.Parameters, e.Scale, e.Seed, e.Device, codeVersion),
        ResultsJson.VerdictName(e.Verdict), e.Reason, ResultsJson.VerdictName(e.Recorded), ParametersOf(e.Parameters),
        Sorted(e.Measured), CheckRecord.From(e.Checks),
        e.NegativeControl is { } c
            ? new ControlRecord(c.Description, ResultsJson.VerdictName(c.Verdict), c.Reason, Sorted(c.Measured),
                CheckRecord.From(c.Checks))
            : null,
        files, e.ElapsedSeconds);

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
        }, Json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static SortedDictionary<string, JsonElement> ParametersOf(IReadOnlyDictionary<string, object> map) =>
        new(map.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value, kv.Value.GetType(), Json)),
            StringComparer.Ordinal);

    private static SortedDictionary<string, double> Sorted(IReadOnlyDictionary<string, double> map) =>
        new(map.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Parses a stored record; anything malformed is <see cref="InvalidDataException"/> (never trusted).</summary>
    public static ClaimRecord Parse(string json, string source)
    {
        try
        {
            var r = JsonSerializer.Deserialize<ClaimRecord>(json, Json)
                    ?? throw new InvalidDataException($"{source}: empty claim record");
            if (string.IsNullOrEmpty(r.Id) || string.IsNullOrEmpty(r.ConfigHash) || r.Measured is null || r.Files is null
                || r.Parameters is null || string.IsNullOrEmpty(r.Recorded) || r.Checks is null)
                throw new InvalidDataException($"{source}: claim record lacks required fields");
            return r;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: malformed claim record ({e.Message})", e);
        }
    }
}
