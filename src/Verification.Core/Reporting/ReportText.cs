using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Core.Reporting;

/// <summary>
/// The words and cells of the report and the console, in one place so both say the same thing: one spelling per
/// verdict, one number format (<see cref="Significant.Text"/>), Markdown-safe table cells, and an expected value
/// written as the comparison it is (<c>= 0</c>, <c>≤ 1</c>, <c>0.5 ± 0.01</c>).
/// </summary>
public static partial class ReportText
{
    /// <summary>
    /// A claim's prose (verdict reasons) with every number in exponent notation (<c>1.11E-016</c>, <c>1E-012</c>)
    /// rewritten in the one number format (<c>1.11e-16</c>, <c>1e-12</c>), so the report does not mix two notations.
    /// </summary>
    public static string Prose(string text) => Exponent().Replace(text, m =>
        double.TryParse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? Significant.Text(x) : m.Value);

    [GeneratedRegex(@"(?<![\w.])[-+]?\d+(?:\.\d+)?[eE][-+]?\d+(?![\w.])")]
    private static partial Regex Exponent();

    /// <summary>
    /// A verdict as people read it, the one spelling of the report, the HTML page and the console: "holds",
    /// "refuted", "inconclusive", "not run"; with <paramref name="recorded"/>, a refutation that is the recorded finding
    /// is "refuted (recorded finding)" and any other verdict off its record says so ("holds (recorded: refuted)").
    /// </summary>
    public static string Verdict(Verdict verdict, Verdict? recorded = null) => verdict switch
    {
        Claims.Verdict.NotRun => "not run",
        Claims.Verdict.Refuted when recorded == Claims.Verdict.Refuted => "refuted (recorded finding)",
        _ when recorded is { } r && r != verdict => $"{verdict.Name()} (recorded: {Verdict(r)})",
        _ => verdict.Name(),
    };

    public static string Verdict(ClaimRecord r) => Verdict(r.Verdict, r.Recorded);

    /// <summary>"Negative control" or, for a recorded finding, "Positive control".</summary>
    public static string ControlLabel(ClaimRecord r) => r.Recorded == Claims.Verdict.Refuted ? "Positive control" : "Negative control";

    /// <summary>The verdict a control must reach: refuted (a negative control), or holds for a recorded finding's positive control.</summary>
    public static Verdict ControlMustBe(ClaimRecord r) => r.Recorded == Claims.Verdict.Refuted ? Claims.Verdict.Holds : Claims.Verdict.Refuted;

    /// <summary>The control's description without a leading "positive control:" / "negative control:" (the label says it).</summary>
    public static string ControlDescription(string description)
    {
        foreach (var label in new[] { "positive control:", "negative control:", "positive control —", "negative control —" })
            if (description.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                var rest = description[label.Length..].TrimStart();
                return rest.Length > 0 ? char.ToUpperInvariant(rest[0]) + rest[1..] : rest;
            }
        return description;
    }

    /// <summary>
    /// What a check compared its measured value with, written as the comparison it is: <c>= e</c>, <c>≤ e</c>,
    /// <c>≥ e</c>, <c>true</c> (a structural fact).
    /// </summary>
    public static string Expected(CheckRecord c) => c.Tolerance.Kind switch
    {
        ToleranceKind.AtMost => "≤ " + Significant.Text(c.Expected),
        ToleranceKind.AtLeast => "≥ " + Significant.Text(c.Expected),
        ToleranceKind.IsTrue => "true",
        _ => "= " + Significant.Text(c.Expected),
    };

    /// <summary>The tolerance of a check: <c>± t</c>, <c>rel t (floor f)</c>, a one-sided slack, or — for exact and structural checks.</summary>
    public static string ToleranceOf(CheckRecord c) => c.Tolerance switch
    {
        { Kind: ToleranceKind.Absolute, Value: 0 } => "exact",
        { Kind: ToleranceKind.Absolute } t => "± " + Significant.Text(t.Value),
        { Kind: ToleranceKind.Relative } t => "rel " + Significant.Text(t.Value) + (t.Floor is { } f ? $" (floor {Significant.Text(f)})" : ""),
        { Kind: ToleranceKind.AtMost or ToleranceKind.AtLeast, Value: not 0 } t => "slack " + Significant.Text(t.Value),
        { Kind: ToleranceKind.IsTrue } => c.Detail ?? "—",
        _ => "—",
    };

    /// <summary>A check's measured value: the number, or true/false for a structural fact.</summary>
    public static string MeasuredOf(CheckRecord c) =>
        c.Tolerance.Kind == ToleranceKind.IsTrue ? (c.Passed ? "true" : "false") : Significant.Text(c.Measured);

    /// <summary>
    /// A check's name as a reader needs it: an assumption is marked, and a check over many cases says over how many,
    /// how many fail and which case its values are from ("max-err (∀ 82, 2 failing; worst p=0.5,q=0.8)").
    /// </summary>
    public static string CheckName(CheckRecord c)
    {
        var notes = new List<string>();
        if (c.Over is { } over)
            notes.Add(over == 0 ? "∀ no case" : $"∀ {over}{(c.Failing is > 0 ? $", {c.Failing} failing" : "")}; worst {c.Worst}");
        if (c.Assumption) notes.Add("assumption");
        return notes.Count == 0 ? c.Name : $"{c.Name} ({string.Join("; ", notes)})";
    }

    /// <summary>A parameter value as text: strings as they are (real Unicode), numbers in the one format, lists as "a, b".</summary>
    public static string Parameter(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => Significant.Text(value.GetDouble()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "—",
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Parameter)) + "]",
        JsonValueKind.Object => "{" + string.Join(", ", value.EnumerateObject().Select(p => $"{p.Name}: {Parameter(p.Value)}")) + "}",
        _ => value.GetRawText(),
    };

    /// <summary>Text safe inside a Markdown table cell: <c>|</c> escaped, line breaks as spaces.</summary>
    public static string Cell(string text) =>
        new StringBuilder(text).Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ').ToString();

    /// <summary>"44 hold · 1 refuted (recorded) · 1 inconclusive · 0 not run" (an unexpected refutation is counted apart).</summary>
    public static string Totals(IReadOnlyList<ClaimRecord> records)
    {
        int Count(Func<ClaimRecord, bool> which) => records.Count(which);
        int refuted = Count(r => r.Verdict == Claims.Verdict.Refuted && r.Recorded != Claims.Verdict.Refuted);
        var parts = new List<string> { $"{Count(r => r.Verdict == Claims.Verdict.Holds)} hold" };
        if (refuted > 0) parts.Add($"{refuted} refuted");
        parts.Add($"{Count(r => r.Verdict == Claims.Verdict.Refuted && r.Recorded == Claims.Verdict.Refuted)} refuted (recorded)");
        parts.Add($"{Count(r => r.Verdict == Claims.Verdict.Inconclusive)} inconclusive");
        parts.Add($"{Count(r => r.Verdict == Claims.Verdict.NotRun)} not run");
        return string.Join(" · ", parts);
    }

    /// <summary>
    /// One line when some claims are not run at this scale: how many and why; null when every claim ran.
    /// </summary>
    public static string? NotRunLine(IReadOnlyList<ClaimRecord> records, string scale)
    {
        var ids = records.Where(r => r.Verdict == Claims.Verdict.NotRun).Select(r => r.Id).Distinct().ToList();
        if (ids.Count == 0) return null;
        var larger = scale == "smoke" ? "ci" : "paper";
        return $"{ids.Count} claim{(ids.Count == 1 ? "" : "s")} not run at scale {scale} (too small to check honestly; use --scale {larger}).";
    }
}
