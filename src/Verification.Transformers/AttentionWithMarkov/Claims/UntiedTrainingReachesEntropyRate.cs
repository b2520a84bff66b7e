// Attention with Markov (arXiv 2402.04161), §4, Fig. "loss2"/"est2": without tying, training finds the global minimum.
using Verification.Core.Claims;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// The 1-layer code model without weight tying, trained on (p, q) = (0.5, 0.8) with the paper's recipe, ends at the
/// entropy rate and predicts P(1|0) ≈ p in every seed. Negative control: the same training on an i.i.d. source with
/// the chain's marginal (a sampler that ignores the transitions), which can only teach the unigram predictor.
/// </summary>
public sealed class UntiedTrainingReachesEntropyRate : TrainingClaim
{
    public override string Id => "AM.untied-training-reaches-entropy-rate";
    public override IReadOnlyList<string> DependsOn => ["AM.global-min-construction", "AM.unigram-is-saddle-when-untied"];
    public override string Section => "§4, Fig. loss2/est2 (untied)";
    public override string Statement =>
        "Without weight tying, the trained 1-layer transformer on (p,q) = (0.5,0.8) ends at the entropy rate 0.619 and predicts P(1|0) ≈ p = 0.5, in every seed.";
    public override string NegativeControl => "training on an i.i.d. source with the chain's marginal π (transitions ignored)";
    protected override string FigureName => "am-untied-training";
    protected override string FigureTitle => "Untied 1-layer training on (0.5, 0.8)";

    /// <summary>CI: 2 seeds (the test budget), paper: 5; all must reach the entropy rate.</summary>
    public static int Seeds(Scale scale) => scale == Scale.Paper ? 5 : 2;

    protected override IReadOnlyList<TrainingArm> Arms(Scale scale, Construction construction)
    {
        int seeds = Seeds(scale);
        return [new TrainingArm("untied.p=0.5,q=0.8", 0.5, 0.8, false, Config(scale), ReachedPoint.EntropyRate, seeds, seeds)
            { SeedStream = "untied(0.5,0.8)" }];
    }

    protected override BinaryMarkovChain? SabotagedSource(TrainingArm arm) => IidWithTheChainsMarginal(arm);
}
