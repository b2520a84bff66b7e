using System.Text.Json.Nodes;
using Json.Schema;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// The committed contract of results.json, <c>schemas/verification-results-3.schema.json</c> (JSON Schema 2020-12),
/// checked with JsonSchema.Net. Every results.json a test writes goes through <see cref="AssertValid(string, string)"/>:
/// <see cref="Harness.CliRun"/> checks the run folders of every CLI run, the report tests the files they write.
/// </summary>
public static class ResultsSchema
{
    public static string Path { get; } = System.IO.Path.Combine(RepoPaths.Root, "schemas", "verification-results-3.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path));

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    /// <summary>Each way <paramref name="json"/> breaks the schema, as "instance location: message"; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        var result = Schema.Value.Evaluate(JsonNode.Parse(json), Options);
        if (result.IsValid) return [];
        return result.Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({e.Key} at {d.EvaluationPath})"))
            .DefaultIfEmpty("invalid (no detail)").ToList();
    }

    public static void AssertValid(string json, string source)
    {
        var errors = Errors(json);
        Assert.True(errors.Count == 0,
            $"{source} does not follow {System.IO.Path.GetFileName(Path)}:\n  " + string.Join("\n  ", errors.Take(20)));
    }

    /// <summary>Validates the results.json of a run folder, or a results.json file.</summary>
    public static void AssertValidFile(string path)
    {
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, "results.json") : path;
        AssertValid(File.ReadAllText(file), file);
    }
}
