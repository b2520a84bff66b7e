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
    /// <param name="ZThreshold">|z| = |MC − closed form| / SE must stay below this at every point</param>
    public sealed record Settings(int Sequences, int Length, (double P, double Q, double E, double W, double B)[] Points,
        double ZThreshold = ClosedFormLossMatchesMonteCarlo.ZThreshold) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => scale switch
        {
            Scale.Smoke => new(16, 512, ClosedFormLossMatchesMonteCarlo.Points),
            Scale.Ci => new(64, 512, ClosedFormLossMatchesMonteCarlo.Points),
            _ => new(256, 1024, ClosedFormLossMatchesMonteCarlo.Points),
        };
    }

    public const double ZThreshold = 4.5;

    /// <summary>Test points (p, q, e, w, b), p ≠ q so that the swapped convention differs; both regimes of p + q.</summary>
    public static readonly (double P, double Q, double E, double W, double B)[] Points =
    [
        (0.2, 0.3, 0.7, 0.3, -0.4),
        (0.5, 0.8, 1.2, -1.0, 0.3),
        (0.1, 0.6, 0.5, 1.0, 0.0),
        (0.7, 0.9, 1.5, -0.5, -1.0),
        (0.3, 0.15, 1.0, 0.8, 0.5),
        (0.85, 0.4, 0.9, -1.3, 0.2),
    ];

    public override string Id => "LG.closed-form-loss-matches-monte-carlo";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§2 canonical model (spec §2, Markov-Fixed base.py)";
    public override string Statement =>
        "The closed-form expected loss π1·ℓ(1−q, f1) + π0·ℓ(p, f0) of the canonical model equals its Monte-Carlo cross-entropy on stationary chains.";
    public override string NegativeControl => "the closed form with the transition convention swapped (p taken as P(0|1), q as P(1|0))";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        int sequences = settings.Sequences, length = settings.Length;
        var points = settings.Points;
        var obs = new Observations();
        for (int k = 0; k < points.Length; k++)
        {
            var (p, q, e, w, b) = points[k];
            var model = new CanonicalModel(p, q);
            var (f0, f1) = model.Logits(e, w, b);
            double closedForm = construction == Construction.Faithful
                ? model.Loss(e, w, b)
                : new CanonicalModel(q, p).Loss(e, w, b);
            var (mean, se) = MonteCarloLoss(new BinaryMarkovChain(p, q), f0, f1, sequences, length, context.Rng($"point-{k}"));
            double z = (mean - closedForm) / se;
            string key = $"p={p},q={q},e={e},w={w},b={b}";
            obs.Measure($"{key}.closed-form", closedForm);
            obs.Measure($"{key}.monte-carlo", mean);
            // Monte-Carlo mean = closed form, within ZThreshold standard errors
            obs.Expect($"{key}.z", z, 0, Tolerance.Absolute(settings.ZThreshold));
            context.Report((k + 1.0) / points.Length);
        }
        return obs.Conclude($"closed form within |z| ≤ {settings.ZThreshold} of the Monte-Carlo loss at all {points.Length} points ({sequences}×{length} tokens each)");
    }

    /// <summary>
    /// Mean cross-entropy of predicting x_{n+1} from the logit f_{x_n}, averaged per sequence; returns the mean over
    /// sequences and its standard error.
    /// </summary>
    public static (double Mean, double StandardError) MonteCarloLoss(BinaryMarkovChain chain, double f0, double f1,
        int sequences, int length, Verification.Core.Seeding.Rng rng)
    {
        if (sequences < 2) throw new ArgumentOutOfRangeException(nameof(sequences), sequences, "at least 2 sequences are needed for a standard error");
        if (length < 2) throw new ArgumentOutOfRangeException(nameof(length), length, "a sequence needs at least 2 tokens");
        // −log σ(±f) for the four (current, next) cases.
        double[] lossOf = [Nll(f0, 0), Nll(f0, 1), Nll(f1, 0), Nll(f1, 1)];
        double sum = 0, sumSq = 0;
        for (int s = 0; s < sequences; s++)
        {
            var x = chain.Sample(length, rng);
            double l = 0;
            for (int n = 0; n + 1 < length; n++) l += lossOf[2 * x[n] + x[n + 1]];
            l /= length - 1;
            sum += l;
            sumSq += l * l;
        }
        double mean = sum / sequences, variance = Math.Max(0, (sumSq - sequences * mean * mean) / (sequences - 1));
        return (mean, Math.Sqrt(variance / sequences));
    }

    private static double Nll(double f, int next) => next == 1 ? Softplus(-f) : Softplus(f);

    private static double Softplus(double f) => Math.Max(f, 0) + Math.Log(1 + Math.Exp(-Math.Abs(f)));
}
