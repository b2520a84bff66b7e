namespace Verification.Core.Claims;

/// <summary>What the negative control (the sabotaged construction) gave under the same check.</summary>
public sealed record ControlEvidence(
    string Description,
    Verdict Verdict,
    string Reason,
    IReadOnlyDictionary<string, double> Measured,
    IReadOnlyList<Check> Checks)
{
    /// <summary>What the control's check skipped when it stopped early (<see cref="Outcome.StoppedEarly"/>); null when it ran to the end.</summary>
    public string? StoppedEarly { get; init; }

    /// <summary>Where the control's plain measurements were made (<see cref="Outcome.MeasuredSources"/>).</summary>
    public IReadOnlyDictionary<string, string> MeasuredSources { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Everything a claim's evaluation produced, in the domain's own types (checks with their tolerances, figures and
/// tables as data): the verdict and why, every measured value and the checks that decided the verdict, the negative
/// control's verdict, figures and tables. It is saved once, as a <c>ClaimRecord</c> (<c>ClaimRecord.From</c>): the one
/// model of a result that the claim files, results.json and the reports share. <see cref="Recorded"/> is the verdict the harness has recorded
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
    double ElapsedSeconds)
{
    /// <summary>What the check skipped when it stopped early (<see cref="Outcome.StoppedEarly"/>); null when it ran to the end.</summary>
    public string? StoppedEarly { get; init; }

    /// <summary>Where each plain measurement was made (<see cref="Outcome.MeasuredSources"/>); the checks carry their own.</summary>
    public IReadOnlyDictionary<string, string> MeasuredSources { get; init; } = new Dictionary<string, string>();
}
