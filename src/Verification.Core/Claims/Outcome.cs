using System.Runtime.CompilerServices;
using Verification.Core.Numerics;

namespace Verification.Core.Claims;

/// <summary>
/// The result of one run of a claim's check, on the faithful construction or on the sabotaged one. The verdict
/// cannot disagree with the checks: <see cref="Verdict.Holds"/> needs at least one check and every check passed;
/// <see cref="Verdict.Refuted"/> needs a failed check; only <see cref="Verdict.Inconclusive"/> (a crash, a NaN, a
/// solver that did not converge) may stand without checks. Anything else throws.
/// </summary>
public sealed record Outcome
{
    public Outcome(Verdict verdict, string reason, IReadOnlyDictionary<string, double> measured,
        IReadOnlyList<Check> checks, IReadOnlyList<Figure> figures, IReadOnlyList<DataTable> tables)
    {
        var failed = checks.Count(c => !c.Passed);
        var ok = verdict switch
        {
            Verdict.Holds => checks.Count > 0 && failed == 0,
            Verdict.Refuted => failed > 0,
            Verdict.Inconclusive => true,
            _ => false,
        };
        if (!ok)
            throw new ArgumentException(
                $"verdict {verdict} disagrees with its checks ({checks.Count} checks, {failed} failed): " +
                "a claim's verdict is derived from its checks", nameof(verdict));
        Verdict = verdict;
        Reason = reason;
        Measured = measured;
        Checks = checks;
        Figures = figures;
        Tables = tables;
    }

    public Verdict Verdict { get; }

    /// <summary>Why: settable with <c>with</c>, so a claim can extend the reason of an outcome and keep everything else.</summary>
    public string Reason { get; init; }

    /// <summary>Every number the check measured, by flat name (checked values included, under their check key).</summary>
    public IReadOnlyDictionary<string, double> Measured { get; }

    /// <summary>Exactly the comparisons that decided <see cref="Verdict"/>, in the order they were made.</summary>
    public IReadOnlyList<Check> Checks { get; }

    public IReadOnlyList<Figure> Figures { get; }
    public IReadOnlyList<DataTable> Tables { get; }

    /// <summary>What a refuted check skipped when it stopped early (<see cref="Observations.StopOnceRefuted"/>); null when it ran to the end.</summary>
    public string? StoppedEarly { get; init; }

