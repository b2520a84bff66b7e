using Verification.Core.Numerics;

namespace Verification.Core.Claims;

/// <summary>
/// One comparison that decides a verdict: <paramref name="Measured"/> against <paramref name="Expected"/> under
/// <paramref name="Tolerance"/>. <see cref="Passed"/> is computed here, never passed in, so a check cannot claim to
/// pass a comparison it fails. <paramref name="Case"/> groups the checks of one parameter setting ("p=0.5,q=0.8");
/// <paramref name="Detail"/> says, for a structural fact, what was found.
/// </summary>
public sealed record Check(string Name, double Measured, double Expected, Tolerance Tolerance, string? Case = null,
    string? Detail = null)
{
    public bool Passed => Tolerance.Accepts(Expected, Measured);

    /// <summary>The name as it appears in <c>measured</c>: <c>case.name</c>, or the name alone.</summary>
    public string Key => Case is null ? Name : $"{Case}.{Name}";

    /// <summary>One line for verdict reasons: the key, the comparison and (for a structural fact) the detail.</summary>
    public string Describe() =>
        Tolerance.Kind == ToleranceKind.IsTrue
            ? $"{Key}: {(Passed ? "true" : "false")}{(Detail is null ? "" : $" ({Detail})")}"
            : $"{Key}: {Tolerance.Describe(Expected, Measured)}{(Detail is null ? "" : $" ({Detail})")}";
}
