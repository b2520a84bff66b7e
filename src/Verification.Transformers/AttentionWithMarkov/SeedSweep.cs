// Attention with Markov (arXiv 2402.04161) §4 and Local to Global (arXiv 2406.03072) §4: several seeded runs of one
// setting (spec §6: report fractions at a fixed iteration budget), and the one explicit rule by which such a sweep may
// end before its last seed.
using Verification.Core.Claims;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// The runs a sweep made, of the <paramref name="Seeds"/> it was given, and why it stopped early (null: it ran every
/// seed). A stopped sweep says so in its claim's reason: <see cref="Skipped"/> is what
/// <c>Observations.StopOnceRefuted</c> records, <see cref="Note"/> what a summary appends.
/// </summary>
public sealed record SeedSweep<TRun>(IReadOnlyList<TRun> Runs, int Seeds, string? StoppedBecause)
{
    /// <summary>The seeds not run, and why ("seeds 1–2 (requirement unreachable)"); null when every seed ran.</summary>
    public string? Skipped => StoppedBecause is null ? null
        : $"seed{(Seeds - Runs.Count == 1 ? "" : "s")} {Runs.Count}{(Seeds - Runs.Count == 1 ? "" : $"–{Seeds - 1}")} ({StoppedBecause})";

    /// <summary>" (stopped after 1 of 3: requirement unreachable)", or "" when every seed ran.</summary>
    public string Note => StoppedBecause is null ? "" : $" (stopped after {Runs.Count} of {Seeds}: {StoppedBecause})";

    /// <summary>
    /// After the claim's check on this sweep: a sweep that stopped because its requirement became unreachable is
    /// recorded as stopped early (<see cref="Observations.StopOnceRefuted"/>, naming <paramref name="what"/> and the
    /// seeds skipped); one that stopped once its requirement was met says so in its <see cref="Note"/> only.
    /// </summary>
    public void ReportStop(Observations obs, string what)
    {
        if (Skipped is string skipped) obs.StopOnceRefuted($"{what} {skipped}");
    }
}

public static class SeedSweep
{
    /// <summary>
    /// Runs seeds 0, 1, … <paramref name="seeds"/> − 1 in order through <paramref name="train"/>. Before each seed,
    /// <paramref name="stop"/> (given the runs so far) may end the sweep by saying why — the one way a sweep stops
    /// early, so every stop is named in the report.
    /// </summary>
    public static SeedSweep<TRun> Run<TRun>(int seeds, Func<int, TRun> train, Func<IReadOnlyList<TRun>, string?>? stop = null)
    {
        var runs = new List<TRun>();
        for (int i = 0; i < seeds; i++)
        {
            if (stop?.Invoke(runs) is string why) return new SeedSweep<TRun>(runs, seeds, why);
            runs.Add(train(i));
        }
        return new SeedSweep<TRun>(runs, seeds, null);
    }

    /// <summary>
    /// Stops once fewer than <paramref name="required"/> of <paramref name="seeds"/> runs could still count
    /// (<paramref name="counts"/>): the count the claim checks is then below its requirement whatever the rest would do.
    /// With <paramref name="orMet"/> it also stops once the requirement is met (a test budget).
    /// </summary>
    public static Func<IReadOnlyList<TRun>, string?> OnceDecided<TRun>(int seeds, int required, Func<TRun, bool> counts, bool orMet = false) =>
        runs =>
        {
            int hits = runs.Count(counts);
            return hits + (seeds - runs.Count) < required ? "requirement unreachable"
                : orMet && hits >= required ? "requirement met"
                : null;
        };
}
