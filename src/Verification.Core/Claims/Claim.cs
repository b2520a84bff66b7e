using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Verification.Core.Runtime;

namespace Verification.Core.Claims;

/// <summary>
/// A falsifiable statement of a paper, with the check that can refute it. Every claim carries a negative control:
/// <see cref="Check"/> is run a second time on <see cref="Construction.Sabotaged"/>, and the same check must refute
/// it. A claim whose control is not refuted is reported <see cref="Verdict.Inconclusive"/> (a check that cannot fail
/// verifies nothing).
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

    /// <summary>Runs the check on one construction and closes with a verdict.</summary>
    protected abstract Outcome Check(ClaimContext context, Construction construction);

    /// <summary>
    /// How many independent sub-units (<see cref="ClaimContext.SubUnit(string, int, Func{double[]})"/>) the claim's
    /// sweep at <paramref name="scale"/> has; 0 when it is not split. Only long paper-scale claims declare any.
    /// </summary>
    public virtual int SubUnits(Scale scale) => 0;

    /// <summary>
    /// A part run: computes the sub-units that part <paramref name="part"/> of <paramref name="parts"/> owns, for both
    /// constructions, into <paramref name="store"/>; the checks' outcomes are discarded (their other cells are NaN).
    /// </summary>
    public void EvaluatePart(Scale scale, int seed, ComputeDevice device, SubUnitStore store, int part, int parts,
        CancellationToken cancellation = default)
    {
        if (!Scales.Contains(scale)) return;
        var plan = SubUnitPlan.OnlyPart(store, part, parts);
        foreach (var construction in new[] { Construction.Faithful, Construction.Sabotaged })
        {
            try
            {
                Check(new ClaimContext(scale, seed, device, null, cancellation, subUnits: plan, construction: construction), construction);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // A check that cannot go on with NaN placeholders stops here; cells it did not reach are computed at assembly.
            }
        }
    }

    /// <summary>Runs the check on the faithful construction and on the negative control.</summary>
    /// <param name="subUnits">Null for an ordinary run; <see cref="SubUnitPlan.Assemble"/> to read the sub-units that part runs stored.</param>
    public Evidence Evaluate(Scale scale, int seed, ComputeDevice device, IProgress<double>? progress = null,
        CancellationToken cancellation = default, SubUnitPlan? subUnits = null)
    {
        var clock = Stopwatch.StartNew();
        var parameters = Parameters(scale);
        var recorded = RecordedAt(scale);
        if (!Scales.Contains(scale))
        {
            return new Evidence(Id, Paper, Section, Statement, scale, seed, device.Name, Verdict.NotRun,
                $"not run at scale {scale.ToCli()}: this claim cannot be checked honestly that small " +
                $"(runs at {string.Join(", ", Scales.Select(s => s.ToCli()))})",
                recorded, parameters, Empty, [], null, [], [], 0);
        }

        var faithful = RunRetryingNativeErrors(() => new ClaimContext(scale, seed, device, progress, cancellation, 0, 0.8, subUnits, Construction.Faithful), Construction.Faithful);
        var sabotaged = RunRetryingNativeErrors(() => new ClaimContext(scale, seed, device, progress, cancellation, 0.8, 1, subUnits, Construction.Sabotaged), Construction.Sabotaged);
        progress?.Report(1);

        var (verdict, reason) = (faithful.Verdict, faithful.Reason);
        if (verdict == Verdict.Holds && sabotaged.Verdict != Verdict.Refuted)
        {
            verdict = Verdict.Inconclusive;
            reason = $"negative control was not refuted ({sabotaged.Verdict}: {sabotaged.Reason}); the check could not fail";
        }
        else if (verdict == Verdict.Refuted && recorded == Verdict.Refuted && sabotaged.Verdict != Verdict.Holds)
        {
            verdict = Verdict.Inconclusive;
            reason = $"positive control did not hold ({sabotaged.Verdict}: {sabotaged.Reason}); the check could not pass";
        }

        var control = new ControlEvidence(ControlAt(scale), sabotaged.Verdict, sabotaged.Reason, sabotaged.Measured, sabotaged.Checks)
            { StoppedEarly = sabotaged.StoppedEarly };
        return new Evidence(Id, Paper, Section, Statement, scale, seed, device.Name, verdict, reason, recorded, parameters,
            faithful.Measured, faithful.Checks, control, faithful.Figures, faithful.Tables,
            clock.Elapsed.TotalSeconds) { StoppedEarly = faithful.StoppedEarly };
    }

    /// <summary>
    /// A guard, not the fix (issue #12; the cause is fixed in <see cref="TorchRuntime.EnsureLiveness"/>): a check
    /// that dies with a native error (<see cref="ExternalException"/>, e.g. a libtorch <c>c10::Error</c>) is run once
    /// more from scratch with the same seed; the reason then says it was retried and why. A second native error
    /// stays inconclusive.
    /// </summary>
    private Outcome RunRetryingNativeErrors(Func<ClaimContext> context, Construction construction)
    {
        var first = Run(context(), construction, out var nativeError);
        if (nativeError is null) return first;
        var second = Run(context(), construction, out var again);
        var note = again is null
            ? $"retried once from scratch after a native error: {nativeError}"
            : $"retried once from scratch after a native error ({nativeError}); the retry failed the same way";
        return new Outcome(second.Verdict, $"{second.Reason} [{note}]", second.Measured, second.Checks, second.Figures, second.Tables)
            { StoppedEarly = second.StoppedEarly };
    }

    private Outcome Run(ClaimContext context, Construction construction, out string? nativeError)
    {
        nativeError = null;
        context.Cancellation.ThrowIfCancellationRequested();
        try
        {
            return Check(context, construction);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (ClaimInconclusiveException e)
        {
            return new Observations().Inconclusive(e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (e is ExternalException) nativeError = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            // A crash is not evidence either way; report it with its cause so that it is seen, never passed.
            var firstLine = e.Message.Split('\n')[0].Trim();
            var where = string.Join(" < ", (e.StackTrace ?? "").Split('\n').Select(l => l.Trim())
                .Where(l => l.StartsWith("at Verification.", StringComparison.Ordinal)).Take(3).Select(l => l[3..].Split(" in ")[0]));
            return new Observations().Inconclusive($"check failed with {e.GetType().Name}: {firstLine}" + (where.Length > 0 ? $" (at {where})" : ""));
        }
    }

    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();

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
