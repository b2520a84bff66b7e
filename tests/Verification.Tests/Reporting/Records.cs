using System.Text.Json;
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Reporting;

namespace Verification.Tests.Reporting;

/// <summary>Hand-made claim records for report tests: a plain record to change with <c>with { … }</c>.</summary>
public static class Records
{
    public static readonly string Hash = new('0', 64);

    public static ClaimRecord Claim(string id, Verdict verdict, Verdict recorded = Verdict.Holds, int seed = 1, string scale = "smoke") => new(
        id, id[..2], "key", "0000.00000", "A paper", "§1", $"{id} is true", scale, seed, "cpu", verdict, "because", recorded,
        new Dictionary<string, JsonElement>(), new Dictionary<string, double>(), [], null, [], Hash);

    public static IReadOnlyDictionary<string, double> Map(params (string Key, double Value)[] items) =>
        new SortedDictionary<string, double>(items.ToDictionary(i => i.Key, i => i.Value), StringComparer.Ordinal);

    public static CheckRecord Check(string name, double measured, double expected, Tolerance tolerance, string? detail = null) =>
        CheckRecord.From(new Check(name, measured, expected, tolerance, Detail: detail));

    public static ControlRecord Control(Verdict verdict, string description = "sabotaged") =>
        new(description, verdict, "why", Map(), []);
}
