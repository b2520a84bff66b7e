using System.Text;

namespace Verification.Core.Reporting;

/// <summary>What changed for one work item between two runs.</summary>
public enum ChangeKind
{
    /// <summary>The verdict (holds / refuted / inconclusive / not-run) differs.</summary>
    Verdict,
    /// <summary>The negative (or positive) control's verdict differs.</summary>
    Control,
    /// <summary>A check's passed flag differs (results.json with per-claim checks).</summary>
    Check,
    /// <summary>The work item is in NEW only.</summary>
    Appeared,
    /// <summary>The work item is in BASE only.</summary>
    Disappeared,
    /// <summary>A measurement with a tolerance moved by more than that tolerance.</summary>
    Moved,
}

/// <summary>One row of <c>verify compare</c>: a work item, what changed, and the values before and after.</summary>
public sealed record Change(ChangeKind Kind, string Key, string What, string Base, string New, string Note = "");

/// <summary>
/// <c>verify compare BASE NEW</c>: which claims changed verdict or control verdict, which appeared or disappeared,
/// which checks changed their passed flag and which checked values moved by more than their tolerance. A value
/// "moves" when |new − base| exceeds the check's tolerance bound (the larger of the two runs'; a relative tolerance is
/// taken relative to the expected value); plain measurements (not checks) are descriptive and are not compared. Runs
/// at different scales are not comparable (their parameters differ).
/// </summary>
public static class RunComparison
{
    /// <summary>Thrown when two runs cannot be compared; the message is one line.</summary>
    public sealed class NotComparableException(string message) : Exception(message);

    public static IReadOnlyList<Change> Compare(ResultsDocument baseRun, ResultsDocument newRun)
    {
        if (baseRun.Scale != newRun.Scale)
            throw new NotComparableException(
                $"runs at different scales are not comparable: BASE is '{baseRun.Scale}', NEW is '{newRun.Scale}'");
        var before = baseRun.Claims.ToDictionary(c => c.Key);
        var after = newRun.Claims.ToDictionary(c => c.Key);
        var changes = new List<Change>();
        foreach (var b in baseRun.Claims)
        {
            if (!after.TryGetValue(b.Key, out var n))
            {
                changes.Add(new Change(ChangeKind.Disappeared, b.Key, "claim", ReportText.Verdict(b.Verdict), "—"));
                continue;
            }
            if (b.Verdict != n.Verdict)
                changes.Add(new Change(ChangeKind.Verdict, b.Key, "verdict", ReportText.Verdict(b.Verdict), ReportText.Verdict(n.Verdict),
                    n.Verdict == n.Recorded ? "now as recorded" : $"recorded: {ReportText.Verdict(n.Recorded)}"));
            if (b.NegativeControl?.Verdict != n.NegativeControl?.Verdict)
                changes.Add(new Change(ChangeKind.Control, b.Key, "control", ControlVerdict(b), ControlVerdict(n)));
            CompareChecks(b, n, changes);
        }
        foreach (var n in newRun.Claims.Where(n => !before.ContainsKey(n.Key)))
            changes.Add(new Change(ChangeKind.Appeared, n.Key, "claim", "—", ReportText.Verdict(n.Verdict)));
        // What breaks first: verdicts, then controls and checks, then moves, then the work-list differences.
        return changes.OrderBy(c => Array.IndexOf(Order, c.Kind)).ToList();
    }

    private static readonly ChangeKind[] Order =
        [ChangeKind.Verdict, ChangeKind.Control, ChangeKind.Check, ChangeKind.Moved, ChangeKind.Disappeared, ChangeKind.Appeared];

    /// <summary>0 when no verdict changed, 1 when one did (the exit code of <c>verify compare</c>).</summary>
    public static int ExitCode(IReadOnlyList<Change> changes) => changes.Any(c => c.Kind == ChangeKind.Verdict) ? 1 : 0;

    private static string ControlVerdict(ClaimRecord r) => r.NegativeControl is { } c ? ReportText.Verdict(c.Verdict) : "—";

