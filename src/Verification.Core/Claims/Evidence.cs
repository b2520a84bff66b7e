namespace Verification.Core.Claims;

/// <summary>What the negative control (the sabotaged construction) gave under the same check.</summary>
public sealed record ControlEvidence(
    string Description,
    Verdict Verdict,
    string Reason,
    IReadOnlyDictionary<string, double> Measured,
    IReadOnlyList<Check> Checks);

/// <summary>
/// Everything a claim's evaluation produced: the verdict and why, every measured value and the checks that decided the verdict,
/// the negative control's verdict, figures and tables. <see cref="Recorded"/> is the verdict the harness has recorded
/// for the claim (Holds, or Refuted for a documented finding; see <see cref="Claim.Recorded"/>). <see cref="ElapsedSeconds"/> is kept out of
/// <c>results.json</c> (it goes to <c>timings.json</c>) so that the same seed gives byte-identical results.
/// </summary>
public sealed record Evidence(
    string ClaimId,
    PaperRef Paper,
    string Section,
    string Statement,
    Scale Scale,
    int Seed,
    string Device,
    Verdict Verdict,
    string Reason,
    Verdict Recorded,
    IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyDictionary<string, double> Measured,
    IReadOnlyList<Check> Checks,
    ControlEvidence? NegativeControl,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<DataTable> Tables,
    double ElapsedSeconds);
