// Attention with Markov (arXiv 2402.04161), §4 experiments: training the code model on a binary Markov source with
// the authors' defaults (Bond1995/Markov, Markov-LLM/src/config/markov.py; spec §4).
using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// Training hyperparameters. Defaults are the paper's (d=8, 1 layer, T=1024, B=16, 400 iterations, AdamW lr 2e-3,
/// β=(0.9, 0.95), weight decay 1e-3, OneCycle cosine with 2% warm-up from 2e-5, annealed to 4e-4).
/// </summary>
public sealed record TrainingConfig(
    int Dim = 8,
    int Layers = 1,
    int Length = 1024,
    int Batch = 16,
    int Iterations = 400,
    double MaxLr = 2e-3,
    double WarmupFraction = 0.02,
    double DivFactor = 100,        // initial lr = 2e-3/100 = 2e-5
    double FinalDivFactor = 0.05,  // final lr = 2e-5/0.05 = 4e-4, not 0 (spec §6, "LR floor")
    double Beta1 = 0.9,
    double Beta2 = 0.95,
    double WeightDecay = 1e-3,
    int EvalEvery = 10,            // the paper evaluates every step on 24 batches; every 10 steps on 2 keeps CPU cost low
    int EvalBatches = 2,
    int FinalEvalBatches = 8,      // 32k tokens at T=256: MC standard error of the final loss ≈ 0.002 nats
    int CheckpointStep = 100)      // a full (FinalEvalBatches) evaluation here too: where a run sits after 100 steps
{
    public static readonly TrainingConfig Paper = new();
    public static readonly TrainingConfig Ci = new(Length: 256);   // spec §5 item 4: T=256 is fine for CI

    public TrainingConfig Validate()
    {
        if (Dim <= 0) throw new ArgumentOutOfRangeException(nameof(Dim), Dim, "d must be ≥ 1");
        if (Layers <= 0) throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "L must be ≥ 1");
        if (Length <= 0) throw new ArgumentOutOfRangeException(nameof(Length), Length, "T must be ≥ 1");
        if (Batch <= 0) throw new ArgumentOutOfRangeException(nameof(Batch), Batch, "B must be ≥ 1");
        if (Iterations < 2) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "iterations must be ≥ 2");
        if (CheckpointStep < 1 || CheckpointStep > Iterations)
            throw new ArgumentOutOfRangeException(nameof(CheckpointStep), CheckpointStep, $"checkpoint must lie in [1, Iterations = {Iterations}]");
        if (EvalEvery <= 0 || EvalBatches <= 0 || FinalEvalBatches <= 0)
            throw new ArgumentOutOfRangeException(nameof(EvalEvery), "EvalEvery, EvalBatches and FinalEvalBatches must be ≥ 1");
        return this;
    }

    /// <summary>PyTorch OneCycleLR (cos, cycle_momentum off) at <paramref name="step"/> ∈ [0, Iterations).</summary>
    public double LearningRate(int step)
    {
        double initial = MaxLr / DivFactor, final = initial / FinalDivFactor;
        double warmEnd = WarmupFraction * Iterations - 1, end = Iterations - 1;
        static double Cos(double from, double to, double pct) => to + (from - to) / 2 * (Math.Cos(Math.PI * pct) + 1);
        return step <= warmEnd
            ? Cos(initial, MaxLr, warmEnd <= 0 ? 1 : step / warmEnd)
            : Cos(MaxLr, final, (step - warmEnd) / (end - warmEnd));
    }
}

/// <summary>Which stationary point a run ended at (spec §6: final loss vs both references AND P̂(1|0) vs p and π1).</summary>
public enum ReachedPoint { EntropyRate, Unigram, Neither }

/// <summary>Loss, position-averaged P̂(1|0) and P̂(0|1) on fresh batches after <see cref="Step"/> steps, and the verdict.</summary>
public sealed record RunEvaluation(int Step, double Loss, double ProbOneGivenZero, double ProbZeroGivenOne, ReachedPoint Reached);

/// <summary>
/// Ends a run before <see cref="TrainingConfig.Iterations"/> (the LR schedule stays that of the full run, so the steps
/// done are identical to the full run's): after <paramref name="MaxSteps"/> steps, and, with
/// <paramref name="AtEscape"/>, at the first evaluation where a full evaluation classifies the run at the entropy rate.
/// </summary>
public sealed record TrainingStop(int MaxSteps, bool AtEscape = false);

/// <summary>
/// One training run: the evaluation curve, the checkpoint evaluation (null when the run stopped before it), the
/// final evaluation (at the step the run stopped) and, when escape detection was on, the step at which a full
/// evaluation first found the run at the entropy rate (null: not within the steps run).
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

/// <summary>A run whose loss became NaN or infinite: the step and the cause.</summary>
public sealed class TrainingDivergedException(int step, string cause)
    : Exception($"training diverged at step {step}: {cause}")
{
    public int Step { get; } = step;
    public string Cause { get; } = cause;
}

