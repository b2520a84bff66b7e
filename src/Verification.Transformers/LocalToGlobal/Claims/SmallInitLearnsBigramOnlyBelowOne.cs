// Local to Global (arXiv 2406.03072), §3–4 initialisation theorem (spec local-to-global §3 "Theorems as rebuilt" 2
// and §5 row 9): a small Gaussian initialisation near 0 learns the bigram when p+q < 1 and is stuck at the unigram
// when p+q > 1.
using Verification.Core.Claims;

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
        double MinBigramFractionBelowOne = 0.95, double MaxBigramFractionAboveOne = 0.05) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale switch { Scale.Smoke => 25, Scale.Ci => 100, _ => 400 },
            scale switch { Scale.Smoke => 2_000, Scale.Ci => 20_000, _ => 100_000 }, [(0.2, 0.3), (0.5, 0.8)], [0.02, 0.05, 0.1], [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3]);
    }

    public override string Id => "LG.small-init-learns-bigram-only-below-one";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3–4 initialisation (spec §3 theorem 2, §4)";
    public override string Statement =>
        "From a small Gaussian initialisation near 0 the gradient flow learns the bigram (entropy rate) when p+q < 1 and gets stuck at the unigram loss H(π) when p+q > 1.";
    public override string NegativeControl => "the untied model (output weight o separate from the embedding e) from the same small start";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var arms = (from c in settings.Chains
                    let model = new CanonicalModel(c.P, c.Q)
                    let flow = construction == Construction.Faithful ? (CanonicalFlow)new ReducedFlow(model) : new UntiedReducedFlow(model)
                    from sigma in settings.SmallSigmas
                    let key = $"p={c.P},q={c.Q}.sigma={sigma}"
                    select (Key: key, Below: c.P + c.Q < 1, Starts: SmallInitialisation.Integrate(flow, sigma, settings.Integrated, context.Rng(key)))).ToList();
        var starts = arms.SelectMany(a => a.Starts).ToList();
        var obs = new Observations();
        // p+q < 1: almost every small start learns the bigram; p+q > 1: almost none does
        foreach (var (key, below, runs) in arms)
        {
            if (below) obs.ExpectAtLeast($"{key}.bigram-fraction", SmallInitialisation.BigramFraction(runs), settings.MinBigramFractionBelowOne);
            else obs.ExpectAtMost($"{key}.bigram-fraction", SmallInitialisation.BigramFraction(runs), settings.MaxBigramFractionAboveOne);
        }
        // every integrated end agrees with the closed-form basin predicate; a flow that did not converge decides nothing
        obs.AssumeAll("integrated.flows-converged", starts.Select(s => (s.Describe(), s.Converged)))
            .ExpectAll("integrated.ends-agree-with-predicate", starts.Select(s => (s.Describe(), !s.Converged || s.EndsAsPredicted)))
            .Measure("integrated.unconverged", starts.Count(s => !s.Converged));
        if (construction == Construction.Faithful)
        {
            var (figure, table) = InitialisationFigures.BigramFractionVsSigma(settings.Chains, settings.SmallSigmas,
                arms.Select(a => SmallInitialisation.BigramFraction(a.Starts)).ToList(), settings.CurveSigmas, settings.Predicted, context.Rng);
            obs.Add(figure).Add(table);
        }
        return obs.Conclude($"small starts (σ ≤ {settings.SmallSigmas[^1]}, {settings.Integrated} each): ≥ {settings.MinBigramFractionBelowOne:P0} reach Γ* for p+q < 1, ≤ {settings.MaxBigramFractionAboveOne:P0} for p+q > 1; all {starts.Count} ends agree with the predicate");
    }
}
