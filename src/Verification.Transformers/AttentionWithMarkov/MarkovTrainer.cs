// Attention with Markov (arXiv 2402.04161), §4 experiments: training the code model on a binary Markov source with
// the authors' defaults (Bond1995/Markov, Markov-LLM/src/config/markov.py; spec §4), on fresh sampled batches.
using Verification.Core.Markov;
using Verification.Core.Seeding;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>Which stationary point a run ended at (spec §6: final loss vs both references AND P̂(1|0) vs p and π1).</summary>
public enum ReachedPoint { EntropyRate, Unigram, Neither }

/// <summary>Loss, position-averaged P̂(1|0) and P̂(0|1) on fresh batches after <see cref="Step"/> steps, and the verdict.</summary>
public sealed record RunEvaluation(int Step, double Loss, double ProbOneGivenZero, double ProbZeroGivenOne, ReachedPoint Reached);

/// <summary>
/// Ends a run before <see cref="TrainingConfig.Iterations"/> (the LR schedule stays that of the full run, so the steps
/// done are identical to the full run's): after <paramref name="MaxSteps"/> steps, and, with
/// <paramref name="AtEscape"/>, at the first evaluation where a full evaluation classifies the run at the entropy rate.
/// </summary>
public sealed record TrainingStop(int MaxSteps, bool AtEscape = false)
{
    /// <summary>The steps a run of <paramref name="config"/> takes at most under <paramref name="stop"/> (none: every iteration); a stop outside [1, Iterations] is refused.</summary>
    public static int StepsFor(TrainingStop? stop, TrainingConfig config, string parameter)
    {
        if (stop is not null && (stop.MaxSteps < 1 || stop.MaxSteps > config.Iterations))
            throw new ArgumentOutOfRangeException(parameter, stop.MaxSteps, $"stop.MaxSteps must lie in [1, Iterations = {config.Iterations}]");
        return stop?.MaxSteps ?? config.Iterations;
    }
}

/// <summary>
/// One training run: the evaluation curve, the checkpoint evaluation (null when the run stopped before it or had
/// none), the final evaluation (at the step the run stopped) and, when escape detection was on, the step at which a
/// full evaluation first found the run at the entropy rate (null: not within the steps run).
/// </summary>
public sealed record TrainingRun(
    IReadOnlyList<double> Steps,
    IReadOnlyList<double> Losses,
    RunEvaluation? Checkpoint,
    RunEvaluation Final,
    int? EscapeStep = null)
{
    public double FinalLoss => Final.Loss;
    public double ProbOneGivenZero => Final.ProbOneGivenZero;
    public ReachedPoint Reached => Final.Reached;
}

/// <summary>
/// A binary source to train or evaluate on: its sampler, and the first-order chain whose entropy rate, H(π) and
/// kernel judge where a run ended. A lag-k source shares its chain's entropy rate and H(π); its P̂(1|x_t = 0) is not
/// the chain's p, so only the losses of a lag-k run mean anything.
/// </summary>
public sealed record MarkovSource(Func<int, Rng, byte[]> Sample, BinaryMarkovChain Chain)
{
    public static implicit operator MarkovSource(BinaryMarkovChain chain) => new(chain.Sample, chain);

    public static MarkovSource LagK(LagKMarkovSource source) => new(source.Sample, source.Chain);

    /// <summary>The chain as a source, or null (no chain given).</summary>
    public static MarkovSource? OrNull(BinaryMarkovChain? chain) => chain is null ? null : new(chain.Sample, chain);
}

/// <summary>
/// One sampled training run: the code model of <paramref name="Config"/> (tied or not, attention window
/// <see cref="Window"/>) or <see cref="Model"/>, trained from seed <paramref name="Seed"/> on fresh batches of
/// <see cref="Training"/> (default: <paramref name="Source"/>), evaluated on fresh batches of <paramref name="Source"/>.
/// </summary>
public sealed record SampledRun(MarkovSource Source, bool Tied, TrainingConfig Config, long Seed)
{
    /// <summary>The data trained on (a sabotaged source); null: <see cref="Source"/>.</summary>
    public MarkovSource? Training { get; init; }

    /// <summary>Where the run ends early; null: after <see cref="TrainingConfig.Iterations"/>.</summary>
    public TrainingStop? Stop { get; init; }

    /// <summary>Whether to evaluate fully at <see cref="TrainingConfig.CheckpointStep"/> (a draw from the evaluation stream).</summary>
    public bool Checkpoint { get; init; } = true;

    /// <summary>The code model's attention window M (0: full causal attention).</summary>
    public int Window { get; init; }

    /// <summary>Builds another model from the init generator and the device (null: the code model).</summary>
    public Func<Generator, Device?, IMarkovModel>? Model { get; init; }

    /// <summary>
    /// Whether the models <see cref="Model"/> builds have a batched program (<see cref="BatchedMarkovModel.Of"/>: the
    /// simplified model), so the run may train in <see cref="BatchedTraining"/>; the code model always has one.
    /// </summary>
    public bool ModelBatches { get; init; }

