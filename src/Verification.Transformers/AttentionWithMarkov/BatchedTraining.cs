// Attention with Markov (arXiv 2402.04161) §4: many sampled training runs of the code model as one batched program
// (issue #26) — the (p, q) grid's runs and the escape-time arms' seeds.
using Verification.Core.Runtime;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>A batched run's result: its <see cref="TrainingRun"/>, or how it diverged (the other runs go on).</summary>
public sealed record BatchedRunResult(TrainingRun? Run, TrainingDivergedException? Diverged)
{
    /// <summary>The run, or the divergence rethrown (as the single loop would have thrown it).</summary>
    public TrainingRun Get() => Run ?? throw new TrainingDivergedException(Diverged!.Step, Diverged.Cause);
}

/// <summary>
/// Trains K <see cref="SampledRun"/>s of the code model or the simplified model with one configuration (same
/// <see cref="TrainingConfig"/>, tied or not, window, stop and model builder) as one <see cref="BatchedMarkovModel"/>, keeping everything per run that the single
/// loop (<see cref="MarkovTrainer.Train(SampledRun, Device?, Action{double}?)"/>) keeps per run: run k's weights come
/// from its own init generator, its batches from its own data stream (one per step, as alone), its evaluations,
/// checkpoint and escape detection from its own <see cref="SampledEvaluations"/> monitor on its own evaluation stream
/// (evaluated on a copy of its slice, by the single model's code), and its early stop ends its run — its result is
/// taken there, and from the next step on the batch computes the runs still going only
/// (<see cref="BatchedMarkovModel.Forward(Tensor, long[])"/>), so an escape arm whose runs stop early costs what
/// its runs cost, not K times the longest. Divergence is per run too: the diverged run reports it, the others go on.
/// <para>
/// What a run reports therefore depends on its own seed and configuration only, whatever K and whichever runs share the
/// batch (tested bit for bit), so a claim's results do not depend on how <c>--split</c> or <c>--jobs</c> group its runs.
/// A batched run equals the single loop's run within float32 reassociation (<see cref="BatchedCodeTransformer"/>, <see cref="BatchedSimpleTransformer"/>).
/// </para>
/// </summary>
public static class BatchedTraining
{
    /// <summary>
    /// Whether <paramref name="run"/> can go through the batched program: the code model, or a model whose builder says
    /// it has one (<see cref="SampledRun.ModelBatches"/>: the simplified model); another model trains in the single loop.
    /// </summary>
    public static bool Batchable(SampledRun run) => run.Model is null || run.ModelBatches;

    /// <summary>The key of the runs that may share one batch: configuration, tying, window, stop and model builder.</summary>
    public static (TrainingConfig Config, bool Tied, int Window, TrainingStop? Stop, Func<Generator, Device?, IMarkovModel>? Model) Shape(SampledRun run) =>
        (run.Config, run.Tied, run.Window, run.Stop, run.Model);

    /// <summary>
    /// How many runs of <paramref name="config"/> one batch takes on <paramref name="device"/>. On a CPU, at most 2^16
    /// sequence rows (K·B·T: 16 runs at B = 16, T = 256; 4 at T = 1024): measured on the 2-core machine, larger batches
    /// are slower than separate runs (150 runs at T = 256 in one batch: 1.2–1.9× the separate time; 8–32 per batch:
    /// 0.90–0.99×), because the step's buffers outgrow the allocator's reuse and the caches. On a GPU, as many as keep
    /// the attention scores (K·B·T²·layers floats) within 2^30 (4 GiB): 64 runs at T = 1024, 256 at T = 256. At least one,
    /// at most 256. Results do not depend on it (a run's result is the same whatever shares its batch): only speed and
    /// memory do.
    /// </summary>
    public static int RunsPerBatch(TrainingConfig config, Device? device)
    {
        long rows = (long)config.Batch * config.Length;
        long perBatch = ComputeDevice.IsHost(device)
            ? (1L << 16) / rows
            : (1L << 30) / (rows * config.Length * config.Layers);
        return (int)Math.Clamp(perBatch, 1, 256);
    }

