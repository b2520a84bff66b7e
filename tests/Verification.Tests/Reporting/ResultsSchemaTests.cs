using System.Text.Json.Nodes;
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// results.json schema 3: what the check API records (a quantifier's worst case, an assumption, a sweep stopped early)
/// reaches the file and reads back, the committed JSON Schema accepts what the writer writes and rejects what it must not.
/// </summary>
public class ResultsSchemaTests
{
    private static readonly RunInfo Run = new(Scale.Smoke, [1, 2], "cpu", "test", DateTimeOffset.UnixEpoch);

    /// <summary>A refuted sweep: a ∀-check with two failing cases, a passed assumption, a NaN measurement, stopped early.</summary>
    private static Outcome Sweep()
    {
        var obs = new Observations();
        obs.Assume("flow-converged", true, "3 of 3 flows");
        obs.ExpectAll("max-err", [("p=0.1", 0.5, 0.0), ("p=0.2", 2.0, 0.0), ("p=0.3", 3.0, 0.0)], Tolerance.Absolute(1));
        obs.Measure("unstable", double.NaN);
        obs.StopOnceRefuted("p=0.4 … p=0.9");
        return obs.Conclude("never");
    }

    private static ClaimRecord Record(int seed)
    {
        var o = Sweep();
        var e = new Evidence("MC.sweep", PaperRef.MarkovMachinery, "§1", "A sweep.", Scale.Smoke, seed, "cpu", o.Verdict, o.Reason,
            Verdict.Holds, new Dictionary<string, object> { ["grid"] = new[] { 0.1, 0.2 } }, o.Measured, o.Checks,
            new ControlEvidence("sabotaged", o.Verdict, o.Reason, o.Measured, o.Checks) { StoppedEarly = o.StoppedEarly },
            [], [], 1.5) { StoppedEarly = o.StoppedEarly };
        return ClaimRecord.From(e, "test", []);
    }

    private static string Json() => ResultsJson.Results(Run, [Record(1), Record(2)]);

    [Fact]
    public void WhatTheCheckApiRecordsIsWrittenValidAndReadBack()
    {
        using var dir = new TempDir();
        var json = Json();
        ResultsSchema.AssertValid(json, "results.json");
        File.WriteAllText(dir["results.json"], json);
        var claim = ResultsJson.Load(dir["results.json"]).Claims[0];
        Assert.Equal(Verdict.Refuted, claim.Verdict);
        Assert.Equal("p=0.4 … p=0.9", claim.StoppedEarly);
        Assert.Equal("p=0.4 … p=0.9", claim.NegativeControl!.StoppedEarly);
        var all = Assert.Single(claim.Checks, c => c.Name == "max-err");
        Assert.Equal((3, 2, "p=0.3", 3.0, false), (all.Over, all.Failing, all.Worst, all.Measured, all.Passed));
        var assumption = Assert.Single(claim.Checks, c => c.Assumption);
        Assert.Equal(("flow-converged", ToleranceKind.IsTrue, "3 of 3 flows"), (assumption.Name, assumption.Tolerance.Kind, assumption.Detail));
        Assert.True(double.IsNaN(claim.Measured["unstable"]));
        Assert.Equal(0, claim.ElapsedSeconds);   // timings.json only
        Assert.Null(claim.CodeVersion);          // the run's, at the top
        Assert.Contains("\"assumption\": true", json);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json[..json.IndexOf("negativeControl")], "\"assumption\""));  // false is left out
    }

    [Theory]
    [InlineData("elapsed seconds in results.json", "claims/0/elapsedSeconds", "1.5")]
    [InlineData("a verdict that is not one", "claims/0/verdict", "\"passed\"")]
    [InlineData("an unknown tolerance kind", "claims/0/checks/0/tolerance/kind", "\"roughly\"")]
    [InlineData("a number as text", "claims/0/measured/unstable", "\"0.5\"")]
    [InlineData("another schema", "schema", "\"verification-results/2\"")]
    [InlineData("a quantifier without its failing count", "claims/0/checks/1/failing", null)]
    [InlineData("a check without its tolerance", "claims/0/checks/1/tolerance", null)]
    [InlineData("a Wilson bound above 1", "summary/overSeeds/0/wilson95/1", "1.5")]
    public void TheSchemaRejectsWhatTheWriterMustNotWrite(string what, string pointer, string? value)
    {
        var root = JsonNode.Parse(Json())!;
        var parts = pointer.Split('/');
        var parent = parts[..^1].Aggregate(root, (node, p) => int.TryParse(p, out var i) ? node[i]! : node[p]!);
        if (value is null) parent.AsObject().Remove(parts[^1]);
        else if (parent is JsonArray array) array[int.Parse(parts[^1])] = JsonNode.Parse(value);
        else parent[parts[^1]] = JsonNode.Parse(value);
        Assert.True(ResultsSchema.Errors(root.ToJsonString()).Count > 0, $"the schema accepts {what}");
    }
}