    /// <summary>The run's model, drawn from its init generator: <see cref="Model"/>'s, or the code model of its configuration.</summary>
    public IMarkovModel NewModel(Generator init, Device? device) =>
        Model?.Invoke(init, device)
        ?? new CodeTransformer(new CodeTransformerConfig(Config.Dim, Config.Layers, Config.Length, Tied, Window), init, device);
}

/// <summary>Trains an <see cref="IMarkovModel"/> on fresh stationary batches with AdamW and the paper's schedule.</summary>
public static class MarkovTrainer
{
    public const double LossTolerance = 0.005;          // spec §5: ±0.005 around the reference (gap at (0.5,0.8): 0.047)
    public const double ProbabilityTolerance = 0.03;    // spec §5: P̂(1|0) within 0.03 of p or π1

    /// <summary>
    /// Trains <paramref name="run"/> on <paramref name="device"/> (torch's default device when null) through the one
    /// <see cref="TrainingLoop"/>. Throws <see cref="TrainingDivergedException"/> (step and cause) when a loss becomes
    /// NaN or infinite.
    /// </summary>
    public static TrainingRun Train(SampledRun run, Device? device = null, Action<double>? progress = null)
    {
        var config = run.Config.Validate();
        var stop = run.Stop;
        int steps = TrainingStop.StepsFor(stop, config, nameof(SampledRun.Stop));
        return TrainingLoop.Run(new TrainingJob<IMarkovModel, TrainingRun>(run.Seed, steps,
            streams => run.NewModel(streams.Init, device),
            (_, streams) => new SampledBatches(run.Training ?? run.Source, config.Batch, config.Length, streams.Data),
            model => new PaperOptimizer(model, config),
            (_, streams) => new SampledEvaluations(run.Source, config, run.Checkpoint ? config.CheckpointStep : null, stop, steps, streams.Evaluation)),
            progress);
    }

    /// <summary>
    /// Shorthand for <see cref="Train(SampledRun, Device?, Action{double}?)"/>: the code model (or <paramref name="model"/>)
    /// trained on <paramref name="trainingSource"/> (default: <paramref name="chain"/>), evaluated on <paramref name="chain"/>.
    /// </summary>
    public static TrainingRun Train(BinaryMarkovChain chain, bool tied, TrainingConfig config, long seed,
        Action<double>? progress = null, BinaryMarkovChain? trainingSource = null, TrainingStop? stop = null, Device? device = null,
        Func<Generator, Device?, IMarkovModel>? model = null)
        => Train(new SampledRun(chain, tied, config, seed) { Training = MarkovSource.OrNull(trainingSource), Stop = stop, Model = model }, device, progress);

    /// <summary>
    /// EntropyRate when the loss is within <see cref="LossTolerance"/> of the entropy rate and P̂(1|0) within
    /// <see cref="ProbabilityTolerance"/> of p; Unigram when near H(π) and π1; otherwise Neither.
    /// </summary>
    public static ReachedPoint Classify(BinaryMarkovChain chain, double loss, double probOneGivenZero)
    {
        if (Math.Abs(loss - chain.EntropyRate) <= LossTolerance && Math.Abs(probOneGivenZero - chain.P) <= ProbabilityTolerance)
            return ReachedPoint.EntropyRate;
        if (Math.Abs(loss - chain.StationaryEntropy) <= LossTolerance && Math.Abs(probOneGivenZero - chain.Pi1) <= ProbabilityTolerance)
            return ReachedPoint.Unigram;
        return ReachedPoint.Neither;
    }

    /// <summary>Fresh stationary batches: inputs x_1 … x_T and targets x_2 … x_{T+1}, both (B, T) int64.</summary>
    public static (Tensor X, Tensor Y) Batch(BinaryMarkovChain chain, int batch, int length, Rng rng, Device? device = null) =>
        Batch(chain.Sample, batch, length, rng, device);

    /// <summary>Fresh batches of any sampler (e.g. <see cref="LagKMarkovSource.Sample"/>): (B, T) inputs and targets.</summary>
    /// <param name="device">Where the batch goes (the model's device; torch's default device when null). Sampled on the host.</param>
    public static (Tensor X, Tensor Y) Batch(Func<int, Rng, byte[]> sample, int batch, int length, Rng rng, Device? device = null)
    {
        var data = new long[batch * (length + 1)];
        for (int b = 0; b < batch; b++)
        {
            var s = sample(length + 1, rng);
            for (int t = 0; t <= length; t++) data[b * (length + 1) + t] = s[t];
        }
        var all = tensor(data, [batch, length + 1], device: device);                        // (B, T+1)
        return (all.narrow(1, 0, length), all.narrow(1, 1, length));
    }