    /// <summary>Where each plain measurement (<see cref="Observations.Measure"/>) was made, by its flat name (<see cref="SourceLocation"/>); checks carry their own.</summary>
    public IReadOnlyDictionary<string, string> MeasuredSources { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Collects what a check measured and the comparisons that decide it, then closes with a verdict derived from those
/// comparisons (<see cref="Conclude"/>). Each <c>Expect…</c> call records and decides in one step: the measured value
/// goes to the flat <c>measured</c> map and the comparison to the <c>checks</c> list of <c>results.json</c>. Names are
/// flat and kebab-case (<c>loss</c>, <c>p=0.5.gap</c>); inside <see cref="Case"/> they are prefixed by the case.
/// Each call records where it was made (<see cref="SourceLocation"/>, from the compiler's caller information): a
/// check in its <see cref="Check.Source"/>, a plain measurement in <see cref="Outcome.MeasuredSources"/>.
/// Every name and case label must follow <see cref="ReportName.Rule"/>; one that does not throws
/// <see cref="ArgumentException"/>, so every claim run (and every test that runs one) checks its names.
/// </summary>
public sealed class Observations
{
    /// <summary>How many failed checks a refuted verdict's reason names.</summary>
    public const int FailuresNamed = 3;

    private readonly SortedDictionary<string, double> measured = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> measuredSources = new(StringComparer.Ordinal);
    private readonly List<Check> checks = [];
    private readonly HashSet<string> checkKeys = new(StringComparer.Ordinal);
    private readonly List<Figure> figures = [];
    private readonly List<DataTable> tables = [];
    private string? currentCase;
    private string? stoppedEarly;

    /// <summary>Groups the checks and measurements made until disposal under <paramref name="name"/> (e.g. "p=0.5,q=0.8").</summary>
    public IDisposable Case(string name)
    {
        ReportName.Require(name, "case");
        if (currentCase is not null)
            throw new InvalidOperationException($"case '{name}' opened inside case '{currentCase}'; cases do not nest");
        currentCase = name;
        return new CaseScope(this);
    }

    private sealed class CaseScope(Observations owner) : IDisposable
    {
        public void Dispose() => owner.currentCase = null;
    }

    private string KeyOf(string name) => currentCase is null ? name : $"{currentCase}.{name}";

    /// <summary>Records a plain measurement: reported, never compared.</summary>
    public Observations Measure(string name, double value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ReportName.Require(name, "measurement");
        var key = KeyOf(name);
        if (!measured.TryAdd(key, value))
            throw new InvalidOperationException($"measurement '{key}' recorded twice");
        if (SourceLocation.Of(file, line) is { } source) measuredSources[key] = source;
        return this;
    }

    /// <summary>Checks |<paramref name="value"/> − <paramref name="expected"/>| within <paramref name="tolerance"/>.</summary>
    public Observations Expect(string name, double value, double expected, Tolerance tolerance, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Add(new Check(name, value, expected, tolerance, currentCase) { Source = SourceLocation.Of(file, line) }, record: true);

    /// <summary>Checks <paramref name="value"/> ≤ <paramref name="bound"/> (+ <paramref name="slack"/>).</summary>
    public Observations ExpectAtMost(string name, double value, double bound, double slack = 0, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Expect(name, value, bound, Tolerance.AtMost(slack), file, line);

    /// <summary>Checks <paramref name="value"/> ≥ <paramref name="bound"/> (− <paramref name="slack"/>).</summary>
    public Observations ExpectAtLeast(string name, double value, double bound, double slack = 0, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Expect(name, value, bound, Tolerance.AtLeast(slack), file, line);

    /// <summary>Checks that at least a fraction <paramref name="atLeast"/> of <paramref name="n"/> trials succeeded (0 of 0 fails).</summary>
    public Observations ExpectFraction(string name, int k, int n, double atLeast, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Add(new Check(name, n == 0 ? double.NaN : k / (double)n, atLeast, Tolerance.AtLeast(), currentCase, $"{k} of {n}")
            { Source = SourceLocation.Of(file, line) }, record: true);

    /// <summary>
    /// Checks a structural fact (a solver status, a shape, a categorical outcome); <paramref name="detail"/> says what
    /// was found. Not for numeric comparisons: those go through a tolerance (<see cref="Expect(string, double, double, Tolerance)"/>,
    /// <see cref="ExpectAll(string, IEnumerable{ValueTuple{string, double, double}}, Tolerance)"/>), so the report shows the value.
    /// </summary>
    public Observations Expect(string name, bool holds, string? detail = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Add(new Check(name, holds ? 1 : 0, 1, Tolerance.IsTrue, currentCase, detail) { Source = SourceLocation.Of(file, line) }, record: false);

    /// <summary>
    /// ∀ cases: measured within <paramref name="tolerance"/> of expected — one check, which compares the worst case
    /// (the one furthest outside, or closest to the edge of, the tolerance; <see cref="Tolerance.Margin"/>) and
    /// records how many cases there were, how many fail and which is worst. A quantifier over no case fails: a sweep
    /// that produced nothing verifies nothing. This is the one way to say "none violates".
    /// </summary>
    public Observations ExpectAll(string name, IEnumerable<(string Case, double Measured, double Expected)> cases, Tolerance tolerance,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Add(WorstOf(name, cases, tolerance, assumption: false, SourceLocation.Of(file, line)), record: true);

    /// <summary>∀ items: <paramref name="measured"/>(item) within <paramref name="tolerance"/> of <paramref name="expected"/> (see the overload over cases).</summary>
    public Observations ExpectAll<T>(string name, IEnumerable<T> items, Func<T, string> label, Func<T, double> measured,
        double expected, Tolerance tolerance, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        ExpectAll(name, items.Select(i => (label(i), measured(i), expected)), tolerance, file, line);

    /// <summary>∀ cases: a structural fact holds — one check naming how many fail and the first that does.</summary>
    public Observations ExpectAll(string name, IEnumerable<(string Case, bool Holds)> cases, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Add(WorstOf(name, cases.Select(c => (c.Case, c.Holds ? 1.0 : 0.0, 1.0)), Tolerance.IsTrue, assumption: false, SourceLocation.Of(file, line)), record: false);

    /// <summary>
    /// A precondition of the experiment (a flow converged, a solver reached optimality), compared like
    /// <see cref="Expect(string, double, double, Tolerance)"/>: when it fails and no other check does, the claim is
    /// inconclusive (the experiment could not decide), not refuted.
    /// </summary>
    public Observations Assume(string name, double value, double expected, Tolerance tolerance, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Add(new Check(name, value, expected, tolerance, currentCase) { Assumption = true, Source = SourceLocation.Of(file, line) }, record: true);

    /// <summary>A structural precondition (an LP solved to optimality); see <see cref="Assume(string, double, double, Tolerance)"/>.</summary>
    public Observations Assume(string name, bool holds, string? detail = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Add(new Check(name, holds ? 1 : 0, 1, Tolerance.IsTrue, currentCase, detail) { Assumption = true, Source = SourceLocation.Of(file, line) }, record: false);

    /// <summary>∀ cases: a precondition holds (see <see cref="Assume"/> and the structural <see cref="ExpectAll(string, IEnumerable{ValueTuple{string, bool}})"/>).</summary>
    public Observations AssumeAll(string name, IEnumerable<(string Case, bool Holds)> cases, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Add(WorstOf(name, cases.Select(c => (c.Case, c.Holds ? 1.0 : 0.0, 1.0)), Tolerance.IsTrue, assumption: true, SourceLocation.Of(file, line)), record: false);

    private Check WorstOf(string name, IEnumerable<(string Case, double Measured, double Expected)> cases, Tolerance tolerance, bool assumption,
        string? source)
    {
        int over = 0, failing = 0;
        (string Case, double Measured, double Expected) worst = ("", double.NaN, double.NaN);
        double worstMargin = double.NegativeInfinity;
        foreach (var c in cases)
        {
            double margin = tolerance.Margin(c.Expected, c.Measured);
            if (!tolerance.Accepts(c.Expected, c.Measured)) failing++;
            if (over++ == 0 || margin > worstMargin) (worst, worstMargin) = (c, margin);
        }
        return new Check(name, worst.Measured, over == 0 ? (tolerance.Kind == ToleranceKind.IsTrue ? 1 : 0) : worst.Expected, tolerance, currentCase)
        {
            Over = over, Failing = failing, Worst = over == 0 ? null : worst.Case, Assumption = assumption, Source = source,
        };
    }

    /// <summary>
    /// The one way a check may stop early: true once a (non-assumption) check has failed, so the sweep can skip the
    /// runs that cannot change a refuted verdict. The outcome then says so (<see cref="Outcome.StoppedEarly"/>, in
    /// the verdict's reason and in <c>results.json</c>) with <paramref name="skipped"/> saying what was not run.
    /// </summary>
    public bool StopOnceRefuted(string skipped)
    {
        if (!checks.Exists(c => !c.Passed && !c.Assumption)) return false;
        stoppedEarly ??= skipped;
        return true;
    }

    private Observations Add(Check check, bool record)
    {
        ReportName.Require(check.Name, "check");
        if (!checkKeys.Add(check.Key))
            throw new InvalidOperationException($"check '{check.Key}' made twice");
        if (record && !measured.TryAdd(check.Key, check.Measured)
            && BitConverter.DoubleToInt64Bits(measured[check.Key]) != BitConverter.DoubleToInt64Bits(check.Measured))
            throw new InvalidOperationException($"check '{check.Key}' compares a value other than the one measured under that name");
        checks.Add(check);
        return this;
    }

    public Observations Add(Figure figure)
    {
        foreach (var s in figure.Series) s.Validate();
        figures.Add(figure);
        return this;
    }

    public Observations Add(DataTable table)
    {
        tables.Add(table);
        return this;
    }

    public double this[string name] => measured[name];

    /// <summary>The checks made so far, in order.</summary>
    public IReadOnlyList<Check> Checks => checks;


    /// <summary>
    /// Closes with the verdict the checks give: holds (saying <paramref name="whyHolds"/>) when there is at least one
    /// check and all passed; otherwise refuted, naming the first failed checks.
    /// </summary>
    public Outcome Conclude(string whyHolds) => Conclude(() => whyHolds);

    /// <summary>As <see cref="Conclude(string)"/>, with the holding reason built only when the claim holds.</summary>
    public Outcome Conclude(Func<string> whyHolds)
    {
        if (checks.Count == 0)
            throw new InvalidOperationException("a claim concluded without a single check: nothing decides its verdict");
        var failed = checks.Where(c => !c.Passed && !c.Assumption).ToList();
        if (failed.Count > 0)
        {
            var stopped = stoppedEarly is null ? "" : $"; stopped early, not run: {stoppedEarly}";
            return Close(Verdict.Refuted, $"{failed.Count} of {checks.Count} checks failed: {Named(failed)}{stopped}");
        }
        var unmet = checks.Where(c => !c.Passed).ToList();
        if (unmet.Count > 0) return Close(Verdict.Inconclusive, $"the experiment could not decide: {unmet.Count} assumption(s) failed: {Named(unmet)}");
        return Close(Verdict.Holds, whyHolds());
    }

    private static string Named(List<Check> failed) =>
        string.Join("; ", failed.Take(FailuresNamed).Select(c => c.Describe()))
        + (failed.Count > FailuresNamed ? $"; and {failed.Count - FailuresNamed} more" : "");

    /// <summary>Closes without a verdict: the check could not decide (a crash, a NaN, a solver that did not converge).</summary>
    public Outcome Inconclusive(string reason) => Close(Verdict.Inconclusive, reason);

    private Outcome Close(Verdict verdict, string reason) =>
        new(verdict, reason, new SortedDictionary<string, double>(measured, StringComparer.Ordinal),
            checks.ToArray(), figures.ToArray(), tables.ToArray())
        {
            StoppedEarly = stoppedEarly, MeasuredSources = new SortedDictionary<string, string>(measuredSources, StringComparer.Ordinal),
        };
}
