// Attention with Markov (arXiv 2402.04161) §4 and Local to Global (arXiv 2406.03072) §4: how long tied training sits on
// the unigram plateau H(π) before it reaches the entropy rate, as a distribution over seeds (issue #16).
using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// The escape steps of one arm over its seeds: the step at which a run was first found at the entropy rate (the
/// detector of <see cref="MarkovTrainer"/>, fixed before any escape-time run: every <see cref="TrainingConfig.EvalEvery"/>
/// steps, a 2-batch loss within 2·0.005 of the entropy rate triggers a full evaluation, which must put the loss within
/// 0.005 of the entropy rate AND P̂(1|0) within 0.03 of p), or null when the run was still not there at
/// <see cref="Horizon"/> (right-censored). Quantiles count a censored run as later than every escaped one.
/// </summary>
/// <param name="Stopped">why the sweep stopped before its last seed (<see cref="SeedSweep{TRun}.Note"/>), or "" when every seed ran</param>
public sealed record EscapeSample(string Name, IReadOnlyList<int?> Steps, int Horizon, string Stopped = "")
{
    public int Runs => Steps.Count;
    public int Escaped => Steps.Count(s => s is not null);

    /// <summary>
    /// The ⌈u·n⌉-th smallest escape step (1-based), or null when that order statistic is a censored run (the quantile
    /// is then only known to exceed <see cref="Horizon"/>).
    /// </summary>
    public int? Quantile(double u)
    {
        if (Runs == 0 || u <= 0 || u > 1) throw new ArgumentOutOfRangeException(nameof(u), u, "u must lie in (0, 1] and the sample must not be empty");
        var sorted = Steps.Select(s => s ?? int.MaxValue).Order().ToArray();
        int k = (int)Math.Ceiling(u * Runs) - 1;
        return sorted[k] == int.MaxValue ? null : sorted[k];
    }

    /// <summary>The median as a number for comparisons: the escape step, or the horizon (a lower bound) when censored.</summary>
    public double MedianOrHorizon => Quantile(0.5) ?? Horizon;

    /// <summary>Fraction of runs not yet escaped at each step 0 … Horizon (the empirical survival curve).</summary>
    public Series Survival(string? group = null)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (int step in Steps.Where(s => s is not null).Select(s => s!.Value).Append(0).Append(Horizon).Distinct().Order())
        {
            // a step curve: the value just before and at each escape step
            double before = Steps.Count(s => s is null || s >= step) / (double)Runs;
            double after = Steps.Count(s => s is null || s > step) / (double)Runs;
            xs.Add(step); ys.Add(before);
            if (after != before) { xs.Add(step); ys.Add(after); }
        }
        return new Series(Name, xs, ys, Group: group);
    }

    /// <summary>Records the sample: runs, escaped, quartiles (censored ones as −1: beyond the horizon) and each seed's step.</summary>
    public void MeasureInto(Observations obs)
    {
        obs.Measure($"{Name}.runs", Runs).Measure($"{Name}.escaped", Escaped).Measure($"{Name}.horizon", Horizon);
        foreach (var (label, u) in new[] { ("q25", 0.25), ("median", 0.5), ("q75", 0.75) })
            obs.Measure($"{Name}.escape-step-{label}", Quantile(u) ?? -1);
        for (int i = 0; i < Runs; i++) obs.Measure($"{Name}.seed{i}.escape-step", Steps[i] ?? -1);
    }

    /// <summary>"8/10 escaped, median 180 (q25 150, q75 > 400)".</summary>
    public string Summary
    {
        get
        {
            string Q(double u) => Quantile(u) is int s ? $"{s}" : $"> {Horizon}";
            return $"{Name}: {Escaped}/{Runs} escaped by step {Horizon}{Stopped}, median {Q(0.5)} (q25 {Q(0.25)}, q75 {Q(0.75)})";
        }
    }
}

/// <summary>One arm of an escape-time measurement: what is trained, for how long, on how many seeds.</summary>
/// <param name="Name">the report name (<see cref="ReportName"/>), prefix of the arm's measurements</param>
/// <param name="Model">the model builder (null: the code model of <paramref name="Config"/>)</param>
/// <param name="Horizon">steps run at most (the schedule stays that of <see cref="TrainingConfig.Iterations"/>)</param>
public sealed record EscapeArm(string Name, TrainingConfig Config, bool Tied, int Seeds, int Horizon,
    Func<Generator, Device?, IMarkovModel>? Model = null)
{
    /// <summary>
    /// Prefix of the seed streams (<c>{SeedStream}-seed-{i}</c>), so two claims with the same stream train the same
    /// runs; the name by default. Arms named before the kebab-case rule keep their old name here ("tied-L1-T256"),
    /// since renaming a stream changes every draw from it.
    /// </summary>
    public string SeedStream { get; init; } = Name;

    /// <summary>Whether <see cref="Model"/>'s models have a batched program (<see cref="SampledRun.ModelBatches"/>).</summary>
    public bool ModelBatches { get; init; }

    /// <summary>The same arm untied (its name and seed streams say so): no unigram minimum to linger at.</summary>
    public EscapeArm Untied() => this with { Name = Name.Replace("tied", "untied"), SeedStream = SeedStream.Replace("tied", "untied"), Tied = false };

    /// <summary>The same arm under the name and seed streams of its runs on an i.i.d. source ("iid-…").</summary>
    public EscapeArm OnIid() => this with { Name = $"iid-{Name}", SeedStream = $"iid-{SeedStream}" };

    public string Describe(string model) =>
        $"{model}, {(Tied ? "tied" : "untied")}, d={Config.Dim}, L={Config.Layers}, T={Config.Length}, B={Config.Batch}, schedule of {Config.Iterations} iterations, runs stop at the escape or at step {Horizon}, {Seeds} seeds";
}

