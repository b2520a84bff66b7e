using Verification.Core.Numerics;

namespace Verification.Core.Claims;

/// <summary>
/// One comparison that decides a verdict: <paramref name="Measured"/> against <paramref name="Expected"/> under
/// <paramref name="Tolerance"/>. <see cref="Passed"/> is computed here, never passed in, so a check cannot claim to
/// pass a comparison it fails. <paramref name="Case"/> groups the checks of one parameter setting ("p=0.5,q=0.8");
/// <paramref name="Detail"/> says, for a structural fact, what was found.
/// <para>
/// A check over many cases (<see cref="Observations.ExpectAll"/>) compares its <em>worst</em> case: <see cref="Over"/>
/// says how many cases it quantified over, <see cref="Failing"/> how many of them the tolerance rejects and
/// <see cref="Worst"/> which case is shown. An <see cref="Assumption"/> is a precondition of the experiment (flows
/// converged, a solver reached optimality): when it fails the claim is inconclusive, not refuted.
/// </para>
/// </summary>
public sealed record Check(string Name, double Measured, double Expected, Tolerance Tolerance, string? Case = null,
    string? Detail = null)
{
    public bool Passed => Tolerance.Accepts(Expected, Measured);

    /// <summary>For a check over many cases: how many (null for a single comparison).</summary>
    public int? Over { get; init; }

    /// <summary>For a check over many cases: how many the tolerance rejects.</summary>
    public int? Failing { get; init; }

    /// <summary>For a check over many cases: the label of the worst one, whose values <see cref="Measured"/> and <see cref="Expected"/> are.</summary>
    public string? Worst { get; init; }

    /// <summary>A precondition of the experiment: failing it makes the claim inconclusive rather than refuted.</summary>
    public bool Assumption { get; init; }

    /// <summary>Where the check was made, <c>path:line</c> relative to the repository root (<see cref="SourceLocation"/>); null when unknown.</summary>
    public string? Source { get; init; }

    /// <summary>The name as it appears in <c>measured</c>: <c>case.name</c>, or the name alone.</summary>
    public string Key => Case is null ? Name : $"{Case}.{Name}";

    /// <summary>"worst of 82 (2 failing): p=0.5,q=0.8" for a check over many cases; null otherwise.</summary>
    public string? Quantifier => Over is not { } over ? null
        : over == 0 ? "over no case"
        : $"worst of {over}{(Failing is > 0 ? $" ({Failing} failing)" : "")}: {Worst}";

    /// <summary>One line for verdict reasons: the key, the comparison and what was found.</summary>
    public string Describe()
    {
        var found = string.Join("; ", new[] { Quantifier, Detail }.Where(t => t is not null));
        var comparison = Tolerance.Kind == ToleranceKind.IsTrue ? (Passed ? "true" : "false") : Tolerance.Describe(Expected, Measured);
        return $"{Key}: {comparison}{(found.Length == 0 ? "" : $" ({found})")}";
    }
}
