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

    /// <summary>
    /// Builds another model from the init generator and the device (null: the code model of <see cref="Config"/>);
    /// internal, so not a report parameter: an arm that trains another model says so in its <see cref="Name"/>.
    /// </summary>
    internal Func<TorchSharp.torch.Generator, TorchSharp.torch.Device?, Models.IMarkovModel>? Model { get; init; }

    /// <summary>The step each run is judged at: the checkpoint, or the end of the schedule (internal: not a report parameter).</summary>
    internal int JudgedAt => AtCheckpoint ? Config.CheckpointStep : Config.Iterations;

    public string Requirement => $"≥ {Required}/{Seeds} seeds at {Describe(Expected)} after {JudgedAt} iterations";

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

/// <summary>What a sweep measured: its runs, and how many reached the expected point where they were judged.</summary>
public sealed record SweepResult(TrainingArm Arm, SeedSweep<TrainingRun> Sweep)
{
    public IReadOnlyList<TrainingRun> Runs => Sweep.Runs;

    /// <summary>Runs judged (by <see cref="MarkovTrainer.Classify"/>) at the expected point.</summary>
    public int Hits => Runs.Count(Hit(Arm));

    public string Summary => $"{Arm.Name}: {Hits}/{Runs.Count} seeds at {TrainingArm.Describe(Arm.Expected)} after {Arm.JudgedAt} iterations" +
                             Sweep.Note + $", required {Arm.Required}/{Arm.Seeds}";

    internal static Func<TrainingRun, bool> Hit(TrainingArm arm) => run => (arm.AtCheckpoint ? run.Checkpoint! : run.Final).Reached == arm.Expected;

    /// <summary>Per seed the loss and P̂(1|0) where it was judged (and at the end, when that differs), the fractions, the seeds run; the curves.</summary>
    public void MeasureInto(Observations obs, List<Series> curves)
    {
        for (int i = 0; i < Runs.Count; i++)
        {
            var run = Runs[i];
            var evaluations = run.Checkpoint is null || ReferenceEquals(run.Checkpoint, run.Final)
                ? new[] { ("step" + run.Final.Step, run.Final) }
                : new[] { ("step" + run.Checkpoint.Step, run.Checkpoint), ("final", run.Final) };
            foreach (var (label, e) in evaluations)
                obs.Measure($"{Arm.Name}.seed{i}.{label}.loss", e.Loss).Measure($"{Arm.Name}.seed{i}.{label}.p1-given-0", e.ProbOneGivenZero);
            curves.Add(new Series($"{Arm.Name} seed {i}", run.Steps, run.Losses, Group: Arm.Name));
        }
        obs.Measure($"{Arm.Name}.fraction-at-expected", Runs.Count == 0 ? 0 : Hits / (double)Runs.Count)
            .Measure($"{Arm.Name}.final-fraction-at-expected",
                Runs.Count == 0 ? 0 : Runs.Count(r => r.Final.Reached == Arm.Expected) / (double)Runs.Count)
            .Measure($"{Arm.Name}.seeds-run", Runs.Count);
    }
}

public static class TrainingSweep
{
    /// <summary>
    /// Runs the arm's seeds in order (seed i from <c>context.DeriveSeed</c>), stopping only once the requirement can no
    /// longer be met (<see cref="SeedSweep.OnceDecided"/>). A run judged at the checkpoint stops there: the steps after
    /// it cannot change the verdict. A diverged run makes the whole check inconclusive (step and cause in the reason).
    /// </summary>
    public static SweepResult Run(ClaimContext context, TrainingArm arm, double progressFrom, double progressTo,
        BinaryMarkovChain? trainingSource = null)
    {
        var chain = new BinaryMarkovChain(arm.P, arm.Q);
        double width = (progressTo - progressFrom) / arm.Seeds;
        var sweep = SeedSweep.Run(arm.Seeds, i => ClaimTraining.Train(context, $"{arm.Name}, seed {i}",
                new SampledRun(chain, arm.Tied, arm.Config, context.DeriveSeed($"{arm.SeedStream}-seed-{i}"))
                {
                    Training = MarkovSource.OrNull(trainingSource),
                    Stop = arm.AtCheckpoint ? new TrainingStop(arm.Config.CheckpointStep) : null,
                    Model = arm.Model,
                }, progressFrom + width * i, width),
            SeedSweep.OnceDecided(arm.Seeds, arm.Required, SweepResult.Hit(arm)));
        return new SweepResult(arm, sweep);
    }

    /// <summary>The training curves with dashed reference lines (entropy rate and H(π)) of every chain the arms train on.</summary>
    public static Figure Figure(string name, string title, IReadOnlyList<TrainingArm> arms, IEnumerable<Series> curves)
    {
        var references = arms.Select(a => (a.P, a.Q)).Distinct()
            .SelectMany(c => ReferenceLines(c.P, c.Q, arms.Max(a => a.Config.Iterations)));
        return new Figure(name, title, "iteration", "test loss (nats)", curves.Concat(references).ToList(),
            Caption: "Where each arm's runs end: at the entropy rate (the chain learned) or on H(π) (the unigram plateau), both labelled lines.");
    }

    /// <summary>Labelled horizontal reference lines at the entropy rate and H(π) over [0, iterations].</summary>
    public static IEnumerable<Series> ReferenceLines(double p, double q, int iterations)
    {
        var chain = new BinaryMarkovChain(p, q);
        double[] x = [0, iterations];
        yield return new Series($"entropy rate ({p},{q})", x, [chain.EntropyRate, chain.EntropyRate], SeriesStyle.Reference, "references");
        yield return new Series($"H(π) ({p},{q})", x, [chain.StationaryEntropy, chain.StationaryEntropy], SeriesStyle.Reference, "references");
    }
}

/// <summary>How a claim trains one sampled run: on the run's device, with progress, a divergence making the claim inconclusive.</summary>
public static class ClaimTraining
{
    /// <summary>
    /// Trains <paramref name="run"/> on the claim's device, reporting progress over [<paramref name="from"/>,
    /// <paramref name="from"/> + <paramref name="width"/>]; a diverged run throws <see cref="ClaimInconclusiveException"/>
    /// naming <paramref name="what"/>, the step and the cause.
    /// </summary>
    public static TrainingRun Train(ClaimContext context, string what, SampledRun run, double from = 0, double width = 0)
    {
        try
        {
            return MarkovTrainer.Train(run, context.Device.ToTorch(), f => context.Report(from + width * f));
        }
        catch (TrainingDivergedException e)
        {
            throw new ClaimInconclusiveException($"{what}: {e.Message}");
        }
    }

    /// <summary>A batched run's <see cref="TrainingRun"/>; a diverged one throws <see cref="ClaimInconclusiveException"/> naming <paramref name="what"/>, as <see cref="Train"/> does.</summary>
    public static TrainingRun Get(BatchedRunResult result, string what)
    {
        try
        {
            return result.Get();
        }
        catch (TrainingDivergedException e)
        {
            throw new ClaimInconclusiveException($"{what}: {e.Message}");
        }
    }
}
