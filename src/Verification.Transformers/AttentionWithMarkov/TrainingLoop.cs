// Attention with Markov (arXiv 2402.04161) §4 and Local to Global (arXiv 2406.03072) §4: the one seeded training loop
// behind every training experiment of both papers — the code model on sampled batches (MarkovTrainer), the code model
// on the exact population loss (ExactCodeTraining), the lag-k memory runs (MemoryWindowTraining), the authors'
// simplified model (LG escape times) and the LG full model (FullModelTraining).
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// The seeded random streams of one run, all derived from its seed: the init generator (the model's weights), the
/// data stream (training batches) and the evaluation stream (fresh evaluation batches). Each run owns its streams,
/// so a run's result depends on its seed alone — not on the runs before it, nor on how many are trained at once.
/// </summary>
public sealed class RunStreams(long seed)
{
    public long Seed { get; } = seed;

    /// <summary>Draws the model's initial weights.</summary>
    public Generator Init { get; } = new(unchecked((ulong)seed));

    /// <summary>Draws the training batches.</summary>
    public Rng Data { get; } = new(seed ^ 0x5DEECE66DL);

    /// <summary>Draws the evaluation batches.</summary>
    public Rng Evaluation { get; } = new(seed ^ 0x2545F4914F6CDD1DL);
}

/// <summary>What a training step minimises, on data the objective draws from its run's data stream.</summary>
public interface ITrainingObjective<in TModel>
{
    /// <summary>What the loss is called in a divergence message ("training loss", "exact loss").</summary>
    string Name { get; }

    /// <summary>The step's loss: a scalar tensor carrying its graph.</summary>
    Tensor Loss(TModel model);
}

/// <summary>Turns a step's loss into an update at a position of the learning-rate schedule; its state belongs to one run.</summary>
public interface IStepOptimizer
{
    double LearningRate(int step);

    /// <summary>zero_grad, backward of <paramref name="loss"/>, and the update at schedule position <paramref name="step"/>.</summary>
    void Step(int step, Tensor loss);
}

/// <summary>Watches one run between updates (evaluations, early stop) and closes it with its result.</summary>
public interface ITrainingMonitor<in TModel, out TResult>
{
    /// <summary>After the update of <paramref name="step"/> (0-based), whose loss was <paramref name="loss"/>: true ends the run there.</summary>
    bool AfterStep(TModel model, int step, double loss);

    /// <summary>The run's result after <paramref name="steps"/> updates.</summary>
    TResult Finish(TModel model, int steps);
}

/// <summary>
/// One training run as data: its seed, at most <paramref name="Steps"/> updates, and the four parts that differ
/// between experiments — the model (built from the init generator of <see cref="RunStreams"/>), the objective (drawing
/// from the data stream), the optimizer and the monitor (drawing from the evaluation stream). Every part is made per
/// run, so nothing is shared between runs.
/// </summary>
public sealed record TrainingJob<TModel, TResult>(
    long Seed,
    int Steps,
    Func<RunStreams, TModel> Model,
    Func<TModel, RunStreams, ITrainingObjective<TModel>> Objective,
    Func<TModel, IStepOptimizer> Optimizer,
    Func<TModel, RunStreams, ITrainingMonitor<TModel, TResult>> Monitor) where TModel : IDisposable;

/// <summary>A run whose loss became NaN or infinite: the step and the cause.</summary>
/// <remarks>An <see cref="InvalidOperationException"/>, as the LG full-model runs have always reported divergence.</remarks>
public sealed class TrainingDivergedException(int step, string cause)
    : InvalidOperationException($"training diverged at step {step}: {cause}")
{
    public int Step { get; } = step;
    public string Cause { get; } = cause;
}

/// <summary>
/// The training loop: for each step, the objective's loss, a divergence check, the optimizer's update, the monitor
/// (which may end the run); then the monitor's result. Runs one job at a time. A batched trainer (K jobs of one
/// architecture stacked along a leading axis, one forward and backward) can take a list of the same jobs: each
/// already carries everything that must stay per run — init, data and evaluation streams, optimizer state, early
/// stop — and a job's result depends on nothing else, so callers need not change.
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Trains <paramref name="job"/>. Throws <see cref="TrainingDivergedException"/> (step, cause) when a step's loss
    /// is NaN or infinite; <paramref name="progress"/> gets the fraction of <see cref="TrainingJob{TModel,TResult}.Steps"/> done.
    /// </summary>
    public static TResult Run<TModel, TResult>(TrainingJob<TModel, TResult> job, Action<double>? progress = null)
        where TModel : IDisposable
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var streams = new RunStreams(job.Seed);
        using var model = job.Model(streams);
        var objective = job.Objective(model, streams);
        var optimizer = job.Optimizer(model);
        var monitor = job.Monitor(model, streams);
        int done = 0;
        for (int step = 0; step < job.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var loss = objective.Loss(model);
            double value = loss.dtype == ScalarType.Float64 ? loss.item<double>() : loss.item<float>();
            if (!double.IsFinite(value))
                throw new TrainingDivergedException(step, $"{objective.Name} is {value} (lr {optimizer.LearningRate(step):E2})");
            optimizer.Step(step, loss);
            done = step + 1;
            bool stop = monitor.AfterStep(model, step, value);
            progress?.Invoke(done / (double)job.Steps);
            if (stop) break;
        }
        return monitor.Finish(model, done);
    }
}

/// <summary>A monitor that watches nothing during the run and closes it with <paramref name="finish"/> (model, steps done).</summary>
public sealed class AtTheEnd<TModel, TResult>(Func<TModel, int, TResult> finish) : ITrainingMonitor<TModel, TResult>
{
    public bool AfterStep(TModel model, int step, double loss) => false;

    public TResult Finish(TModel model, int steps) => finish(model, steps);
}
