using System.Text.RegularExpressions;

namespace Verification.Core.Claims;

/// <summary>
/// A falsifiable statement of a paper, with the check that can refute it. Every claim carries a negative control:
/// <see cref="Check"/> is run a second time on <see cref="Construction.Sabotaged"/>, and the same check must refute
/// it. A claim whose control is not refuted is reported <see cref="Verdict.Inconclusive"/> (a check that cannot fail
/// verifies nothing). This is the definition only; <see cref="ClaimRunner"/> runs it.
/// </summary>
public abstract partial class Claim
{
    /// <summary>Stable id <c>PAPER.kebab-name</c>, e.g. <c>AM.unigram-is-local-min</c>.</summary>
    public abstract string Id { get; }

    public abstract PaperRef Paper { get; }

    /// <summary>Where in the paper (or spec) the statement comes from, e.g. "§3, Thm 2".</summary>
    public abstract string Section { get; }

    /// <summary>One sentence: what is claimed.</summary>
    public abstract string Statement { get; }

    /// <summary>One sentence: what the sabotaged construction gets wrong.</summary>
    public abstract string NegativeControl { get; }

    /// <summary>
    /// The verdict this harness has recorded for the claim: <see cref="Verdict.Holds"/> for a statement that
    /// reproduces here; <see cref="Verdict.Refuted"/> for a paper statement that does not reproduce at our scale — a
    /// finding, reported with its evidence, never tuned away. For a recorded refutation the control run is a
    /// <em>positive</em> control: a construction for which the same check must hold, showing that the check can
    /// pass. Tests assert the recorded verdict, so a change either way turns CI red. This is the verdict at CI scale
    /// and, unless <see cref="RecordedAt"/> says otherwise, at every scale.
    /// </summary>
    public virtual Verdict Recorded => Verdict.Holds;

    /// <summary>
    /// The recorded verdict at <paramref name="scale"/>: <see cref="Recorded"/> unless the claim has a finding of its own
    /// at that scale (a statement that holds at CI size and is refuted at the paper's, or the reverse). Each such
    /// override names the run that established it; the control at that scale follows it (<see cref="ControlAt"/>: a
    /// negative control where the recorded verdict is holds, a positive one where it is refuted).
    /// </summary>
    public virtual Verdict RecordedAt(Scale scale) => Recorded;

    /// <summary>The control's description at <paramref name="scale"/>: <see cref="NegativeControl"/> unless the control differs there.</summary>
    public virtual string ControlAt(Scale scale) => NegativeControl;

    /// <summary>
    /// Whether a run of <paramref name="construction"/> at <paramref name="scale"/> is the positive control: the
    /// sabotaged run where the recorded verdict there is refuted (<see cref="Recorded"/>).
    /// </summary>
    protected bool IsPositiveControl(Construction construction, Scale scale) =>
        construction == Construction.Sabotaged && RecordedAt(scale) == Verdict.Refuted;

    /// <summary>True when the recorded verdict differs between the claim's scales.</summary>
    public bool RecordedPerScale => Scales.Select(RecordedAt).Distinct().Count() > 1;

    /// <summary>The scales at which the claim can be checked honestly. Others are reported as not run.</summary>
    public virtual IReadOnlyCollection<Scale> Scales { get; } = [Scale.Smoke, Scale.Ci, Scale.Paper];

    /// <summary>
    /// The claims this one rests on (ids): when one of them does not reach its recorded verdict, the report marks this
    /// claim "rests on a refuted claim" and the dependency graph shows where.
    /// </summary>
    public virtual IReadOnlyList<string> DependsOn => [];

    /// <summary>
    /// Of the seeds of a multi-seed run, how many must give the recorded verdict for the claim to hold over seeds
    /// (null: all of them).
    /// </summary>
    public virtual int? SeedsNeeded => null;

    /// <summary>The parameters of the experiment at a scale (sizes, seeds count, thresholds), for the report.</summary>
    public virtual IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>();

    /// <summary>
    /// Runs the check on one construction and closes with a verdict. Called by <see cref="ClaimRunner"/> (faithful run,
    /// control run, sub-unit parts); a claim overrides it as <c>protected override</c>.
    /// </summary>
    protected internal abstract Outcome Check(ClaimContext context, Construction construction);

    /// <summary>
    /// How many independent sub-units (<see cref="ClaimContext.SubUnit(string, int, Func{double[]})"/>) the claim's
    /// sweep at <paramref name="scale"/> has; 0 when it is not split. Only long paper-scale claims declare any.
    /// </summary>
    public virtual int SubUnits(Scale scale) => 0;

    /// <summary>
    /// How many parts <c>verify --split</c> makes of the sub-units at <paramref name="scale"/> (each owning the cells
    /// <see cref="SubUnitStore.Owner"/> gives it): one per sub-unit unless the claim trains several sub-units together
    /// (the batched grid), where fewer, larger parts keep its batches full.
    /// </summary>
    public virtual int Parts(Scale scale) => SubUnits(scale);

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabName();

    /// <summary>
    /// Whether <paramref name="id"/> has the form <c>PAPER.kebab-name</c> for <paramref name="paper"/>, a registered
    /// paper (<see cref="PaperRef.All"/>): the valid prefixes follow from the registration, not from a list here.
    /// </summary>
    public static bool IsValidId(string id, PaperId paper) =>
        Enum.IsDefined(paper) && PaperRef.All.Any(p => p.Id == paper)
        && id.StartsWith(paper + ".", StringComparison.Ordinal) && KebabName().IsMatch(id[(paper.ToString().Length + 1)..]);
}

/// <summary>Thrown by a check that cannot decide (a training run that went NaN, a solver that did not converge).</summary>
public sealed class ClaimInconclusiveException(string reason) : Exception(reason);
