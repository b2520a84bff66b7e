namespace Verification.Core.Claims;

/// <summary>The result of one run of a claim's check, on the faithful construction or on the sabotaged one.</summary>
public sealed record Outcome(
    Verdict Verdict,
    string Reason,
    IReadOnlyDictionary<string, double> Measured,
    IReadOnlyDictionary<string, double> Reference,
    IReadOnlyDictionary<string, double> Tolerance,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<DataTable> Tables);

/// <summary>
/// Collects what a check measured, then closes with a verdict. Names are flat (<c>loss</c>, <c>p=0.5.gap</c>) so that
/// <c>results.json</c> can expose them as one name → number map.
/// </summary>
public sealed class Observations
{
    private readonly SortedDictionary<string, double> measured = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, double> reference = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, double> tolerance = new(StringComparer.Ordinal);
    private readonly List<Figure> figures = [];
    private readonly List<DataTable> tables = [];

    /// <summary>Records a measured value, optionally with the reference it is compared to and the tolerance used.</summary>
    public Observations Measure(string name, double value, double? referenceValue = null, double? tol = null)
    {
        if (!measured.TryAdd(name, value))
            throw new InvalidOperationException($"measurement '{name}' recorded twice");
        if (referenceValue is { } r) reference[name] = r;
        if (tol is { } t) tolerance[name] = t;
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

    public Outcome Holds(string reason) => Close(Verdict.Holds, reason);
    public Outcome Refuted(string reason) => Close(Verdict.Refuted, reason);
    public Outcome Inconclusive(string reason) => Close(Verdict.Inconclusive, reason);

    /// <summary>Holds when <paramref name="holds"/>, else refuted; each branch says why.</summary>
    public Outcome Decide(bool holds, string whyHolds, string whyRefuted) =>
        holds ? Holds(whyHolds) : Refuted(whyRefuted);

    private Outcome Close(Verdict verdict, string reason) =>
        new(verdict, reason,
            new SortedDictionary<string, double>(measured, StringComparer.Ordinal),
            new SortedDictionary<string, double>(reference, StringComparer.Ordinal),
            new SortedDictionary<string, double>(tolerance, StringComparer.Ordinal),
            figures.ToArray(), tables.ToArray());
}
