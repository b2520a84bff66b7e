// Local to Global (arXiv 2406.03072), §3–4 and Figure 4 (spec local-to-global §4): the figures of the initialisation
// claims — the fraction of small Gaussian starts that learn the bigram, the full transformer's training curves from the
// standard and the guideline init, and the plateau escape times of the simplified vs the code model.
using Verification.Core.Claims;
using Verification.Core.Seeding;
using Verification.Transformers.AttentionWithMarkov;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>The figures of the initialisation claims (drawing only: nothing here decides a verdict).</summary>
public static class InitialisationFigures
{
    /// <summary>
    /// The fraction of starts N(0, σ²I) that reach Γ*: the integrated fractions at the small σ (<paramref name="integrated"/>,
    /// chain-major) and, over <paramref name="curveSigmas"/>, the closed-form predicate on <paramref name="predicted"/>
    /// starts per σ, drawn from the stream <c>p=…,q=….curve.sigma=…</c> of <paramref name="rng"/>; with the predicate's table.
    /// </summary>
    public static (Figure Figure, DataTable Table) BigramFractionVsSigma((double P, double Q)[] chains, double[] smallSigmas,
        IReadOnlyList<double> integrated, double[] curveSigmas, int predicted, Func<string, Rng> rng)
    {
        var curves = new List<Series>();
        var rows = new List<IReadOnlyList<double>>();
        for (int k = 0; k < chains.Length; k++)
        {
            var (p, q) = chains[k];
            string key = $"p={p},q={q}";
            curves.Add(new Series($"{key}, integrated", smallSigmas, integrated.Skip(k * smallSigmas.Length).Take(smallSigmas.Length).ToArray(), SeriesStyle.Markers, key));
            // exact for the faithful (tied) flow, as the grid claims check
            var fractions = curveSigmas.Select(sigma => SmallInitialisation.PredictedBigramFraction(p + q, sigma, predicted, rng($"{key}.curve.sigma={sigma}"))).ToArray();
            curves.Add(new Series($"{key}, predicate", curveSigmas, fractions, SeriesStyle.Line, key));
            for (int s = 0; s < curveSigmas.Length; s++) rows.Add([p, q, curveSigmas[s], fractions[s]]);
        }
        return (new Figure("lg-bigram-fraction-vs-sigma", "Fraction of Gaussian starts N(0, σ²I) that learn the bigram (reach Γ*)",
                "init scale σ", "fraction reaching Γ*", curves, LogX: true,
                Caption: "At small σ nearly every start learns the bigram when p + q < 1 and almost none when p + q > 1; the integrated points sit on the predicate's curve."),
            new DataTable("lg-bigram-fraction-vs-sigma-table", ["p", "q", "sigma", "bigram fraction (predicate)"], rows));
    }

    /// <summary>A full-model run's exact loss curve.</summary>
    public static Series Curve(string name, FullTrainingRun run, string group) => new(name, run.Steps, run.Losses, SeriesStyle.Line, group);

    /// <summary>Figure 4's standard-init panel: every run's exact loss during AdamW training.</summary>
    public static Figure StandardInit(IReadOnlyList<Series> curves) =>
        new("lg-full-model-standard-init", "Full transformer, standard init: exact loss during AdamW training", "iteration", "loss (nats)", curves,
            Caption: "Runs on chains with p + q < 1 fall to their entropy rate; runs with p + q > 1 stay at H(π), as the switching sign predicts.");

    /// <summary>Figure 4 on one chain: guideline and standard runs with the H* and H(π) lines over [0, <paramref name="iterations"/>].</summary>
    public static Figure GuidelineVsStandard(CanonicalModel m, IReadOnlyList<Series> curves, int iterations)
    {
        double last = iterations;
        var series = curves.Append(new Series("H* (bigram)", [0, last], [m.EntropyRate, m.EntropyRate], SeriesStyle.Reference, "H*"))
            .Append(new Series("H(π) (unigram)", [0, last], [m.UnigramEntropy, m.UnigramEntropy], SeriesStyle.Reference, "H(π)")).ToList();
        return new Figure("lg-full-model-guideline-vs-standard", $"Full transformer, (p, q) = ({m.P}, {m.Q}): guideline vs standard init",
            "iteration", "exact loss (nats)", series,
            Caption: "Guideline-init runs reach H* (the bigram, labelled); standard-init runs linger near H(π) (the unigram, labelled) first.");
    }

    /// <summary>The escape-time figures on (p, q): runs still on the plateau, and each run's test loss until its escape.</summary>
    public static IEnumerable<Figure> Plateau(double p, double q, EscapeSample code, EscapeSample simple, IEnumerable<Series> curves, int horizon)
    {
        yield return new Figure("lg-plateau-survival", $"Runs on ({p}, {q}) still on the plateau: simplified vs code model",
            "iteration", "fraction of runs not escaped", [code.Survival(), simple.Survival()],
            Caption: "The simplified model's curve should lie above the code model's: its runs stay on the plateau longer.");
        yield return new Figure("lg-plateau-escape-curves", $"Test loss until each run's escape, ({p}, {q})",
            "iteration", "test loss (nats)", curves.Concat(TrainingSweep.ReferenceLines(p, q, horizon)).ToList(),
            Caption: "Each run sits on H(π), then drops to the entropy rate (both labelled) at its escape; the simplified model's runs escape later.");
    }
}
