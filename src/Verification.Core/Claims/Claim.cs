using System.Diagnostics;
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
    /// pass. Tests assert the recorded verdict, so a change either way turns CI red.
    /// </summary>
    public virtual Verdict Recorded => Verdict.Holds;

    /// <summary>The scales at which the claim can be checked honestly. Others are reported as not run.</summary>
    public virtual IReadOnlyCollection<Scale> Scales { get; } = [Scale.Smoke, Scale.Ci, Scale.Paper];

    /// <summary>The parameters of the experiment at a scale (sizes, seeds count, thresholds), for the report.</summary>
    public virtual IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>();

    /// <summary>Runs the check on one construction and closes with a verdict.</summary>
    protected abstract Outcome Check(ClaimContext context, Construction construction);

    /// <summary>Runs the check on the faithful construction and on the negative control.</summary>
    public Evidence Evaluate(Scale scale, int seed, ComputeDevice device, IProgress<double>? progress = null,
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var parameters = Parameters(scale);
        if (!Scales.Contains(scale))
        {
            return new Evidence(Id, Paper, Section, Statement, scale, seed, device.Name, Verdict.NotRun,
                $"not run at scale {scale.ToCli()}: this claim cannot be checked honestly that small " +
                $"(runs at {string.Join(", ", Scales.Select(s => s.ToCli()))})",
                Recorded, parameters, Empty, [], null, [], [], 0);
        }

        var faithful = Run(new ClaimContext(scale, seed, device, progress, cancellation, 0, 0.8), Construction.Faithful);
        var sabotaged = Run(new ClaimContext(scale, seed, device, progress, cancellation, 0.8, 1), Construction.Sabotaged);
        progress?.Report(1);

        var (verdict, reason) = (faithful.Verdict, faithful.Reason);
        if (verdict == Verdict.Holds && sabotaged.Verdict != Verdict.Refuted)
        {
            verdict = Verdict.Inconclusive;
            reason = $"negative control was not refuted ({sabotaged.Verdict}: {sabotaged.Reason}); the check could not fail";
        }
        else if (verdict == Verdict.Refuted && Recorded == Verdict.Refuted && sabotaged.Verdict != Verdict.Holds)
        {
            verdict = Verdict.Inconclusive;
            reason = $"positive control did not hold ({sabotaged.Verdict}: {sabotaged.Reason}); the check could not pass";
        }

        var control = new ControlEvidence(NegativeControl, sabotaged.Verdict, sabotaged.Reason, sabotaged.Measured, sabotaged.Checks);
        return new Evidence(Id, Paper, Section, Statement, scale, seed, device.Name, verdict, reason, Recorded, parameters,
            faithful.Measured, faithful.Checks, control, faithful.Figures, faithful.Tables,
            clock.Elapsed.TotalSeconds);
    }

    private Outcome Run(ClaimContext context, Construction construction)
    {
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
