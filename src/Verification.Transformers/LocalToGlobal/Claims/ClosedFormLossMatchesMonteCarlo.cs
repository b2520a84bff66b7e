// Local to Global (arXiv 2406.03072), §2 (spec local-to-global §2 and §5 row 1): the canonical model's expected loss
// in closed form equals the Monte-Carlo cross-entropy of its logits on sampled stationary chains.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Markov;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// L(e, w, b) = π1·ℓ(1−q, f1) + π0·ℓ(p, f0) equals the empirical mean cross-entropy of the canonical logits on
/// sampled stationary sequences: |z| &lt; 4.5 at every test point, the standard error taken from the spread of the
/// per-sequence means (the tokens of one sequence are correlated; the sequences are independent).
/// Negative control: the closed form written with the convention swapped (p read as P(0|1)), spec pitfall 4.
/// </summary>
public sealed class ClosedFormLossMatchesMonteCarlo : Claim<ClosedFormLossMatchesMonteCarlo.Settings>
{
    /// <param name="Sequences">independent stationary sequences per point (the standard error is taken over them)</param>
    /// <param name="Length">tokens per sequence</param>
    /// <param name="Points">(p, q, e, w, b), p ≠ q so that the swapped convention differs; both regimes of p + q</param>
    /// <param name="ZThreshold">|z| = |MC − closed form| / SE must stay below this at every point</param>
    public sealed record Settings(int Sequences, int Length, (double P, double Q, double E, double W, double B)[] Points,
        double ZThreshold = ClosedFormLossMatchesMonteCarlo.ZThreshold) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale switch { Scale.Smoke => 16, Scale.Ci => 64, _ => 256 }, scale == Scale.Paper ? 1024 : 512,
            [(0.2, 0.3, 0.7, 0.3, -0.4), (0.5, 0.8, 1.2, -1.0, 0.3), (0.1, 0.6, 0.5, 1.0, 0.0), (0.7, 0.9, 1.5, -0.5, -1.0), (0.3, 0.15, 1.0, 0.8, 0.5), (0.85, 0.4, 0.9, -1.3, 0.2)]);
    }

    public const double ZThreshold = 4.5;

    public override string Id => "LG.closed-form-loss-matches-monte-carlo";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§2 canonical model (spec §2, Markov-Fixed base.py)";
    public override string Statement =>
        "The closed-form expected loss π1·ℓ(1−q, f1) + π0·ℓ(p, f0) of the canonical model equals its Monte-Carlo cross-entropy on stationary chains.";
    public override string NegativeControl => "the closed form with the transition convention swapped (p taken as P(0|1), q as P(1|0))";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var obs = new Observations();
        for (int k = 0; k < settings.Points.Length; k++)
        {
            var (p, q, e, w, b) = settings.Points[k];
            var model = new CanonicalModel(p, q);
            var (f0, f1) = model.Logits(e, w, b);
            double closedForm = (construction == Construction.Faithful ? model : new CanonicalModel(q, p)).Loss(e, w, b);
            var (mean, se) = MonteCarloLoss.Estimate(new BinaryMarkovChain(p, q), f0, f1, settings.Sequences, settings.Length, context.Rng($"point-{k}"));
            // Monte-Carlo mean = closed form, within ZThreshold standard errors
            using (obs.Case($"p={p},q={q},e={e},w={w},b={b}"))
                obs.Measure("closed-form", closedForm).Measure("monte-carlo", mean).Expect("z", (mean - closedForm) / se, 0, Tolerance.Absolute(settings.ZThreshold));
            context.Report((k + 1.0) / settings.Points.Length);
        }
        return obs.Conclude($"closed form within |z| ≤ {settings.ZThreshold} of the Monte-Carlo loss at all {settings.Points.Length} points ({settings.Sequences}×{settings.Length} tokens each)");
    }
}
