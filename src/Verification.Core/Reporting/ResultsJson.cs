using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// The machine-readable contract of a run, <c>results.json</c> (schema <c>verification-results/2</c>, see <see cref="Schema"/>): run
/// configuration, summary counts, and per work item (claim × seed) its id, paper, statement, verdict and reason,
/// the recorded verdict (holds, or refuted for a documented finding), parameters, the flat <c>measured</c> name → number map and the <c>checks</c> that decided the verdict, the negative control,
/// the files it produced and its configuration hash. Nothing time-dependent is in it, so the same seed gives
/// byte-identical files; timings go to <c>timings.json</c>. Non-finite numbers are written as the strings "NaN",
/// "Infinity", "-Infinity".
/// </summary>
public static class ResultsJson
{
    /// <summary>
    /// Version 2 replaced the per-claim <c>reference</c> and <c>tolerance</c> maps (which mixed absolute and relative
    /// tolerances with thresholds) by a <c>checks</c> list, on the claim and on its control: exactly the comparisons
    /// that decided the verdict. <c>measured</c> is unchanged: every number measured, checked ones included.
    /// </summary>
    public const string Schema = "verification-results/2";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Results(RunInfo run, IReadOnlyList<ClaimRecord> records)
    {
        var claims = new JsonArray();
        foreach (var r in records)
        {
            claims.Add(new JsonObject
            {
                ["id"] = r.Id,
                ["paper"] = r.Paper,
                ["citation"] = r.Citation,
                ["arxiv"] = r.Arxiv,
                ["section"] = r.Section,
                ["statement"] = r.Statement,
                ["scale"] = r.Scale,
                ["seed"] = r.Seed,
                ["device"] = r.Device,
                ["verdict"] = r.Verdict,
                ["reason"] = r.Reason,
                ["recorded"] = r.Recorded,
                ["parameters"] = Parameters(r.Parameters),
                ["measured"] = Numbers(r.Measured),
                ["checks"] = Checks(r.Checks),
                ["negativeControl"] = r.NegativeControl is { } c
                    ? new JsonObject
                    {
                        ["description"] = c.Description,
                        ["verdict"] = c.Verdict,
                        ["reason"] = c.Reason,
                        ["measured"] = Numbers(c.Measured),
                        ["checks"] = Checks(c.Checks),
                    }
                    : null,
                ["files"] = new JsonArray(r.Files.Select(f => (JsonNode)f).ToArray()),
                ["configHash"] = r.ConfigHash,
            });
        }
        var root = new JsonObject
        {
            ["schema"] = Schema,
            ["scale"] = run.Scale.ToCli(),
            ["seeds"] = new JsonArray(run.Seeds.Select(s => (JsonNode)s).ToArray()),
            ["device"] = run.Device,
            ["codeVersion"] = run.CodeVersion,
            ["summary"] = new JsonObject
            {
                ["holds"] = records.Count(r => r.Verdict == VerdictName(Verdict.Holds)),
                ["refuted"] = records.Count(r => r.Verdict == VerdictName(Verdict.Refuted)),
                ["inconclusive"] = records.Count(r => r.Verdict == VerdictName(Verdict.Inconclusive)),
                ["notRun"] = records.Count(r => r.Verdict == VerdictName(Verdict.NotRun)),
                ["asRecorded"] = records.Count(r => r.AsRecorded),
            },
            ["claims"] = claims,
        };
        if (run.Seeds.Count > 1) root["summary"]!["overSeeds"] = SeedAggregate.Json(records, run.Claims);
        return root.ToJsonString(Options) + "\n";
    }

    public static string Timings(RunInfo run, IReadOnlyList<ClaimRecord> records)
    {
        var claims = new JsonObject();
        foreach (var r in records) claims[r.Key] = Math.Round(r.ElapsedSeconds, 3);
        return new JsonObject
        {
            ["startedAt"] = run.StartedAt.ToString("O"),
            ["totalSeconds"] = Math.Round(records.Sum(r => r.ElapsedSeconds), 3),
            ["claims"] = claims,
        }.ToJsonString(Options) + "\n";
    }

    public static string VerdictName(Verdict v) => v switch
    {
        Verdict.Holds => "holds",
        Verdict.Refuted => "refuted",
        Verdict.Inconclusive => "inconclusive",
        Verdict.NotRun => "not-run",
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };

    private static JsonObject Numbers(IReadOnlyDictionary<string, double> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            o[k] = Number(v);
        return o;
    }

    /// <summary>Each check as <c>{name, measured, expected, tolerance: {kind, value[, floor]}, passed[, detail]}</c>.</summary>
    private static JsonArray Checks(IReadOnlyList<CheckRecord> checks)
    {
        var a = new JsonArray();
        foreach (var c in checks)
        {
            var tolerance = new JsonObject { ["kind"] = c.Kind, ["value"] = Number(c.Tolerance) };
            if (c.Floor is { } floor) tolerance["floor"] = Number(floor);
            var o = new JsonObject
            {
                ["name"] = c.Name,
                ["measured"] = Number(c.Measured),
                ["expected"] = Number(c.Expected),
                ["tolerance"] = tolerance,
                ["passed"] = c.Passed,
            };
            if (c.Detail is { } detail) o["detail"] = detail;
            a.Add(o);
        }
        return a;
    }

    private static JsonValue Number(double v) =>
        double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");

    private static JsonObject Parameters(IReadOnlyDictionary<string, JsonElement> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal)) o[k] = JsonNode.Parse(v.GetRawText());
        return o;
    }
}
