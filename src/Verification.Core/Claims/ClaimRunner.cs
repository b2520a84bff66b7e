using System.Diagnostics;
using System.Runtime.InteropServices;
using Verification.Core.IO;
using Verification.Core.Runtime;

namespace Verification.Core.Claims;

/// <summary>
/// Runs a <see cref="Claim"/>: its check on the faithful construction and on the control, the verdict that follows
/// from both, and a crash turned into an inconclusive outcome that names its cause. Extension methods, so a run reads
/// <c>claim.Evaluate(scale, seed, device)</c>.
/// <para>
/// Out of memory is such a crash: a managed <see cref="OutOfMemoryException"/> (an allocation the runtime refused; it
/// happened nowhere, and what the check held is garbage once its stack unwinds) and a libtorch allocation failure (a
/// <c>c10::Error</c> "can't allocate memory" or "CUDA out of memory", which TorchSharp raises as an
/// <see cref="ExternalException"/> after the native call returned) leave the process sound, so the claim is
/// inconclusive with the reason and the run goes on; it is not retried (the same seed asks for the same memory).
/// What cannot be caught: the kernel's OOM killer (SIGKILL), which leaves the run folder with whole records only.
/// A <see cref="FileWriteException"/> (a full disk while storing sub-units) is no evidence about the claim: it stops the run.
/// </para>
/// </summary>
public static class ClaimRunner
{
    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();

    /// <summary>Runs the check on the faithful construction and on the negative control.</summary>
    /// <param name="subUnits">Null for an ordinary run; <see cref="SubUnitPlan.Assemble"/> to read the sub-units that part runs stored.</param>
    public static Evidence Evaluate(this Claim claim, Scale scale, int seed, ComputeDevice device, IProgress<double>? progress = null,
        CancellationToken cancellation = default, SubUnitPlan? subUnits = null)
    {
        var clock = Stopwatch.StartNew();
        var parameters = claim.Parameters(scale);
        var recorded = claim.RecordedAt(scale);
        if (!claim.Scales.Contains(scale))
        {
            return new Evidence(claim.Id, claim.Paper, claim.Section, claim.Statement, scale, seed, device.Name, Verdict.NotRun,
                $"not run at scale {scale.ToCli()}: this claim cannot be checked honestly that small " +
                $"(runs at {string.Join(", ", claim.Scales.Select(s => s.ToCli()))})",
                recorded, parameters, Empty, [], null, [], [], 0);
        }

        var faithful = RunRetryingNativeErrors(claim, () => new ClaimContext(scale, seed, device, progress, cancellation, 0, 0.8, subUnits, Construction.Faithful), Construction.Faithful);
        var sabotaged = RunRetryingNativeErrors(claim, () => new ClaimContext(scale, seed, device, progress, cancellation, 0.8, 1, subUnits, Construction.Sabotaged), Construction.Sabotaged);
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

        var control = new ControlEvidence(claim.ControlAt(scale), sabotaged.Verdict, sabotaged.Reason, sabotaged.Measured, sabotaged.Checks)
            { StoppedEarly = sabotaged.StoppedEarly };
        return new Evidence(claim.Id, claim.Paper, claim.Section, claim.Statement, scale, seed, device.Name, verdict, reason, recorded, parameters,
            faithful.Measured, faithful.Checks, control, faithful.Figures, faithful.Tables,
            clock.Elapsed.TotalSeconds) { StoppedEarly = faithful.StoppedEarly };
    }

    /// <summary>
    /// A part run: computes the sub-units that part <paramref name="part"/> of <paramref name="parts"/> owns, for both
    /// constructions, into <paramref name="store"/>; the checks' outcomes are discarded (their other cells are NaN).
    /// </summary>
    public static void EvaluatePart(this Claim claim, Scale scale, int seed, ComputeDevice device, SubUnitStore store, int part, int parts,
        CancellationToken cancellation = default)
    {
        if (!claim.Scales.Contains(scale)) return;
        var plan = SubUnitPlan.OnlyPart(store, part, parts);
        foreach (var construction in new[] { Construction.Faithful, Construction.Sabotaged })
        {
            try
            {
                claim.Check(new ClaimContext(scale, seed, device, null, cancellation, subUnits: plan, construction: construction), construction);
            }
            catch (Exception e) when (e is not OperationCanceledException and not FileWriteException)
            {
                // A check that cannot go on with NaN placeholders stops here; cells it did not reach are computed at assembly.
            }
        }
    }

    /// <summary>
    /// A guard, not the fix (issue #12; the cause is fixed in Verification.Torch's <c>TorchRuntime.EnsureLiveness</c>): a
    /// check that dies with a native error (<see cref="ExternalException"/>, e.g. a libtorch <c>c10::Error</c>) is run
    /// once more from scratch with the same seed; the reason then says it was retried and why. A second native error
    /// stays inconclusive.
    /// </summary>
    private static Outcome RunRetryingNativeErrors(Claim claim, Func<ClaimContext> context, Construction construction)
    {
        var first = Run(claim, context(), construction, out var nativeError);
        if (nativeError is null) return first;
        var second = Run(claim, context(), construction, out var again);
        var note = again is null
            ? $"retried once from scratch after a native error: {nativeError}"
            : $"retried once from scratch after a native error ({nativeError}); the retry failed the same way";
        return new Outcome(second.Verdict, $"{second.Reason} [{note}]", second.Measured, second.Checks, second.Figures, second.Tables)
            { StoppedEarly = second.StoppedEarly };
    }

    private static Outcome Run(Claim claim, ClaimContext context, Construction construction, out string? nativeError)
    {
        nativeError = null;
        context.Cancellation.ThrowIfCancellationRequested();
        try
        {
            return claim.Check(context, construction);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (ClaimInconclusiveException e)
        {
            return new Observations().Inconclusive(e.Message);
        }
        catch (Exception e) when (OutOfMemory(e))
        {
            // Native tensors the check did not dispose are released by their finalizers: run them before the next claim.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return new Observations().Inconclusive($"out of memory: {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}" + Where(e));
        }
        catch (Exception e) when (e is not FileWriteException)
        {
            if (e is ExternalException) nativeError = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            // A crash is not evidence either way; report it with its cause so that it is seen, never passed.
            return new Observations().Inconclusive($"check failed with {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}" + Where(e));
        }
    }

    /// <summary>A managed out-of-memory, or libtorch's allocation failure on the CPU or a CUDA device.</summary>
    private static bool OutOfMemory(Exception e) =>
        e is OutOfMemoryException
        || e is ExternalException && (e.Message.Contains("can't allocate memory", StringComparison.Ordinal)
                                      || e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase));

    /// <summary>" (at A &lt; B &lt; C)": the innermost three frames of the project's own code, for the report.</summary>
    private static string Where(Exception e)
    {
        var frames = (e.StackTrace ?? "").Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("at Verification.", StringComparison.Ordinal)).Take(3).Select(l => l[3..].Split(" in ")[0]);
        var where = string.Join(" < ", frames);
        return where.Length > 0 ? $" (at {where})" : "";
    }
}
