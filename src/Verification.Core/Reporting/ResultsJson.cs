using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// The machine-readable contract of a run, <c>results.json</c> (schema <c>verification-results/1</c>): run
/// configuration, summary counts, and per claim its id, paper, statement, verdict and reason, parameters, the flat
/// <c>measured</c>/<c>reference</c>/<c>tolerance</c> name → number maps, the negative control, and the files it
/// produced. Nothing time-dependent is in it, so the same seed gives byte-identical files; timings go to
/// <c>timings.json</c>. Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity".
/// </summary>
public static class ResultsJson
{
    public const string Schema = "verification-results/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Results(RunInfo run, IReadOnlyList<Evidence> evidence, Func<Evidence, IEnumerable<string>> files)
    {
        var claims = new JsonArray();
        foreach (var e in evidence)
        {
            claims.Add(new JsonObject
            {
                ["id"] = e.ClaimId,
                ["paper"] = e.Paper.Id.ToString(),
                ["citation"] = e.Paper.CitationKey,
                ["arxiv"] = e.Paper.ArXiv,
                ["section"] = e.Section,
                ["statement"] = e.Statement,
                ["scale"] = e.Scale.ToCli(),
                ["seed"] = e.Seed,
                ["device"] = e.Device,
                ["verdict"] = VerdictName(e.Verdict),
                ["reason"] = e.Reason,
                ["parameters"] = Parameters(e.Parameters),
                ["measured"] = Numbers(e.Measured),
                ["reference"] = Numbers(e.Reference),
                ["tolerance"] = Numbers(e.Tolerance),
                ["negativeControl"] = e.NegativeControl is { } c
                    ? new JsonObject
                    {
                        ["description"] = c.Description,
                        ["verdict"] = VerdictName(c.Verdict),
                        ["reason"] = c.Reason,
                        ["measured"] = Numbers(c.Measured),
                    }
                    : null,
                ["files"] = new JsonArray(files(e).Select(f => (JsonNode)f).ToArray()),
            });
        }
        var root = new JsonObject
        {
            ["schema"] = Schema,
            ["scale"] = run.Scale.ToCli(),
            ["seed"] = run.Seed,
            ["device"] = run.Device,
            ["codeVersion"] = run.CodeVersion,
            ["summary"] = new JsonObject
            {
                ["holds"] = evidence.Count(e => e.Verdict == Verdict.Holds),
                ["refuted"] = evidence.Count(e => e.Verdict == Verdict.Refuted),
                ["inconclusive"] = evidence.Count(e => e.Verdict == Verdict.Inconclusive),
                ["notRun"] = evidence.Count(e => e.Verdict == Verdict.NotRun),
            },
            ["claims"] = claims,
        };
        return root.ToJsonString(Options) + "\n";
    }

    public static string Timings(RunInfo run, IReadOnlyList<Evidence> evidence)
    {
        var claims = new JsonObject();
        foreach (var e in evidence) claims[e.ClaimId] = Math.Round(e.ElapsedSeconds, 3);
        return new JsonObject
        {
            ["startedAt"] = run.StartedAt.ToString("O"),
            ["totalSeconds"] = Math.Round(evidence.Sum(e => e.ElapsedSeconds), 3),
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
            o[k] = double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        return o;
    }

    private static JsonObject Parameters(IReadOnlyDictionary<string, object> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            o[k] = JsonSerializer.SerializeToNode(v, v.GetType(), Options);
        return o;
    }
}
