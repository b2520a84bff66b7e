using System.Reflection;
using System.Text.Json.Serialization;

namespace Verification.Core.Claims;

/// <summary>
/// The outcome of checking a claim. <see cref="NotRun"/> is for a scale the claim declares it cannot check honestly;
/// it is never counted as passed. The names below are how results.json and the claim records spell a verdict (the one
/// place they are spelled); reports say it for people through <c>ReportText.Verdict</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("holds")] Holds,
    [JsonStringEnumMemberName("refuted")] Refuted,
    [JsonStringEnumMemberName("inconclusive")] Inconclusive,
    [JsonStringEnumMemberName("not-run")] NotRun,
}

public static class VerdictNames
{
    private static readonly IReadOnlyDictionary<Verdict, string> Names = Enum.GetValues<Verdict>().ToDictionary(v => v,
        v => typeof(Verdict).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);

    /// <summary>The verdict as results.json writes it: holds, refuted, inconclusive, not-run.</summary>
    public static string Name(this Verdict verdict) => Names[verdict];
}
