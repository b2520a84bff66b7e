// Attention with Markov (arXiv 2402.04161), §4, Fig. "loss2"/"est2": with tying and p+q > 1, training ends at θ_π.
using Verification.Core.Claims;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// The paper's statement: the 1-layer code model with weight tying, trained on (p, q) = (0.5, 0.8) (p+q &gt; 1) with
/// the paper's recipe, ends at the unigram point — loss H(π) = 0.666, P̂(1|0) ≈ π1 = 0.385 — in at least 80% of
/// seeds (spec §5: 4 of 5). <b>Recorded finding: refuted here.</b> Every seed sits on the H(π) plateau from about
/// iteration 20, then escapes (≈ 150–250 of 400 at T = 256) and ends at the entropy rate; at the paper's T = 1024,
/// 2 of 3 seeds escaped too (docs/papers/AM.md). The positive control is the same tied runs judged at iteration 100,
/// where they do sit at H(π): it shows the check can pass, so the refutation is not an artefact of the detector.
/// The iteration 100 was chosen after seeing the escape times; it serves only the control, not the verdict.
/// Corroborated from outside the harness: the authors' own Markov-LLM code, run unmodified on CPU in fp32 with explicit
/// seeds, also left the plateau and ended at the entropy rate in 4 of 5 tied runs within 400 iterations (T = 256 and
/// T = 1024; an fp16-rounding emulation changed nothing), ../shared/evidence/authors-code-runs.md. The refuted
/// verdict's reason says so. How long the plateau lasts is measured by <see cref="TiedPlateauIsTemporary"/>.
/// </summary>
public sealed class TiedTrainingEndsAtUnigram : TrainingClaim
{
    public const double RequiredFraction = 0.8;

    public override string Id => "AM.tied-training-ends-at-unigram";
    public override IReadOnlyList<string> DependsOn => ["AM.unigram-is-local-min-when-tied"];
    public override string Section => "§4, Fig. loss2/est2 (tied)";
    public override string Statement =>
        "With weight tying, the 1-layer transformer trained on (p,q) = (0.5,0.8) ends at H(π) = 0.666 predicting P(1|0) ≈ π1 = 0.385 in at least 80% of seeds.";
    public override string NegativeControl =>
        "positive control: the same tied runs judged at iteration 100 (on the plateau), where the check must hold";
    public override Verdict Recorded => Verdict.Refuted;
    protected override string FigureName => "am-tied-training";
    protected override string FigureTitle => "Tied 1-layer training on (0.5, 0.8)";

    public static int Seeds(Scale scale) => scale == Scale.Paper ? 5 : 3;

    /// <summary>Outside corroboration of the refutation (../shared/evidence/authors-code-runs.md), appended to its reason.</summary>
    public const string Corroboration =
        "corroborated by the authors' own Markov-LLM code (fp32, explicit seeds, unmodified): 4 of 5 tied runs left H(π) and ended at the entropy rate within 400 iterations at T = 256 and 1024";

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var outcome = base.Check(context, construction);
        return construction == Construction.Faithful && outcome.Verdict == Verdict.Refuted
            ? outcome with { Reason = $"{outcome.Reason} ({Corroboration})" }
            : outcome;
    }

    protected override IReadOnlyList<TrainingArm> Arms(Scale scale, Construction construction)
    {
        int seeds = Seeds(scale);
        int required = (int)Math.Ceiling(RequiredFraction * seeds);
        return [new TrainingArm("tied.p=0.5,q=0.8", 0.5, 0.8, Tied: true, Config(scale),
            ReachedPoint.Unigram, seeds, required, AtCheckpoint: construction == Construction.Sabotaged) { SeedStream = "tied(0.5,0.8)" }];
    }
}
