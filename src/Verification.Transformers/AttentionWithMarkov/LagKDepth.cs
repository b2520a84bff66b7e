// Attention with Markov (arXiv 2402.04161 v1), higher-order experiments, Fig. "loss2-layers" (spec §4): on the lag-2
// chain, the tied transformer with full causal attention stays at the unigram loss at depth 1 and at depth 4.
using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Core.Numerics;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>One seed: the deep model's final loss and, when measured, the 1-layer model's on the same seed stream.</summary>
public sealed record LagKDepthSeed(MemoryWindowRun Deep, MemoryWindowRun? Shallow, bool Counts);

/// <summary>The seeds of the depth experiment on a lag-k source, and how many ended at H(π).</summary>
public sealed record LagKDepth(LagKMarkovSource Source, TrainingConfig Config, int Window, int? ShallowLayers, int Required, SeedSweep<LagKDepthSeed> Sweep)
{
    public int Hits => Sweep.Runs.Count(s => s.Counts);

    private string Deep => $"L={Config.Layers}{(Window == 0 ? "" : $", M={Window}")}";

    public string Summary => $"{Hits}/{Sweep.Runs.Count} seeds with {Deep} at H(π) on the lag-{Source.Lag} source{Sweep.Note}, required {Required}/{Sweep.Seeds}";

    /// <summary>
    /// Per seed i (stream <c>lag-k-seed-{i}</c>, that of <see cref="LagKMemory"/>: the same batches, and for the 1-layer
    /// model the same run as its full-attention arm), the tied code model of <paramref name="config"/> with attention
    /// window <paramref name="window"/> (0: full causal); a seed counts when it ends within <paramref name="tolerance"/>
    /// of H(π). With <paramref name="shallowLayers"/> the same seed is trained at that depth too (measured only).
    /// Stops once the requirement is unreachable.
    /// </summary>
    public static LagKDepth Run(ClaimContext context, LagKMarkovSource source, TrainingConfig config, int window, int seeds, int required,
        double tolerance, int? shallowLayers)
    {
        var within = Tolerance.Absolute(tolerance);
        double width = 1.0 / seeds;
        var sweep = SeedSweep.Run(seeds, i =>
        {
            long seed = context.DeriveSeed($"lag-k-seed-{i}");
            var deep = MemoryWindowTraining.TrainTied(context, source, window, config, seed, $"L={config.Layers}, seed {i}", i * width, 0.8 * width);
            var shallow = shallowLayers is int l
                ? MemoryWindowTraining.TrainTied(context, source, 0, config with { Layers = l }, seed, $"L={l}, seed {i}", (i + 0.8) * width, 0.2 * width) : null;
            return new LagKDepthSeed(deep, shallow, within.Accepts(source.StationaryEntropy, deep.FinalLoss));
        }, SeedSweep.OnceDecided<LagKDepthSeed>(seeds, required, s => s.Counts));
        return new LagKDepth(source, config, window, shallowLayers, required, sweep);
    }

    /// <summary>Per seed the final losses; the fraction and seeds run.</summary>
    public void MeasureInto(Observations obs)
    {
        for (int i = 0; i < Sweep.Runs.Count; i++)
        {
            obs.Measure($"seed{i}.l{Config.Layers}.final-loss", Sweep.Runs[i].Deep.FinalLoss);
            if (Sweep.Runs[i].Shallow is { } shallow) obs.Measure($"seed{i}.l{ShallowLayers}.final-loss", shallow.FinalLoss);
        }
        obs.Measure("fraction", Sweep.Runs.Count == 0 ? 0 : Hits / (double)Sweep.Runs.Count).Measure("seeds-run", Sweep.Runs.Count);
    }

    /// <summary>The test-loss curves of every run with the reference lines.</summary>
    public Figure CurvesFigure()
    {
        var curves = new List<Series>();
        for (int i = 0; i < Sweep.Runs.Count; i++)
        {
            curves.Add(new Series($"{Deep} seed {i}", Sweep.Runs[i].Deep.Steps, Sweep.Runs[i].Deep.Losses, Group: Deep));
            if (Sweep.Runs[i].Shallow is { } s) curves.Add(new Series($"L={ShallowLayers} seed {i}", s.Steps, s.Losses, Group: $"L={ShallowLayers}"));
        }
        return new Figure("am-lag-k-depth", $"Lag-{Source.Lag} source ({Source.Chain.P}, {Source.Chain.Q}), {(Window == 0 ? "full causal attention" : $"attention window M = {Window}")}: depth {Config.Layers}{(ShallowLayers is int l ? $" vs {l}" : "")}",
            "iteration", "test loss (nats)", curves.Concat(TrainingSweep.ReferenceLines(Source.Chain.P, Source.Chain.Q, Config.Iterations)).ToList(),
            Caption: "The deeper model's loss should stay near H(π), above the lag-k entropy rate (both labelled): depth alone does not learn lag k.");
    }
}
