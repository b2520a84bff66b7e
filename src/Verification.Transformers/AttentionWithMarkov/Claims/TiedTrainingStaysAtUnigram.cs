// Attention with Markov (arXiv 2402.04161), §4, Fig. "loss2"/"est2": with tying and p+q > 1, training is stuck at θ_π.
using Verification.Core.Claims;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// The 1-layer code model with weight tying, trained on (p, q) = (0.5, 0.8) (p+q &gt; 1) with the paper's recipe, ends
/// at the unigram loss H(π) = 0.666 and predicts P(1|0) ≈ π1 = 0.385 in at least 80% of seeds (spec §5: 4 of 5).
/// Negative control: the same runs with tying switched off, which the theory says escape to the entropy rate.
/// </summary>
public sealed class TiedTrainingStaysAtUnigram : TrainingClaim
{
    public const double RequiredFraction = 0.8;

    public override string Id => "AM.tied-training-stays-at-unigram";
    public override string Section => "§4, Fig. loss2/est2 (tied)";
    public override string Statement =>
        "With weight tying, the trained 1-layer transformer on (p,q) = (0.5,0.8) ends at H(π) = 0.666 and predicts P(1|0) ≈ π1 = 0.385 in at least 80% of seeds.";
    public override string NegativeControl => "the same runs without weight tying";
    protected override string FigureName => "am-tied-training";
    protected override string FigureTitle => "Tied 1-layer training on (0.5, 0.8)";

    protected override IReadOnlyList<TrainingArm> Arms(Scale scale, Construction construction)
    {
        int seeds = SeedCount(scale);
        int required = (int)Math.Ceiling(RequiredFraction * seeds);
        return [new TrainingArm("tied(0.5,0.8)", 0.5, 0.8, construction == Construction.Faithful, Config(scale),
            ReachedPoint.Unigram, seeds, required)];
    }
}
