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
    public string Reason { get; }

    /// <summary>Every number the check measured, by flat name (checked values included, under their check key).</summary>
    public IReadOnlyDictionary<string, double> Measured { get; }

    /// <summary>Exactly the comparisons that decided <see cref="Verdict"/>, in the order they were made.</summary>
    public IReadOnlyList<Check> Checks { get; }

    public IReadOnlyList<Figure> Figures { get; }
    public IReadOnlyList<DataTable> Tables { get; }
}

/// <summary>
/// Collects what a check measured and the comparisons that decide it, then closes with a verdict derived from those
/// comparisons (<see cref="Conclude"/>). Each <c>Expect…</c> call records and decides in one step: the measured value
/// goes to the flat <c>measured</c> map and the comparison to the <c>checks</c> list of <c>results.json</c>. Names are
/// flat and kebab-case (<c>loss</c>, <c>p=0.5.gap</c>); inside <see cref="Case"/> they are prefixed by the case.
/// Every name and case label must follow <see cref="ReportName.Rule"/>; one that does not throws
/// <see cref="ArgumentException"/>, so every claim run (and every test that runs one) checks its names.
/// </summary>
public sealed class Observations
{
    /// <summary>How many failed checks a refuted verdict's reason names.</summary>
    public const int FailuresNamed = 3;

    private readonly SortedDictionary<string, double> measured = new(StringComparer.Ordinal);
    private readonly List<Check> checks = [];
    private readonly HashSet<string> checkKeys = new(StringComparer.Ordinal);
    private readonly List<Figure> figures = [];
    private readonly List<DataTable> tables = [];
    private string? currentCase;

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
    public Observations Measure(string name, double value)
    {
        ReportName.Require(name, "measurement");
        var key = KeyOf(name);
        if (!measured.TryAdd(key, value))
            throw new InvalidOperationException($"measurement '{key}' recorded twice");
        return this;
    }

    /// <summary>Checks |<paramref name="value"/> − <paramref name="expected"/>| within <paramref name="tolerance"/>.</summary>
    public Observations Expect(string name, double value, double expected, Tolerance tolerance) =>
        Add(new Check(name, value, expected, tolerance, currentCase), record: true);

    /// <summary>Checks <paramref name="value"/> ≤ <paramref name="bound"/> (+ <paramref name="slack"/>).</summary>
    public Observations ExpectAtMost(string name, double value, double bound, double slack = 0) =>
        Expect(name, value, bound, Tolerance.AtMost(slack));

    /// <summary>Checks <paramref name="value"/> ≥ <paramref name="bound"/> (− <paramref name="slack"/>).</summary>
    public Observations ExpectAtLeast(string name, double value, double bound, double slack = 0) =>
        Expect(name, value, bound, Tolerance.AtLeast(slack));

    /// <summary>Checks that at least a fraction <paramref name="atLeast"/> of <paramref name="n"/> trials succeeded (0 of 0 fails).</summary>
    public Observations ExpectFraction(string name, int k, int n, double atLeast) =>
        Add(new Check(name, n == 0 ? double.NaN : k / (double)n, atLeast, Tolerance.AtLeast(), currentCase, $"{k} of {n}"),
            record: true);

    /// <summary>Checks a structural fact (an identity, an ordering, a count of zero violations); <paramref name="detail"/> says what was found.</summary>
    public Observations Expect(string name, bool holds, string? detail = null) =>
        Add(new Check(name, holds ? 1 : 0, 1, Tolerance.IsTrue, currentCase, detail), record: false);

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

    /// <summary>Whether every check made so far passed (vacuously true before the first).</summary>
    public bool AllPassed => checks.TrueForAll(c => c.Passed);

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
        var failed = checks.Where(c => !c.Passed).ToList();
        if (failed.Count == 0) return Close(Verdict.Holds, whyHolds());
        var named = string.Join("; ", failed.Take(FailuresNamed).Select(c => c.Describe()));
        var more = failed.Count > FailuresNamed ? $"; and {failed.Count - FailuresNamed} more" : "";
        return Close(Verdict.Refuted, $"{failed.Count} of {checks.Count} checks failed: {named}{more}");
    }

    /// <summary>Closes without a verdict: the check could not decide (a crash, a NaN, a solver that did not converge).</summary>
    public Outcome Inconclusive(string reason) => Close(Verdict.Inconclusive, reason);

    private Outcome Close(Verdict verdict, string reason) =>
        new(verdict, reason, new SortedDictionary<string, double>(measured, StringComparer.Ordinal),
            checks.ToArray(), figures.ToArray(), tables.ToArray());
}
