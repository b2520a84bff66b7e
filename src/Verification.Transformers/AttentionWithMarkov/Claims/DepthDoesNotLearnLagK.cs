// Attention with Markov (arXiv 2402.04161 v1), higher-order experiments, Fig. "loss2-layers" (spec §4): on the lag-2
// chain (0.2, 0.3) the tied transformer with full causal attention ends at the unigram loss 0.673 at depth 1 AND at
// depth 4 — depth does not make it learn the lag.
using Verification.Core.Claims;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <param name="Config">training of the deep model (its Layers is the depth under test)</param>
/// <param name="ShallowLayers">the depth the paper's figure compares with, trained on the same seeds: measured, not checked</param>
/// <param name="LossTolerance">absolute, on the deep model's final loss against H(π)</param>
public sealed record DepthDoesNotLearnLagKSettings(TrainingConfig Config, int Seeds, int Required, int ShallowLayers = 1,
    double P = 0.2, double Q = 0.3, int Lag = 2, double LossTolerance = 0.01) : IClaimSettings<DepthDoesNotLearnLagKSettings>
{
    public static DepthDoesNotLearnLagKSettings For(Scale scale) => scale == Scale.Paper
        ? new(TrainingConfig.Paper with { Dim = 32, Iterations = 800, Layers = 4 }, Seeds: 3, Required: 2)   // the v1 lag-k scripts' d = 32, 800 iterations
        : new(TrainingConfig.Ci with { Iterations = 200, Layers = 4 }, Seeds: 1, Required: 1);               // the sizes of AM.memory-window-learns-lag-k at CI
}

/// <summary>
/// On the lag-2 chain with (p, q) = (0.2, 0.3) (entropy rate 0.545, H(π) 0.673), the tied 4-layer code model with full
/// causal attention ends within 0.01 of H(π), as the paper's figure shows for 1 and 4 layers. A seed counts when the
/// 4-layer model does; the 1-layer model is trained on the same seed stream and measured (it is the full-attention arm
/// of <see cref="MemoryWindowLearnsLagK"/>, which decides the 1-layer half). Sizes as that claim's, fixed before any run.
/// <b>Recorded per scale: holds at CI, refuted at paper scale</b> (run x-34c04aa in results/paper/): at d = 32,
/// T = 1024 and 800 iterations the 4-layer model ends at 0.673, 0.661 and 0.654 on the three seeds, so only 1 of 3 is
/// within 0.01 of H(π) — two learn part of the lag, though less than the 1-layer model (0.599–0.623, see
/// <see cref="MemoryWindowLearnsLagK"/>). A finding, kept as measured.
/// Controls follow the recorded verdict. At CI (holds) a negative control: the lag-k generator run with lag 1 — the
/// first-order chain (0.2, 0.3), which the model learns (p+q &lt; 1), so its loss falls to the entropy rate and the
/// check must refute. At paper scale (refuted) a positive control: the same 4-layer model with attention limited to the
/// current token (M = 1 at every layer), which carries no information about the next symbol of a lag-2 chain, so it
/// ends at H(π) and the same check must hold.
/// </summary>
public sealed class DepthDoesNotLearnLagK : Claim<DepthDoesNotLearnLagKSettings>
{
    public override string Id => "AM.depth-does-not-learn-lag-k";
    public override PaperRef Paper => PaperRef.AttentionWithMarkov;
    public override IReadOnlyList<string> DependsOn => ["AM.memory-window-learns-lag-k"];
    public override string Section => "v1 §5 higher order, Fig. loss2-layers";
    public override string Statement =>
        "On the lag-2 chain (p,q) = (0.2,0.3), the tied 4-layer transformer with full causal attention ends within 0.01 of H(π) = 0.673, as the 1-layer one does: depth does not make it learn the lag.";
    public override string NegativeControl => "the lag-k generator run with lag 1 (the first-order chain, which the model learns)";
    public override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Ci, Scale.Paper];

    /// <summary>Refuted at paper scale (run x-34c04aa: the 4-layer model within 0.01 of H(π) on 1 of 3 seeds); holds at CI.</summary>
    public override Verdict RecordedAt(Scale scale) => scale == Scale.Paper ? Verdict.Refuted : Recorded;

    public override string ControlAt(Scale scale) => RecordedAt(scale) == Verdict.Refuted
        ? "positive control: the 4-layer model with attention limited to the current token (M = 1 at every layer, no information about the next symbol of a lag-2 chain), so it ends at H(π) and the check must hold"
        : NegativeControl;

    protected override Outcome Check(ClaimContext context, DepthDoesNotLearnLagKSettings settings, Construction construction)
    {
        bool faithful = construction == Construction.Faithful, positive = IsPositiveControl(construction, context.Scale);
        // the negative control learns a first-order chain; the positive one sees only the current token of the lag-2 chain
        var source = new LagKMarkovSource(settings.P, settings.Q, faithful || positive ? settings.Lag : 1);
        var depth = LagKDepth.Run(context, source, settings.Config, window: positive ? 1 : 0, settings.Seeds, settings.Required,
            settings.LossTolerance, faithful ? settings.ShallowLayers : null);
        var obs = new Observations();
        depth.MeasureInto(obs);
        obs.Add(depth.CurvesFigure());
        // a seed counts when the deep model ends within LossTolerance of H(π)
        obs.ExpectAtLeast("seeds-at-h-pi", depth.Hits, settings.Required);
        depth.Sweep.ReportStop(obs, "lag-k depth");
        return obs.Conclude(depth.Summary);
    }
}