public static class EscapeTimes
{
    /// <summary>
    /// Trains the arm's seeds on <paramref name="chain"/> (or <paramref name="source"/>, the sabotaged training data)
    /// with escape detection, each run stopping at its escape or at the horizon. <paramref name="stopWhen"/>, asked
    /// with the sample so far before each further seed, ends the sweep once the verdict is decided (the sample then
    /// has fewer runs and its summary says so). A diverged run makes the claim inconclusive. Arms of the code model and the
    /// simplified model go through the batched program (<see cref="BatchedTraining"/>, every seed, one alone included,
    /// so that a seed's escape step is the same whatever batch it trains in); other models train seed by seed.
    /// </summary>
    public static EscapeSample Run(ClaimContext context, EscapeArm arm, BinaryMarkovChain chain, double from, double to,
        BinaryMarkovChain? source = null, Func<EscapeSample, bool>? stopWhen = null, List<Series>? curves = null)
    {
        double width = (to - from) / arm.Seeds;
        SampledRun Seed(int i) => new(chain, arm.Tied, arm.Config, context.DeriveSeed($"{arm.SeedStream}-seed-{i}"))
        {
            Training = MarkovSource.OrNull(source),
            Stop = new TrainingStop(arm.Horizon, AtEscape: true),
            Model = arm.Model,
            ModelBatches = arm.ModelBatches,
        };
        var ahead = new Dictionary<int, BatchedRunResult>();
        var sweep = SeedSweep.Run(arm.Seeds, i =>
            {
                TrainingRun run;
                if (BatchedTraining.Batchable(Seed(i)))
                {
                    if (!ahead.ContainsKey(i)) TrainAhead(context, arm, Seed, i, from + width * i, width, ahead, stopWhen);
                    run = ClaimTraining.Get(ahead[i], $"{arm.Name}, seed {i}");
                }
                else run = ClaimTraining.Train(context, $"{arm.Name}, seed {i}", Seed(i), from + width * i, width);
                curves?.Add(new Series($"{arm.Name} seed {i}", run.Steps, run.Losses, Group: arm.Name));
                return run.EscapeStep;
            },
            runs => runs.Count > 0 && stopWhen?.Invoke(new EscapeSample(arm.Name, runs, arm.Horizon)) == true ? "decided" : null);
        return new EscapeSample(arm.Name, sweep.Runs, arm.Horizon, sweep.Note);
    }

    /// <summary>
    /// Trains seeds <paramref name="first"/> … of a batchable arm as one batched program (at most
    /// <see cref="BatchedTraining.RunsPerBatch"/>). The sweep still takes them one by one in seed order and asks its stop
    /// rule before each, so the sample is the one a seed-by-seed sweep draws. A batch takes no more seeds than the rule
    /// could need before it may fire (<see cref="UntilStopMayFire"/>), so a stop wastes no run when the runs all escape
    /// or all stay censored (the outcomes the rules count), and at most the rest of a batch otherwise. A run's result
    /// does not depend on its companions, so the escape steps do not depend on the batch size either.
    /// </summary>
    private static void TrainAhead(ClaimContext context, EscapeArm arm, Func<int, SampledRun> seed, int first, double from, double width,
        Dictionary<int, BatchedRunResult> ahead, Func<EscapeSample, bool>? stopWhen)
    {
        var sofar = Enumerable.Range(0, first).Select(j => ahead[j].Run?.EscapeStep).ToList();
        int most = Math.Min(BatchedTraining.RunsPerBatch(arm.Config, context.Device.ToTorch()), arm.Seeds - first);
        int count = UntilStopMayFire(arm, sofar, most, stopWhen);
        var results = BatchedTraining.Train(Enumerable.Range(first, count).Select(seed).ToList(), context.Device.ToTorch(),
            f => context.Report(from + width * count * f));
        for (int j = 0; j < count; j++) ahead[first + j] = results[j];
    }

    /// <summary>
    /// The fewest further runs (1 … <paramref name="most"/>) after which <paramref name="stopWhen"/> fires if they all
    /// stay censored or all escape (at the horizon), or <paramref name="most"/> when neither does: the runs a sweep at
    /// <paramref name="sofar"/> needs whichever of the two ways its next runs go.
    /// </summary>
    public static int UntilStopMayFire(EscapeArm arm, IReadOnlyList<int?> sofar, int most, Func<EscapeSample, bool>? stopWhen)
    {
        if (stopWhen is null) return most;
        for (int m = 1; m < most; m++)
            foreach (int? outcome in new int?[] { null, arm.Horizon })
                if (stopWhen(new EscapeSample(arm.Name, sofar.Concat(Enumerable.Repeat(outcome, m)).ToList(), arm.Horizon))) return m;
        return most;
    }

    /// <summary>The empirical survival curves (fraction of runs not yet escaped against the step) of the samples.</summary>
    public static Figure SurvivalFigure(string name, string title, IEnumerable<EscapeSample> samples) =>
        new(name, title, "iteration", "fraction of runs not escaped", samples.Select(s => s.Survival()).ToList(),
            Caption: "The fraction of each arm's runs still on the plateau at each iteration: a curve that reaches 0 means every run escaped.");
}