    /// <summary>Mean cross-entropy (nats) on fresh batches and the position-averaged P̂(1|x_t=0), P̂(0|x_t=1).</summary>
    public static (double Loss, double ProbOneGivenZero, double ProbZeroGivenOne) Evaluate(IMarkovModel model,
        MarkovSource source, TrainingConfig config, int batches, Rng rng)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        double loss = 0, p10 = 0, p01 = 0, n0 = 0, n1 = 0;
        for (int i = 0; i < batches; i++)
        {
            var (x, y) = Batch(source.Sample, config.Batch, config.Length, rng, model.Device);   // (B, T)
            var logits = model.Logits(x);                                                    // (B, T, 2)
            loss += nn.functional.cross_entropy(logits.reshape(-1, 2), y.reshape(-1)).item<float>();
            var probOne = logits.softmax(-1).select(2, 1).to_type(ScalarType.Float64);      // (B, T)
            var zero = x.eq(0).to_type(ScalarType.Float64);                                  // (B, T)
            p10 += (probOne * zero).sum().item<double>();
            p01 += ((1 - probOne) * (1 - zero)).sum().item<double>();
            n0 += zero.sum().item<double>();
            n1 += (1 - zero).sum().item<double>();
        }
        return (loss / batches, n0 > 0 ? p10 / n0 : double.NaN, n1 > 0 ? p01 / n1 : double.NaN);
    }
}

/// <summary>The training objective of a sampled run: cross-entropy of the next-symbol logits on a fresh (B, T) batch per step.</summary>
internal sealed class SampledBatches(MarkovSource source, int batch, int length, Rng data) : ITrainingObjective<IMarkovModel>
{
    public string Name => "training loss";

    public Tensor Loss(IMarkovModel model)
    {
        var (x, y) = MarkovTrainer.Batch(source.Sample, batch, length, data, model.Device);   // (B, T), (B, T)
        var logits = model.Logits(x);                                                         // (B, T, 2)
        return nn.functional.cross_entropy(logits.reshape(-1, 2), y.reshape(-1));
    }
}

/// <summary>
/// The evaluations of a sampled run, all on fresh batches of the source from the run's evaluation stream, in this
/// order: a short one (<see cref="TrainingConfig.EvalBatches"/>) after step 1 and every EvalEvery steps — the curve;
/// with escape detection, a full one (<see cref="TrainingConfig.FinalEvalBatches"/>, classified) whenever the short
/// one comes within 2 loss tolerances of the entropy rate, which ends the run when it finds the entropy rate; a full
/// one at the checkpoint (unless escaped), and at the end unless the run escaped or ended at its checkpoint.
/// </summary>
internal sealed class SampledEvaluations(MarkovSource source, TrainingConfig config, int? checkpointStep, TrainingStop? stop,
    int lastStep, Rng rng) : ITrainingMonitor<IMarkovModel, TrainingRun>
{
    private readonly List<double> steps = [];
    private readonly List<double> losses = [];
    private RunEvaluation? checkpoint;
    private RunEvaluation? escaped;   // the full evaluation that found the run at the entropy rate: its final one

    /// <summary>Whether <see cref="AfterStep"/> of <paramref name="step"/> reads the model (an evaluation or the checkpoint).</summary>
    public bool Looks(int step) => Evaluates(step) || step + 1 == checkpointStep;

    private bool Evaluates(int step) => (step + 1) % config.EvalEvery == 0 || step == 0;

    public bool AfterStep(IMarkovModel model, int step, double loss)
    {
        if (Evaluates(step))
        {
            var (evalLoss, _, _) = MarkovTrainer.Evaluate(model, source, config, config.EvalBatches, rng);
            if (!double.IsFinite(evalLoss)) throw new TrainingDivergedException(step, $"evaluation loss is {evalLoss}");
            steps.Add(step + 1);
            losses.Add(evalLoss);
            // Escape detection: a cheap trigger, decided by a full evaluation (loss AND P̂(1|0), the final point's classifier).
            if (stop?.AtEscape == true && step + 1 < lastStep && evalLoss <= source.Chain.EntropyRate + 2 * MarkovTrainer.LossTolerance)
            {
                var full = Full(model, step + 1);
                if (full.Reached == ReachedPoint.EntropyRate) escaped = full;
            }
        }
        if (step + 1 == checkpointStep && escaped is null) checkpoint = Full(model, step + 1);
        return escaped is not null;
    }

    public TrainingRun Finish(IMarkovModel model, int stepsRun)
    {
        var final = escaped ?? (checkpoint?.Step == stepsRun ? checkpoint : Full(model, stepsRun));
        int? escapeStep = stop?.AtEscape == true && final.Reached == ReachedPoint.EntropyRate ? final.Step : null;
        return new TrainingRun(steps, losses, checkpoint, final, escapeStep);
    }

    private RunEvaluation Full(IMarkovModel model, int step)
    {
        var (loss, p10, p01) = MarkovTrainer.Evaluate(model, source, config, config.FinalEvalBatches, rng);
        if (!double.IsFinite(loss)) throw new TrainingDivergedException(step, $"evaluation loss after {step} steps is {loss}");
        return new RunEvaluation(step, loss, p10, p01, MarkovTrainer.Classify(source.Chain, loss, p10));
    }
}
