// Attention with Markov (arXiv 2402.04161 v1), higher-order experiments, Fig. "loss-masking" (spec §4, §5 item 7):
// on the lag-2 chain, full attention stays at the unigram loss while attention limited to the last M = 2 tokens learns
// the chain.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// On the lag-2 chain with (p, q) = (0.2, 0.3) (x_t ~ P[x_{t−2}, ·]; entropy rate 0.545, H(π) 0.673), the tied 1-layer
/// code model with attention limited to the last M = 2 tokens ends within 0.01 of the entropy rate, while the same model
/// with full causal attention ends within 0.01 of H(π). A seed counts when both hold.
/// CI: d = 8, T = 256, 200 iterations (the x-range of the paper's masking figure), 1 seed. Paper: the v1 script's d = 32,
/// T = 1024, 800 iterations, 3 seeds, 2 required. Sizes and thresholds fixed before any run.
/// <b>Recorded per scale: holds at CI, refuted at paper scale</b> (run e-71f89aa in results/paper/): at d = 32,
/// T = 1024 and 800 iterations the M = 2 arm ends at the entropy rate (0.5451, 0.5453) but full causal attention ends
/// at 0.6087 and 0.6070, far below H(π) = 0.673 — at the paper's size full attention learns much of the lag-2
/// dependence, which it does not at CI size. A finding, kept as measured.
/// Controls follow the recorded verdict. At CI (holds) a negative control: the window is not applied (the mask
/// dropped, so the "M = 2" arm has full causal attention), which the check must refute. At paper scale (refuted) a
/// positive control: the full-attention arm is replaced by a window of M = 1 (the current token only). In the lag-2
/// chain x_{t+1} depends on x_{t−1} only, and the two interleaved sub-chains start from π independently, so x_t alone
/// carries no information about x_{t+1}: that arm must end at H(π), and the same check must hold — the refutation is
/// the full-attention arm's doing, not a check that cannot pass at this size.
/// </summary>
public sealed class MemoryWindowLearnsLagK : Claim<MemoryWindowLearnsLagK.Settings>
{
    /// <param name="Config">training of both arms (the windowed one and full attention, same seed)</param>
    /// <param name="LossTolerance">absolute, on each arm's final loss against its reference</param>
    /// <param name="SweepWindows">further windows M trained on seed 0 (faithful run only) for the final-loss-against-M
    /// figure of the paper (M = 2, 40, 80, 100): measured, not checked; none at CI</param>
    public sealed record Settings(TrainingConfig Config, int Seeds, int Required, int[] SweepWindows, double P = MemoryWindowLearnsLagK.P,
        double Q = MemoryWindowLearnsLagK.Q, int Lag = MemoryWindowLearnsLagK.Lag, int Window = MemoryWindowLearnsLagK.Window,
        double LossTolerance = MemoryWindowLearnsLagK.LossTolerance) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => scale == Scale.Paper
            ? new(TrainingConfig.Paper with { Dim = 32, Iterations = 800 }, Seeds: 3, Required: 2, SweepWindows: [10, 40, 80, 100])   // the v1 masking script: d = 32, 800 iterations
            : new(TrainingConfig.Ci with { Iterations = 200 }, Seeds: 1, Required: 1, SweepWindows: []);                                // the masking figure's 200 steps, CI's T = 256
    }

    public const double P = 0.2, Q = 0.3, LossTolerance = 0.01;
    public const int Lag = 2, Window = 2;

    public override string Id => "AM.memory-window-learns-lag-k";
    public override PaperRef Paper => PaperRef.AttentionWithMarkov;
    public override string Section => "v1 §5 higher order, Fig. loss-masking";
    public override string Statement =>
        "On the lag-2 chain (p,q) = (0.2,0.3), the tied 1-layer transformer with attention limited to the last 2 tokens ends within 0.01 of the entropy rate 0.545, while with full causal attention it ends within 0.01 of H(π) = 0.673.";
    public override string NegativeControl => "the attention window is not applied (mask dropped): the \"M = 2\" arm has full causal attention";

    /// <summary>Refuted at paper scale (run e-71f89aa: full attention ends at 0.607–0.609, not at H(π) = 0.673); holds at CI.</summary>
    public override Verdict RecordedAt(Scale scale) => scale == Scale.Paper ? Verdict.Refuted : Recorded;

    public override string ControlAt(Scale scale) => RecordedAt(scale) == Verdict.Refuted
        ? "positive control: the full-attention arm replaced by a window of M = 1 (the current token, which carries no information about the next in a lag-2 chain), so it ends at H(π) and the check must hold"
        : NegativeControl;
    public override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Ci, Scale.Paper];

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var source = new LagKMarkovSource(settings.P, settings.Q, settings.Lag);
        var config = settings.Config;
        int seeds = settings.Seeds, required = settings.Required, m = settings.Window;
        bool control = construction == Construction.Sabotaged, positive = control && RecordedAt(context.Scale) == Verdict.Refuted;
        int window = control && !positive ? 0 : m;   // the negative control: window not applied
        int other = positive ? 1 : 0;                // the arm that must end at H(π): full attention, or M = 1 (positive control)
        string otherName = positive ? "m1" : "full";
        var obs = new Observations();
        var curves = new List<Series>();
        var within = Tolerance.Absolute(settings.LossTolerance);
        int hits = 0, run = 0;
        double? seed0Windowed = null, seed0Full = null;   // for the window sweep
        for (int i = 0; i < seeds; i++)
        {
            if (hits + (seeds - i) < required) break;
            run++;
            long seed = context.DeriveSeed($"lag-k-seed-{i}");
            double from = i / (double)seeds, width = 1.0 / seeds;
            var windowed = Train(source, window, config, seed, f => context.Report(from + width * 0.5 * f), $"M={m}, seed {i}", context.Device.ToTorch());
            curves.Add(new Series($"M={m} seed {i}", windowed.Steps, windowed.Losses, Group: $"M={m}"));
            obs.Measure($"seed{i}.m{m}.final-loss", windowed.FinalLoss);
            if (i == 0) seed0Windowed = windowed.FinalLoss;
            if (!within.Accepts(source.EntropyRate, windowed.FinalLoss)) continue;   // the seed is decided: the full-attention arm cannot rescue it
            var full = Train(source, other, config, seed, f => context.Report(from + width * (0.5 + 0.5 * f)), $"{(positive ? "M=1" : "full attention")}, seed {i}", context.Device.ToTorch());
            curves.Add(new Series($"{(positive ? "M=1" : "full")} seed {i}", full.Steps, full.Losses, Group: positive ? "M=1" : "full attention"));
            obs.Measure($"seed{i}.{otherName}.final-loss", full.FinalLoss);
            if (i == 0 && !positive) seed0Full = full.FinalLoss;
            if (within.Accepts(source.StationaryEntropy, full.FinalLoss)) hits++;
        }
        obs.Measure("fraction", run == 0 ? 0 : hits / (double)run).Measure("seeds-run", run);
        // The window sweep (paper scale, faithful run, seed 0): final loss against M, full attention drawn at M = T.
        if (construction == Construction.Faithful && settings.SweepWindows.Length > 0)
        {
            long seed = context.DeriveSeed("lag-k-seed-0");
            var points = new SortedDictionary<int, double>();
            if (seed0Windowed is double two) points[m] = two;
            if (seed0Full is double all) points[config.Length] = all;
            foreach (int w in settings.SweepWindows.Where(w => !points.ContainsKey(w)))
            {
                points[w] = Train(source, w, config, seed, _ => { }, $"sweep M={w}", context.Device.ToTorch()).FinalLoss;
                obs.Measure($"sweep.m{w}.final-loss", points[w]);
            }
            var xs = points.Keys.Select(k => (double)k).ToList();
            obs.Add(new Figure("am-lag-k-window-sweep", $"Lag-{settings.Lag} chain ({settings.P}, {settings.Q}): final loss after {config.Iterations} iterations against the window M (full attention at M = T = {config.Length}), seed 0",
                "attention window M", "test loss (nats)",
                [new Series("final loss", xs, points.Values.ToList()),
                 new Series("entropy rate", [xs[0], xs[^1]], [source.EntropyRate, source.EntropyRate], Group: "reference"),
                 new Series("H(pi)", [xs[0], xs[^1]], [source.StationaryEntropy, source.StationaryEntropy], Group: "reference")]));
        }
        obs.Add(new Figure("am-lag-k-memory", $"Lag-{settings.Lag} chain ({settings.P}, {settings.Q}): attention window M={m} vs full",
            "iteration", "test loss (nats)", curves.Concat(TrainingSweep.ReferenceLines(settings.P, settings.Q, config.Iterations)).ToList()));
        string summary = $"{hits}/{run} seeds with M={(window == 0 ? "full (window not applied)" : m.ToString())} at the entropy rate and {(positive ? "M=1" : "full attention")} at H(π), required {required}/{seeds}";
        // a seed counts when M = 2 ends at the entropy rate and full attention (M = 1 in the positive control) at H(π), each within LossTolerance
        return obs.ExpectAtLeast("seeds-at-expected", hits, required).Conclude(summary);
    }

    private static MemoryWindowRun Train(LagKMarkovSource source, int window, TrainingConfig config, long seed, Action<double> progress, string what, TorchSharp.torch.Device device)
    {
        try
        {
            return MemoryWindowTraining.Train(source, tied: true, window, config, seed, progress, device);
        }
        catch (TrainingDivergedException e)
        {
            throw new ClaimInconclusiveException($"{what}: {e.Message}");
        }
    }
}
