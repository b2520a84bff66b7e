using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>What changed for a claim from one run to the next (the same kinds <c>verify compare</c> reports).</summary>
public enum HistoryFlagKind
{
    /// <summary>The verdict differs from the run before.</summary>
    Verdict,
    /// <summary>The control's verdict differs from the run before.</summary>
    Control,
    /// <summary>A check's passed flag differs from the run before.</summary>
    Check,
    /// <summary>A check's value moved by more than its tolerance from the run before.</summary>
    Moved,
}

/// <summary>One change in a claim's history: at point <paramref name="At"/> (against the point before it).</summary>
public sealed record HistoryFlag(HistoryFlagKind Kind, int At, string What, string Before, string After, string Note = "")
{
    public string KindName => Kind switch
    {
        HistoryFlagKind.Verdict => "verdict changed",
        HistoryFlagKind.Control => "control changed",
        HistoryFlagKind.Check => "check changed",
        _ => "moved beyond tolerance",
    };
}

/// <summary>One run's record of a claim in a history.</summary>
public sealed record HistoryPoint(RecordedRun Run, ClaimRecord Record);

/// <summary>
/// A claim at one seed and scale across runs, oldest first (<see cref="RecordedRuns"/>): its verdict and every check's
/// measured value per run, and the changes from each run to the next — a verdict or control verdict that changed, a
/// check whose passed flag changed, a value that moved by more than the check's tolerance
/// (<see cref="RunComparison.MovedBeyondTolerance"/>). Runs at different scales are separate histories: their
/// parameters differ. Records of claims not run at a scale carry no measurement and are left out.
/// </summary>
public sealed class ClaimHistory
{
    private ClaimHistory(string id, int seed, string scale, IReadOnlyList<HistoryPoint> points)
    {
        (Id, Seed, Scale, Points) = (id, seed, scale, points);
        CheckNames = points.SelectMany(p => p.Record.Checks.Select(c => c.Name)).Distinct().ToList();
        Flags = FlagsOf(points);
    }

    public string Id { get; }
    public int Seed { get; }
    public string Scale { get; }
    public IReadOnlyList<HistoryPoint> Points { get; }

    /// <summary>Every check name of any point, in the order they first appear.</summary>
    public IReadOnlyList<string> CheckNames { get; }

    public IReadOnlyList<HistoryFlag> Flags { get; }

    public string Key => ClaimRecord.WorkKey(Id, Seed);

    /// <summary>The check <paramref name="name"/> at point <paramref name="i"/>, or null when that run did not make it.</summary>
    public CheckRecord? CheckAt(int i, string name) => Points[i].Record.Checks.FirstOrDefault(c => c.Name == name);

    /// <summary>Whether point <paramref name="i"/> is flagged for <paramref name="kind"/> (and, for checks, <paramref name="what"/>).</summary>
    public bool IsFlagged(int i, HistoryFlagKind kind, string? what = null) =>
        Flags.Any(f => f.At == i && f.Kind == kind && (what is null || f.What == what));

    /// <summary>The histories of every claim in <paramref name="runs"/> (oldest first): scales smoke, ci, paper; claims in the order they first appear.</summary>
    public static IReadOnlyList<ClaimHistory> Of(IReadOnlyList<RecordedRun> runs)
    {
        var points = runs.SelectMany(run => run.Claims.Where(r => r.Verdict != Verdict.NotRun).Select(r => new HistoryPoint(run, r))).ToList();
        return points
            .GroupBy(p => (p.Record.Scale, p.Record.Id, p.Record.Seed))
            .OrderBy(g => ScaleRank(g.Key.Scale))
            .ThenBy(g => points.FindIndex(p => p.Record.Id == g.Key.Id))
            .ThenBy(g => g.Key.Seed)
            .Select(g => new ClaimHistory(g.Key.Id, g.Key.Seed, g.Key.Scale, g.ToList()))
            .ToList();
    }

    private static int ScaleRank(string scale) => ScaleNames.TryParse(scale, out var s) ? (int)s : int.MaxValue;

    private static IReadOnlyList<HistoryFlag> FlagsOf(IReadOnlyList<HistoryPoint> points)
    {
        var flags = new List<HistoryFlag>();
        for (int i = 1; i < points.Count; i++)
        {
            var (b, n) = (points[i - 1].Record, points[i].Record);
            if (b.Verdict != n.Verdict)
                flags.Add(new HistoryFlag(HistoryFlagKind.Verdict, i, "verdict", ReportText.Verdict(b), ReportText.Verdict(n)));
            if (b.NegativeControl?.Verdict != n.NegativeControl?.Verdict)
                flags.Add(new HistoryFlag(HistoryFlagKind.Control, i, "control", Control(b), Control(n)));
            foreach (var c in b.Checks)
            {
                if (n.Checks.FirstOrDefault(d => d.Name == c.Name) is not { } d) continue;
                if (c.Passed != d.Passed)
                    flags.Add(new HistoryFlag(HistoryFlagKind.Check, i, c.Name, c.Passed ? "passed" : "failed", d.Passed ? "passed" : "failed"));
                if (RunComparison.MovedBeyondTolerance(c, d) is { } note)
                    flags.Add(new HistoryFlag(HistoryFlagKind.Moved, i, c.Name, Significant.Text(c.Measured), Significant.Text(d.Measured), note));
            }
        }
        return flags;
    }

    private static string Control(ClaimRecord r) => r.NegativeControl is { } c ? ReportText.Verdict(c.Verdict) : "—";

    /// <summary>A check's value as the history shows it: the number, true/false for a structural fact, a dash when absent.</summary>
    public static string Value(CheckRecord? c) => c is null ? "—" : ReportText.MeasuredOf(c);
}