    private static void CompareChecks(ClaimRecord b, ClaimRecord n, List<Change> changes)
    {
        var after = new Dictionary<string, CheckRecord>();
        foreach (var c in n.Checks) after.TryAdd(c.Name, c);
        foreach (var c in b.Checks)
        {
            if (!after.TryGetValue(c.Name, out var d)) continue;
            if (c.Passed != d.Passed)
                changes.Add(new Change(ChangeKind.Check, b.Key, c.Name, Passed(c.Passed), Passed(d.Passed)));
            if (MovedBeyondTolerance(c, d) is { } note)
                changes.Add(new Change(ChangeKind.Moved, b.Key, c.Name, Significant.Format(c.Measured, 6), Significant.Format(d.Measured, 6), note));
        }
    }

    /// <summary>
    /// Whether a check's value moved by more than its tolerance between two runs ("Δ 0.4 > tol 0.1"), or null. A
    /// structural fact never moves (only its passed flag changes); the tolerance is the larger of the two runs' bounds.
    /// </summary>
    public static string? MovedBeyondTolerance(CheckRecord before, CheckRecord after)
    {
        if (before.Tolerance.Kind == Numerics.ToleranceKind.IsTrue) return null;
        double tol = Math.Max(Bound(before), Bound(after));
        return Moved(before.Measured, after.Measured, tol) ? Delta(before.Measured, after.Measured, tol) : null;
    }

    private static double Bound(CheckRecord c) => c.Tolerance.ToTolerance().Bound(c.Expected);

    // NaN ↔ number and inf ↔ finite count as moves; equal values (NaN = NaN included) do not.
    private static bool Moved(double x, double y, double tol) =>
        !(x.Equals(y)) && (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(y - x) > tol);

    private static string Delta(double x, double y, double tol) =>
        $"Δ {Significant.Format(y - x, 3)} > tol {Significant.Format(tol, 3)}";

    private static string Passed(bool p) => p ? "passed" : "failed";

    /// <summary>Kind names as printed.</summary>
    public static string Name(ChangeKind k) => k switch
    {
        ChangeKind.Verdict => "verdict changed",
        ChangeKind.Control => "control changed",
        ChangeKind.Check => "check changed",
        ChangeKind.Appeared => "appeared",
        ChangeKind.Disappeared => "disappeared",
        ChangeKind.Moved => "moved beyond tolerance",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>A Markdown table (for a pull-request comment), with a one-line headline.</summary>
    public static string Markdown(ResultsDocument baseRun, ResultsDocument newRun, IReadOnlyList<Change> changes)
    {
        var md = new StringBuilder();
        md.AppendLine($"**verify compare** ({baseRun.Scale}): {Headline(baseRun, newRun, changes)}").AppendLine();
        if (changes.Count == 0) return md.ToString();
        md.AppendLine("| change | claim@seed | what | base | new | note |").AppendLine("|---|---|---|---|---|---|");
        foreach (var c in changes)
            md.AppendLine($"| {Name(c.Kind)} | `{ReportText.Cell(c.Key)}` | {ReportText.Cell(c.What)} | {ReportText.Cell(c.Base)} | {ReportText.Cell(c.New)} | {ReportText.Cell(c.Note)} |");
        return md.ToString();
    }

    /// <summary>Plain text, one change per line (tab-separated, so <c>cut</c> works).</summary>
    public static string Text(ResultsDocument baseRun, ResultsDocument newRun, IReadOnlyList<Change> changes)
    {
        var w = new StringBuilder();
        w.AppendLine($"verify compare ({baseRun.Scale}): {Headline(baseRun, newRun, changes)}");
        foreach (var c in changes)
            w.AppendLine($"{Name(c.Kind)}\t{c.Key}\t{c.What}\t{c.Base} -> {c.New}{(c.Note.Length > 0 ? "\t" + c.Note : "")}");
        return w.ToString();
    }

    private static string Headline(ResultsDocument b, ResultsDocument n, IReadOnlyList<Change> changes)
    {
        if (changes.Count == 0) return $"no changes in {n.Claims.Count} work items";
        var counts = changes.GroupBy(c => c.Kind).Select(g => $"{g.Count()} {Name(g.Key)}");
        return $"{string.Join(", ", counts)} ({b.Claims.Count} → {n.Claims.Count} work items)";
    }
}
