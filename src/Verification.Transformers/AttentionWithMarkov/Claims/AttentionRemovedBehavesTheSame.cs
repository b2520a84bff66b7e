// Attention with Markov (arXiv 2402.04161), ICLR version, rebuttal ablation (spec §4 "ICLR/v2 additions"): with the
// attention block removed, training on (0.5, 0.8) behaves the same — tied stuck at H(π), untied fine.
using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Transformers.Models;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// The paper's ablation: the 1-layer code model with its attention block removed (<see cref="AttentionAblatedTransformer"/>),
/// trained on (p, q) = (0.5, 0.8) with the paper's recipe, behaves as the paper reports for the model with attention:
/// untied runs end at the entropy rate predicting p in every seed; tied runs end at H(π) predicting π1 in at least 80% of
/// seeds (the thresholds of <see cref="UntiedTrainingReachesEntropyRate"/> and <see cref="TiedTrainingEndsAtUnigram"/>,
/// fixed before any ablated run). The runs use those claims' seed streams, so each ablated run starts from the same
/// weights and sees the same batches as its counterpart with attention. A first-order chain needs no attention: x_t
/// and t are all the Bayes predictor reads.
/// <b>Recorded finding: refuted</b> (docs/papers/AM.md): the untied arm holds, but tied ablated runs leave the
/// plateau too, earlier than with attention — as the tied runs with attention do (<see cref="TiedTrainingEndsAtUnigram"/>).
/// Positive control: the untied arm as is and the tied arm trained on i.i.d. data with the chain's π, where H(π) is the
/// best any predictor can do: its runs end at H(π) predicting π1, so the same check can hold.
/// </summary>
public sealed class AttentionRemovedBehavesTheSame : TrainingClaim
{
    public override string Id => "AM.attention-removed-behaves-the-same";
    public override IReadOnlyList<string> DependsOn => ["AM.untied-training-reaches-entropy-rate", "AM.tied-training-ends-at-unigram"];
    public override string Section => "ICLR version, rebuttal ablation (attention removed)";
    public override string Statement =>
        "With the attention block removed, the 1-layer transformer on (p,q) = (0.5,0.8) behaves as with it: untied runs end at the entropy rate 0.619 predicting P(1|0) ≈ p in every seed, tied runs end at H(π) = 0.666 predicting π1 in at least 80% of seeds.";
    public override string NegativeControl =>
        "positive control: the tied arm trained on i.i.d. data with the chain's π (where H(π) is optimal), the untied arm as is; the check must hold";
    public override Verdict Recorded => Verdict.Refuted;
    protected override string FigureName => "am-attention-removed-training";
    protected override string FigureTitle => "1-layer training on (0.5, 0.8) with the attention block removed";

    protected override IReadOnlyList<TrainingArm> Arms(Scale scale, Construction construction)
    {
        var config = Config(scale);
        int untied = UntiedTrainingReachesEntropyRate.Seeds(scale), tied = TiedTrainingEndsAtUnigram.Seeds(scale);
        Func<TorchSharp.torch.Generator, TorchSharp.torch.Device?, IMarkovModel> Ablated(bool isTied) =>
            (generator, device) => new AttentionAblatedTransformer(new CodeTransformerConfig(config.Dim, config.Layers, config.Length, isTied), generator, device);
        // untied first: when the tied arm refutes, the untied arm's result is still in the report
        return
        [
            new TrainingArm("untied.no-attention.p=0.5,q=0.8", 0.5, 0.8, Tied: false, config, ReachedPoint.EntropyRate, untied, untied)
                { SeedStream = "untied(0.5,0.8)", Model = Ablated(false) },
            new TrainingArm("tied.no-attention.p=0.5,q=0.8", 0.5, 0.8, Tied: true, config, ReachedPoint.Unigram, tied,
                (int)Math.Ceiling(TiedTrainingEndsAtUnigram.RequiredFraction * tied)) { SeedStream = "tied(0.5,0.8)", Model = Ablated(true) },
        ];
    }

    protected override BinaryMarkovChain? SabotagedSource(TrainingArm arm) => arm.Tied ? IidWithTheChainsMarginal(arm) : null;
}
