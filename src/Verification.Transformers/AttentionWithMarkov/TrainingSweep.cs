// Attention with Markov (arXiv 2402.04161), §4: several seeded training runs of one setting, and the fraction that
// ended at the predicted stationary point (spec §6: report fractions at a fixed iteration budget).
using Verification.Core.Claims;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>One setting of a training claim: chain, tying, depth, expected end point, seeds and how many must agree.</summary>
/// <remarks><paramref name="Name"/>: the report name (<see cref="ReportName"/>), prefix of the arm's measurements.
/// <paramref name="AtCheckpoint"/>: judge each run where it sits at <see cref="TrainingConfig.CheckpointStep"/>
/// instead of at the end.</remarks>
public sealed record TrainingArm(string Name, double P, double Q, bool Tied, TrainingConfig Config, ReachedPoint Expected,
    int Seeds, int Required, bool AtCheckpoint = false)
{
    /// <summary>
    /// Prefix of the seed streams (<c>{SeedStream}-seed-{i}</c>); the name by default. Arms named before the
    /// kebab-case rule keep their old name here ("tied(0.5,0.8)"), since renaming a stream changes every draw from it.
    /// </summary>
    public string SeedStream { get; init; } = Name;

    public string Requirement =>
        $"≥ {Required}/{Seeds} seeds at {Describe(Expected)} after {(AtCheckpoint ? Config.CheckpointStep : Config.Iterations)} iterations";

    public static string Describe(ReachedPoint point) => point switch
    {
        ReachedPoint.EntropyRate => "the entropy rate (predicting p)",
        ReachedPoint.Unigram => "H(π) (predicting π1)",
        _ => "neither reference",
    };
}

/// <summary>
/// How <see cref="MarkovTrainer"/> judges where a run ended (its constants, fixed there): within these of the reference
/// loss and of the reference P̂(1|0). A record so that a claim's report parameters can be read off it.
/// </summary>
public sealed record TrainerTolerances
{
    public static TrainerTolerances Trainer { get; } = new();

    /// <summary>|loss − reference| ≤ this (nats).</summary>
    public double LossTolerance => MarkovTrainer.LossTolerance;

    /// <summary>|P̂(1|0) − reference| ≤ this.</summary>
    public double ProbabilityTolerance => MarkovTrainer.ProbabilityTolerance;
}

/// <summary>What a sweep measured: runs done, how many reached the expected point, whether the requirement holds.</summary>
public sealed record SweepResult(TrainingArm Arm, IReadOnlyList<TrainingRun> Runs, int Hits, bool StoppedEarly)
{
    public bool Holds => Hits >= Arm.Required;

    public string Summary => $"{Arm.Name}: {Hits}/{Runs.Count} seeds at {TrainingArm.Describe(Arm.Expected)} after {(Arm.AtCheckpoint ? Arm.Config.CheckpointStep : Arm.Config.Iterations)} iterations" +
                             (StoppedEarly ? $" (stopped after {Runs.Count} of {Arm.Seeds}: requirement unreachable)" : "") +
                             $", required {Arm.Required}/{Arm.Seeds}";
}

public static class TrainingSweep
{
    /// <summary>
    /// Runs the arm's seeds in order (seed i from <c>context.DeriveSeed</c>), stopping only once the requirement can no
    /// longer be met. Records per-seed final loss and P̂(1|0), the fraction, and adds the curves to
    /// <paramref name="curves"/>. A diverged run makes the whole check inconclusive (step and cause in the reason).
    /// </summary>
    public static SweepResult Run(ClaimContext context, Observations obs, TrainingArm arm, List<Series> curves,
        double progressFrom, double progressTo, BinaryMarkovChain? trainingSource = null)
    {
        var chain = new BinaryMarkovChain(arm.P, arm.Q);
        var runs = new List<TrainingRun>();
        int hits = 0;
        bool stopped = false;
        for (int i = 0; i < arm.Seeds; i++)
        {
            if (hits + (arm.Seeds - i) < arm.Required)
            {
                stopped = true;
                break;
            }
            double from = progressFrom + (progressTo - progressFrom) * i / arm.Seeds;
            double width = (progressTo - progressFrom) / arm.Seeds;
            TrainingRun run;
            try
            {
                // Judged at the checkpoint: the steps after it cannot change the verdict, so they are not run.
                var stop = arm.AtCheckpoint ? new TrainingStop(arm.Config.CheckpointStep) : null;
                run = MarkovTrainer.Train(chain, arm.Tied, arm.Config, context.DeriveSeed($"{arm.SeedStream}-seed-{i}"),
                    f => context.Report(from + width * f), trainingSource, stop, context.Device.ToTorch());
            }
            catch (TrainingDivergedException e)
            {
                throw new ClaimInconclusiveException($"{arm.Name}, seed {i}: {e.Message}");
            }
            runs.Add(run);
            var judged = arm.AtCheckpoint ? run.Checkpoint! : run.Final;
            if (judged.Reached == arm.Expected) hits++;
            var evaluations = run.Checkpoint is null || ReferenceEquals(run.Checkpoint, run.Final)
                ? new[] { ("step" + run.Final.Step, run.Final) }
                : new[] { ("step" + run.Checkpoint.Step, run.Checkpoint), ("final", run.Final) };
            // Each run is judged by MarkovTrainer's classification (loss and P̂(1|0) within their tolerances of the
            // expected point); the claim decides on the count of runs so judged (TrainingClaim).
            foreach (var (label, e) in evaluations)
                obs.Measure($"{arm.Name}.seed{i}.{label}.loss", e.Loss)
                    .Measure($"{arm.Name}.seed{i}.{label}.p1-given-0", e.ProbOneGivenZero);
            curves.Add(new Series($"{arm.Name} seed {i}", run.Steps, run.Losses, Group: arm.Name));
        }
        obs.Measure($"{arm.Name}.fraction-at-expected", runs.Count == 0 ? 0 : hits / (double)runs.Count)
            .Measure($"{arm.Name}.final-fraction-at-expected",
                runs.Count == 0 ? 0 : runs.Count(r => r.Final.Reached == arm.Expected) / (double)runs.Count)
            .Measure($"{arm.Name}.seeds-run", runs.Count);
        return new SweepResult(arm, runs, hits, stopped);
    }

    /// <summary>Dashed horizontal reference lines at the entropy rate and H(π) over [0, iterations].</summary>
    public static IEnumerable<Series> ReferenceLines(double p, double q, int iterations)
    {
        var chain = new BinaryMarkovChain(p, q);
        double[] x = [0, iterations];
        yield return new Series($"entropy rate ({p},{q})", x, [chain.EntropyRate, chain.EntropyRate], SeriesStyle.Dashed, "references");
        yield return new Series($"H(π) ({p},{q})", x, [chain.StationaryEntropy, chain.StationaryEntropy], SeriesStyle.Dashed, "references");
    }
}
