// Attention with Markov (arXiv 2402.04161 v1), higher-order experiments, Fig. "loss-masking" and "memory-loss" (spec
// §4, §5 item 7): on the lag-k chain, the tied 1-layer code model with attention limited to the last M tokens against
// the same model with another window (full causal attention), same seed.
using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Core.Numerics;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// The two arms of the experiment: the window <paramref name="M"/> under test, applied as <paramref name="Window"/> (0
/// when the sabotage drops the mask; the arm keeps M's name), and the <paramref name="Other"/> window (0 = full causal
/// attention), with the names they carry in the report.
/// </summary>
public sealed record LagKArms(int Window, int M, int Other)
{
    public string Name => $"m{M}";
    public string Label => $"M={M}";
    public string OtherName => Other == 0 ? "full" : $"m{Other}";
    public string OtherCurve => Other == 0 ? "full" : $"M={Other}";
    public string OtherLabel => Other == 0 ? "full attention" : $"M={Other}";
}

/// <summary>One seed: the windowed run and, when it ended at the entropy rate, the other window's run; whether it counts.</summary>
public sealed record LagKSeed(MemoryWindowRun Windowed, MemoryWindowRun? Other, bool Counts);

/// <summary>The seeds of the lag-k memory experiment and how many counted.</summary>
public sealed record LagKMemory(LagKMarkovSource Source, TrainingConfig Config, LagKArms Arms, int Required, SeedSweep<LagKSeed> Sweep)
{
    public int Hits => Sweep.Runs.Count(s => s.Counts);

    public string Summary => $"{Hits}/{Sweep.Runs.Count} seeds with M={(Arms.Window == 0 ? "full (window not applied)" : Arms.M.ToString())} " +
                             $"at the entropy rate and {Arms.OtherLabel} at H(π){Sweep.Note}, required {Required}/{Sweep.Seeds}";

    /// <summary>
    /// Per seed i (stream <c>lag-k-seed-{i}</c>), seeds in order: the tied code model with <see cref="LagKArms.Window"/>,
    /// then, only if it ended within <paramref name="tolerance"/> of the entropy rate, with <see cref="LagKArms.Other"/>;
    /// a seed counts when that one ends within <paramref name="tolerance"/> of H(π). Stops once the requirement is unreachable.
    /// </summary>
    public static LagKMemory Run(ClaimContext context, LagKMarkovSource source, LagKArms arms, TrainingConfig config,
        int seeds, int required, double tolerance)
    {
        var within = Tolerance.Absolute(tolerance);
        double width = 1.0 / seeds;
        var sweep = SeedSweep.Run(seeds, i =>
        {
            long seed = context.DeriveSeed($"lag-k-seed-{i}");
            var windowed = MemoryWindowTraining.TrainTied(context, source, arms.Window, config, seed, $"{arms.Label}, seed {i}", i * width, 0.5 * width);
            if (!within.Accepts(source.EntropyRate, windowed.FinalLoss)) return new LagKSeed(windowed, null, false);   // decided: the other arm cannot rescue it
            var other = MemoryWindowTraining.TrainTied(context, source, arms.Other, config, seed, $"{arms.OtherLabel}, seed {i}", (i + 0.5) * width, 0.5 * width);
            return new LagKSeed(windowed, other, within.Accepts(source.StationaryEntropy, other.FinalLoss));
        }, SeedSweep.OnceDecided<LagKSeed>(seeds, required, s => s.Counts));
        return new LagKMemory(source, config, arms, required, sweep);
    }

    /// <summary>Per seed the final loss of each arm run; the fraction and seeds run.</summary>
    public void MeasureInto(Observations obs)
    {
        for (int i = 0; i < Sweep.Runs.Count; i++)
        {
            var (windowed, other, _) = Sweep.Runs[i];
            obs.Measure($"seed{i}.{Arms.Name}.final-loss", windowed.FinalLoss);
            if (other is not null) obs.Measure($"seed{i}.{Arms.OtherName}.final-loss", other.FinalLoss);
        }
        obs.Measure("fraction", Sweep.Runs.Count == 0 ? 0 : Hits / (double)Sweep.Runs.Count).Measure("seeds-run", Sweep.Runs.Count);
    }

    /// <summary>The test-loss curves of every run (windowed, then the other arm, per seed) with the reference lines.</summary>
    public Figure CurvesFigure()
    {
        var curves = new List<Series>();
        for (int i = 0; i < Sweep.Runs.Count; i++)
        {
            var (windowed, other, _) = Sweep.Runs[i];
            curves.Add(new Series($"{Arms.Label} seed {i}", windowed.Steps, windowed.Losses, Group: Arms.Label));
            if (other is not null) curves.Add(new Series($"{Arms.OtherCurve} seed {i}", other.Steps, other.Losses, Group: Arms.OtherLabel));
        }
        return new Figure("am-lag-k-memory", $"Lag-{Source.Lag} chain ({Source.Chain.P}, {Source.Chain.Q}): attention window M={Arms.M} vs full",
            "iteration", "test loss (nats)", curves.Concat(TrainingSweep.ReferenceLines(Source.Chain.P, Source.Chain.Q, Config.Iterations)).ToList(),
            Caption: $"The window-M runs should reach the lag-{Source.Lag} chain's entropy rate while full attention stays near H(π) (both labelled).");
    }

    /// <summary>
    /// The paper's final-loss-against-M figure (spec §4 "memory-loss"), seed 0: the windows already trained (M, and
    /// full attention drawn at M = T) and each further one of <paramref name="windows"/>, whose final loss is measured.
    /// </summary>
    public Figure WindowSweep(ClaimContext context, int[] windows, Observations obs)
    {
        var (source, config) = (Source, Config);
        var points = new SortedDictionary<int, double>();
        if (Sweep.Runs.Count > 0) points[Arms.M] = Sweep.Runs[0].Windowed.FinalLoss;
        if (Sweep.Runs is [{ Other: { } full }, ..] && Arms.Other == 0) points[config.Length] = full.FinalLoss;
        long seed = context.DeriveSeed("lag-k-seed-0");
        foreach (int w in windows.Where(w => !points.ContainsKey(w)))
        {
            points[w] = MemoryWindowTraining.TrainTied(context, source, w, config, seed, $"sweep M={w}", 0, 0).FinalLoss;
            obs.Measure($"sweep.m{w}.final-loss", points[w]);
        }
        var xs = points.Keys.Select(k => (double)k).ToList();
        return new Figure("am-lag-k-window-sweep", $"Lag-{source.Lag} chain ({source.Chain.P}, {source.Chain.Q}): final loss after {config.Iterations} iterations against the window M (full attention at M = T = {config.Length}), seed 0",
            "attention window M", "test loss (nats)",
            [new Series("final loss", xs, points.Values.ToList()),
             new Series("entropy rate", [xs[0], xs[^1]], [source.EntropyRate, source.EntropyRate], SeriesStyle.Reference, "reference"),
             new Series("H(pi)", [xs[0], xs[^1]], [source.StationaryEntropy, source.StationaryEntropy], SeriesStyle.Reference, "reference")],
            LogX: true, XTicks: xs,
            Caption: "Final loss rises with the window M, from the entropy rate at small M towards H(π) at full attention: the paper's ordering.");
    }
}
