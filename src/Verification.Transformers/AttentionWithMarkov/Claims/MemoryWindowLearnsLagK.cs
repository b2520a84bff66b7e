// Attention with Markov (arXiv 2402.04161 v1), higher-order experiments, Fig. "loss-masking" (spec §4, §5 item 7):
// on the lag-2 chain, full attention stays at the unigram loss while attention limited to the last M = 2 tokens learns
// the chain.
using Verification.Core.Claims;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <param name="Config">training of both arms (the windowed one and full attention, same seed)</param>
/// <param name="LossTolerance">absolute, on each arm's final loss against its reference</param>
/// <param name="SweepWindows">further windows M trained on seed 0 (faithful run only) for the final-loss-against-M
/// figure of the paper (M = 2, 40, 80, 100): measured, not checked; none at CI</param>
public sealed record MemoryWindowLearnsLagKSettings(TrainingConfig Config, int Seeds, int Required, int[] SweepWindows,
    double P = 0.2, double Q = 0.3, int Lag = 2, int Window = 2, double LossTolerance = 0.01) : IClaimSettings<MemoryWindowLearnsLagKSettings>
{
    public static MemoryWindowLearnsLagKSettings For(Scale scale) => scale == Scale.Paper
        ? new(TrainingConfig.Paper with { Dim = 32, Iterations = 800 }, Seeds: 3, Required: 2, SweepWindows: [10, 40, 80, 100])   // the v1 masking script: d = 32, 800 iterations
        : new(TrainingConfig.Ci with { Iterations = 200 }, Seeds: 1, Required: 1, SweepWindows: []);                                // the masking figure's 200 steps, CI's T = 256
}

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
public sealed class MemoryWindowLearnsLagK : Claim<MemoryWindowLearnsLagKSettings>
{
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

    protected override Outcome Check(ClaimContext context, MemoryWindowLearnsLagKSettings settings, Construction construction)
    {
        var source = new LagKMarkovSource(settings.P, settings.Q, settings.Lag);
        bool control = construction == Construction.Sabotaged, positive = IsPositiveControl(construction, context.Scale);
        // the negative control drops the window; the positive one replaces full attention by M = 1
        var arms = new LagKArms(Window: control && !positive ? 0 : settings.Window, settings.Window, Other: positive ? 1 : 0);
        var obs = new Observations();
        var memory = LagKMemory.Run(context, source, arms, settings.Config, settings.Seeds, settings.Required, settings.LossTolerance);
        memory.MeasureInto(obs);
        if (construction == Construction.Faithful && settings.SweepWindows.Length > 0)
            obs.Add(memory.WindowSweep(context, settings.SweepWindows, obs));
        obs.Add(memory.CurvesFigure());
        // a seed counts when M = 2 ends at the entropy rate and full attention (M = 1 in the positive control) at H(π), each within LossTolerance
        obs.ExpectAtLeast("seeds-at-expected", memory.Hits, settings.Required);
        memory.Sweep.ReportStop(obs, "lag-k");
        return obs.Conclude(memory.Summary);
    }
}
