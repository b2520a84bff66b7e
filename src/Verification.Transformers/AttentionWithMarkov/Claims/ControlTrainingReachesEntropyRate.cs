// Attention with Markov (arXiv 2402.04161), §4, Fig. "loss1"/"est1": for p+q < 1 tying does not hurt.
using Verification.Core.Claims;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// Control: on the persistent chain (p, q) = (0.2, 0.3) (p+q &lt; 1) the 1-layer code model ends at the entropy rate
/// 0.545 and predicts P(1|0) ≈ p = 0.2, tied and untied, in every seed. Negative control: training on an i.i.d.
/// source with the chain's marginal.
/// </summary>
public sealed class ControlTrainingReachesEntropyRate : TrainingClaim
{
    public override string Id => "AM.control-training-reaches-entropy-rate";
    public override IReadOnlyList<string> DependsOn => ["AM.global-min-construction", "AM.unigram-is-saddle-when-tied-and-persistent"];
    public override string Section => "§4, Fig. loss1/est1";
    public override string Statement =>
        "On (p,q) = (0.2,0.3), the trained 1-layer transformer ends at the entropy rate 0.545 and predicts P(1|0) ≈ 0.2, tied and untied, in every seed.";
    public override string NegativeControl => "training on an i.i.d. source with the chain's marginal π (transitions ignored)";
    protected override string FigureName => "am-control-training";
    protected override string FigureTitle => "Tied and untied 1-layer training on (0.2, 0.3)";

    /// <summary>CI: 1 seed per arm (the test budget), paper: 5.</summary>
    public static int ControlSeeds(Scale scale) => scale == Scale.Paper ? 5 : 1;

    protected override IReadOnlyList<TrainingArm> Arms(Scale scale, Construction construction)
    {
        int seeds = ControlSeeds(scale);
        return
        [
            new TrainingArm("tied.p=0.2,q=0.3", 0.2, 0.3, true, Config(scale), ReachedPoint.EntropyRate, seeds, seeds) { SeedStream = "tied(0.2,0.3)" },
            new TrainingArm("untied.p=0.2,q=0.3", 0.2, 0.3, false, Config(scale), ReachedPoint.EntropyRate, seeds, seeds) { SeedStream = "untied(0.2,0.3)" },
        ];
    }

    protected override BinaryMarkovChain? SabotagedSource(TrainingArm arm) => IidWithTheChainsMarginal(arm);
}