/// <summary>Trains a <see cref="CodeTransformer"/> on fresh stationary batches with AdamW and the paper's schedule.</summary>
public static class MarkovTrainer
{
    public const double LossTolerance = 0.005;          // spec §5: ±0.005 around the reference (gap at (0.5,0.8): 0.047)
    public const double ProbabilityTolerance = 0.03;    // spec §5: P̂(1|0) within 0.03 of p or π1

    /// <summary>
    /// Trains from the paper's init with seed <paramref name="seed"/> on fresh batches of <paramref name="trainingSource"/>
    /// (default: <paramref name="chain"/>) and evaluates on fresh batches of <paramref name="chain"/>.
    /// Throws <see cref="TrainingDivergedException"/> (step and cause) when a loss becomes NaN or infinite.
    /// </summary>
    /// <param name="device">Where the model and its batches live: the run's device (torch's default device when null).</param>
    /// <param name="model">Builds the model from the init generator and the device (null: the code model of
    /// <paramref name="config"/>, tied or not); <paramref name="tied"/> and the config's sizes are then the builder's business.</param>
    public static TrainingRun Train(BinaryMarkovChain chain, bool tied, TrainingConfig config, long seed,
        Action<double>? progress = null, BinaryMarkovChain? trainingSource = null, TrainingStop? stop = null, Device? device = null,
        Func<Generator, Device?, IMarkovModel>? model = null)
    {
        config.Validate();
        if (stop is not null && (stop.MaxSteps < 1 || stop.MaxSteps > config.Iterations))
            throw new ArgumentOutOfRangeException(nameof(stop), stop.MaxSteps, $"stop.MaxSteps must lie in [1, Iterations = {config.Iterations}]");
        int lastStep = stop?.MaxSteps ?? config.Iterations;
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var init = new Generator((ulong)seed);
        using var net = model?.Invoke(init, device)
            ?? new CodeTransformer(new CodeTransformerConfig(config.Dim, config.Layers, config.Length, tied), init, device);
        var dataRng = new Rng(seed ^ 0x5DEECE66DL);
        var evalRng = new Rng(seed ^ 0x2545F4914F6CDD1DL);
        var optimizer = new PaperOptimizer(net, config);
        var steps = new List<double>();
        var losses = new List<double>();
        RunEvaluation? checkpoint = null;
        // A run stopped at its escape: the full evaluation that found it at the entropy rate is its final one.
        RunEvaluation? escaped = null;
        for (int step = 0; step < lastStep && escaped is null; step++)
        {
            using var stepScope = NewDisposeScope();
            var (x, y) = Batch(trainingSource ?? chain, config.Batch, config.Length, dataRng, net.Device);   // (B, T), (B, T)
            var logits = net.Logits(x);                                                      // (B, T, 2)
            var loss = nn.functional.cross_entropy(logits.reshape(-1, 2), y.reshape(-1));
            optimizer.Step(step, loss, loss.item<float>(), "training loss");
            if ((step + 1) % config.EvalEvery == 0 || step == 0)
            {
                var (evalLoss, _, _) = Evaluate(net, chain, config, config.EvalBatches, evalRng);
                if (!double.IsFinite(evalLoss)) throw new TrainingDivergedException(step, $"evaluation loss is {evalLoss}");
                steps.Add(step + 1);
                losses.Add(evalLoss);
                // Escape detection: a cheap trigger (2 eval batches within 2 tolerances of the entropy rate), decided
                // by a full evaluation (loss AND P̂(1|0), the classifier of the final point).
                if (stop?.AtEscape == true && step + 1 < lastStep && evalLoss <= chain.EntropyRate + 2 * LossTolerance)
                {
                    var full = FullEvaluation(net, chain, config, step + 1, evalRng);
                    if (full.Reached == ReachedPoint.EntropyRate) escaped = full;
                }
            }
            if (step + 1 == config.CheckpointStep && escaped is null)
                checkpoint = FullEvaluation(net, chain, config, step + 1, evalRng);
            progress?.Invoke((step + 1) / (double)lastStep);
        }
        var final = escaped ?? (checkpoint?.Step == lastStep ? checkpoint : FullEvaluation(net, chain, config, lastStep, evalRng));
        int? escapeStep = stop?.AtEscape == true && final.Reached == ReachedPoint.EntropyRate ? final.Step : null;
        return new TrainingRun(steps, losses, checkpoint, final, escapeStep);
    }

    private static RunEvaluation FullEvaluation(IMarkovModel model, BinaryMarkovChain chain, TrainingConfig config, int step, Rng rng)
    {
        var (loss, p10, p01) = Evaluate(model, chain, config, config.FinalEvalBatches, rng);
        if (!double.IsFinite(loss)) throw new TrainingDivergedException(step, $"evaluation loss after {step} steps is {loss}");
        return new RunEvaluation(step, loss, p10, p01, Classify(chain, loss, p10));
    }

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
        BinaryMarkovChain chain, TrainingConfig config, int batches, Rng rng)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        double loss = 0, p10 = 0, p01 = 0, n0 = 0, n1 = 0;
        for (int i = 0; i < batches; i++)
        {
            var (x, y) = Batch(chain, config.Batch, config.Length, rng, model.Device);      // (B, T)
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