    /// <summary>
    /// Trains <paramref name="runs"/> (one <see cref="Shape"/>, each <see cref="Batchable"/>) on <paramref name="device"/>;
    /// <paramref name="progress"/> gets the fraction of steps done.
    /// </summary>
    public static IReadOnlyList<BatchedRunResult> Train(IReadOnlyList<SampledRun> runs, Device? device = null, Action<double>? progress = null)
    {
        if (runs.Count == 0) return [];
        var shape = Shape(runs[0]);
        if (runs.Any(r => !Batchable(r))) throw new ArgumentException("only runs of a model with a batched program (the code model, the simplified model) can be batched", nameof(runs));
        if (runs.Any(r => Shape(r) != shape)) throw new ArgumentException("the runs of one batch must share configuration, tying, window, stop and model", nameof(runs));
        var config = shape.Config.Validate();
        var stop = shape.Stop;
        int steps = TrainingStop.StepsFor(stop, config, nameof(runs)), k = runs.Count;

        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var streams = runs.Select(r => new RunStreams(r.Seed)).ToArray();
        var models = runs.Select((r, i) => r.NewModel(streams[i].Init, device)).ToArray();
        var batches = new (Tensor X, Tensor Y)[k];
        try
        {
            using var batched = BatchedMarkovModel.Of(models);
            var optimizer = new PaperOptimizer(batched.DecayedParameters, batched.UndecayedParameters, config);
            var monitors = runs.Select((r, i) => new SampledEvaluations(r.Source, config, r.Checkpoint ? config.CheckpointStep : null, stop, steps,
                streams[i].Evaluation)).ToArray();
            var results = new BatchedRunResult?[k];
            for (int step = 0; step < steps && results.Any(r => r is null); step++)
            {
                using var stepScope = NewDisposeScope();
                for (int i = 0; i < k; i++)
                {
                    if (results[i] is not null) continue;   // a finished run keeps its last batch: its data stream is not drawn again
                    var source = runs[i].Training ?? runs[i].Source;
                    batches[i].X?.Dispose();
                    batches[i].Y?.Dispose();
                    batches[i] = MarkovTrainer.Batch(source.Sample, config.Batch, config.Length, streams[i].Data, device);   // (B, T) each
                    batches[i].X.DetachFromDisposeScope();
                    batches[i].Y.DetachFromDisposeScope();
                }
                // only the runs still going: a finished run costs nothing further (its slice gets a zero gradient)
                var live = Enumerable.Range(0, k).Where(i => results[i] is null).ToArray();
                var x = stack(live.Select(i => batches[i].X).ToArray(), 0);                        // (K', B, T)
                var y = stack(live.Select(i => batches[i].Y).ToArray(), 0);                        // (K', B, T)
                var logits = batched.Forward(x, live.Select(i => (long)i).ToArray());              // (K', B, T, 2)
                var losses = nn.functional.cross_entropy(logits.reshape(-1, 2), y.reshape(-1), reduction: nn.Reduction.None)
                    .reshape(live.Length, -1).mean([1]);                                          // (K'): each run's mean loss
                var values = losses.detach().cpu().data<float>().ToArray();
                for (int j = 0; j < live.Length; j++)
                    if (!float.IsFinite(values[j]))
                        results[live[j]] = new(null, new TrainingDivergedException(step, $"training loss is {values[j]} (lr {optimizer.LearningRate(step):E2})"));
                optimizer.Step(step, losses.sum());
                for (int j = 0; j < live.Length; j++)
                {
                    int i = live[j];
                    if (results[i] is not null) continue;
                    results[i] = AfterStep(batched, i, models[i], monitors[i], step, values[j], steps);
                }
                progress?.Invoke((step + 1) / (double)steps);
            }
            return results.Select(r => r!).ToArray();
        }
        finally
        {
            foreach (var (x, y) in batches) { x?.Dispose(); y?.Dispose(); }
            foreach (var m in models) m.Dispose();
        }
    }

    /// <summary>Run i's monitor after a step (on a copy of its slice when it looks): null while it goes on, else its result.</summary>
    private static BatchedRunResult? AfterStep(BatchedMarkovModel batched, int i, IMarkovModel model, SampledEvaluations monitor,
        int step, double loss, int steps)
    {
        try
        {
            if (monitor.Looks(step)) batched.CopyInto(i, model);
            if (monitor.AfterStep(model, step, loss)) return new(monitor.Finish(model, step + 1), null);
            if (step + 1 < steps) return null;
            batched.CopyInto(i, model);
            return new(monitor.Finish(model, steps), null);
        }
        catch (TrainingDivergedException e)
        {
            return new(null, e);
        }
    }
}
