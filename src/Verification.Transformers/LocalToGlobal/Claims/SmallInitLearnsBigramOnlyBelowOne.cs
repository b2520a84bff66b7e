// Local to Global (arXiv 2406.03072), §3–4 initialisation theorem (spec local-to-global §3 "Theorems as rebuilt" 2
// and §5 row 9): a small Gaussian initialisation near 0 learns the bigram when p+q < 1 and is stuck at the unigram
// when p+q > 1.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Seeding;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// Starts (e, w) ~ N(0, σ²I) with σ ∈ {0.02, 0.05, 0.1}, integrated to convergence: at least 95% reach Γ* for
/// (0.2, 0.3) (p+q &lt; 1) and at most 5% for (0.5, 0.8) (p+q &gt; 1), and every end agrees with the basin predicate.
/// The fraction reaching Γ* as a function of σ (up to 3) is reported from the closed-form predicate on many starts.
/// Negative control: the untied model (output weight o ≠ e, c = e·o(1 + 2w|w|)) from the same kind of start.
/// </summary>
public sealed class SmallInitLearnsBigramOnlyBelowOne : Claim<SmallInitLearnsBigramOnlyBelowOne.Settings>
{
    /// <param name="Integrated">starts per (chain, small σ) integrated to convergence (decided)</param>
    /// <param name="Predicted">starts per σ of the fraction-vs-σ curve, classified by the closed-form predicate (reported)</param>
    /// <param name="Chains">one chain with p+q &lt; 1 (almost all learn the bigram) and one with p+q &gt; 1 (almost none)</param>
    public sealed record Settings(int Integrated, int Predicted, (double P, double Q)[] Chains, double[] SmallSigmas, double[] CurveSigmas,
        double MinBigramFractionBelowOne = SmallInitLearnsBigramOnlyBelowOne.MinBigramFractionBelowOne,
        double MaxBigramFractionAboveOne = SmallInitLearnsBigramOnlyBelowOne.MaxBigramFractionAboveOne) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale)
        {
            var (integrated, predicted) = scale switch
            {
                Scale.Smoke => (25, 2_000),
                Scale.Ci => (100, 20_000),
                _ => (400, 100_000),
            };
            return new(integrated, predicted, SmallInitLearnsBigramOnlyBelowOne.Chains, SmallInitLearnsBigramOnlyBelowOne.SmallSigmas,
                SmallInitLearnsBigramOnlyBelowOne.CurveSigmas);
        }
    }

    public const double MinBigramFractionBelowOne = 0.95;
    public const double MaxBigramFractionAboveOne = 0.05;

    public static readonly double[] SmallSigmas = [0.02, 0.05, 0.1];
    public static readonly double[] CurveSigmas = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3];
    public static readonly (double P, double Q)[] Chains = [(0.2, 0.3), (0.5, 0.8)];

    public override string Id => "LG.small-init-learns-bigram-only-below-one";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3–4 initialisation (spec §3 theorem 2, §4)";
    public override string Statement =>
        "From a small Gaussian initialisation near 0 the gradient flow learns the bigram (entropy rate) when p+q < 1 and gets stuck at the unigram loss H(π) when p+q > 1.";
    public override string NegativeControl => "the untied model (output weight o separate from the embedding e) from the same small start";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        int nInt = settings.Integrated, nPred = settings.Predicted;
        var (chains, smallSigmas, curveSigmas) = (settings.Chains, settings.SmallSigmas, settings.CurveSigmas);
        var obs = new Observations();
        int disagreements = 0, unconverged = 0, done = 0;
        var curves = new List<Series>();
        var rows = new List<IReadOnlyList<double>>();
        foreach (var (p, q) in chains)
        {
            var model = new CanonicalModel(p, q);
            CanonicalFlow flow = construction == Construction.Faithful ? new ReducedFlow(model) : new UntiedReducedFlow(model);
            string key = $"p={p},q={q}";
            var fractions = new List<double>();
            foreach (var sigma in smallSigmas)
            {
                var rng = context.Rng($"{key}.sigma={sigma}");
                int global = 0;
                for (int i = 0; i < nInt; i++)
                {
                    double e = sigma * rng.Normal(), w = sigma * rng.Normal();
                    double[] x0 = construction == Construction.Faithful ? [e, w] : [e, sigma * rng.Normal(), w];
                    var c = Basins.TryClassify(flow, x0);
                    if (c.End is null) { unconverged++; continue; }
                    if (c.End == FlowEnd.Global) global++;
                    if (c.End != Basins.Predict(p + q, e, w).ToEnd()) disagreements++;
                }
                double fraction = global / (double)nInt;
                fractions.Add(fraction);
                // p+q < 1: almost every small start learns the bigram; p+q > 1: almost none does
                if (p + q < 1) obs.ExpectAtLeast($"{key}.sigma={sigma}.bigram-fraction", fraction, settings.MinBigramFractionBelowOne);
                else obs.ExpectAtMost($"{key}.sigma={sigma}.bigram-fraction", fraction, settings.MaxBigramFractionAboveOne);
                context.Report(++done / (double)(chains.Length * smallSigmas.Length + 2));
            }
            curves.Add(new Series($"{key}, integrated", smallSigmas, fractions, SeriesStyle.Markers, key));

            // The curve over σ from the closed-form predicate: exact for the faithful (tied) flow, as the grid claims check.
            var predicted = curveSigmas.Select(sigma => PredictedBigramFraction(p + q, sigma, nPred, context.Rng($"{key}.curve.sigma={sigma}"))).ToArray();
            curves.Add(new Series($"{key}, predicate", curveSigmas, predicted, SeriesStyle.Line, key));
            for (int s = 0; s < curveSigmas.Length; s++) rows.Add([p, q, curveSigmas[s], predicted[s]]);
            context.Report(++done / (double)(chains.Length * smallSigmas.Length + 2));
        }
        // every integrated end agrees with the closed-form basin predicate
        obs.Expect("integrated.disagreements-with-predicate", disagreements, 0, Tolerance.Absolute(0))
            .Measure("integrated.unconverged", unconverged);
        if (construction == Construction.Faithful)
        {
            obs.Add(new Figure("lg-bigram-fraction-vs-sigma", "Fraction of Gaussian starts N(0, σ²I) that learn the bigram (reach Γ*)",
                "init scale σ", "fraction reaching Γ*", curves, LogX: true));
            obs.Add(new DataTable("lg-bigram-fraction-vs-sigma-table", ["p", "q", "sigma", "bigram fraction (predicate)"], rows));
        }
        if (obs.AllPassed && unconverged > 0)
            return obs.Inconclusive($"{unconverged} flows from small starts did not converge");
        return obs.Conclude($"small starts (σ ≤ {smallSigmas[^1]}, {nInt} each): ≥ {settings.MinBigramFractionBelowOne:P0} reach Γ* for p+q < 1, ≤ {settings.MaxBigramFractionAboveOne:P0} for p+q > 1; all {chains.Length * smallSigmas.Length * nInt} ends agree with the predicate");
    }

    /// <summary>The fraction of (e, w) ~ N(0, σ²I) in the global basin, by the closed-form predicate.</summary>
    public static double PredictedBigramFraction(double switchingFactor, double sigma, int n, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must be positive");
        int global = 0;
        for (int i = 0; i < n; i++)
        {
            double e = sigma * rng.Normal(), w = sigma * rng.Normal();
            if (Basins.Predict(switchingFactor, e, w) == Basin.Global) global++;
        }
        return global / (double)n;
    }
}
