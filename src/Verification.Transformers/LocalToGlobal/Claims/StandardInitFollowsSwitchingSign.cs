// Local to Global (arXiv 2406.03072), §4 and Figure 4 (spec local-to-global §4 and §5 rows 12 and 14): the full
// single-layer transformer, trained with the paper's AdamW recipe on the exact population loss, follows the canonical
// prediction: a standard (small) init learns the bigram when p+q < 1 and is stuck at the unigram when p+q > 1.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// Standard N(0, 0.02²) init of the tied full model: ends within 0.02 of the entropy rate for (0.2, 0.3) (p+q &lt; 1) and
/// within 0.02 of H(π) for (0.9, 0.9) (p+q &gt; 1, the spec's row-12 chain), for every seed. Negative control: the untied
/// model (separate output head), whose unigram point is a saddle (Attention with Markov) — it escapes to the bigram.
/// Runs stop at the first seed that contradicts the statement (<see cref="Observations.StopOnceRefuted"/>).
/// </summary>
public sealed class StandardInitFollowsSwitchingSign : Claim<StandardInitFollowsSwitchingSign.Settings>
{
    /// <param name="Chains">decided: the first with p+q &gt; 1 (stays at H(π)), the second with p+q &lt; 1 (reaches H*)</param>
    /// <param name="Figure4">the chain of the paper's Figure 4, measured as an extra arm (not part of the decision)</param>
    public sealed record Settings(FullModelSettings Training, (double P, double Q)[] Chains, (double P, double Q) Figure4) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(FullModelSettings.For(scale), [(0.9, 0.9), (0.2, 0.3)], (0.5, 0.8));
    }

    public override string Id => "LG.standard-init-full-model-follows-switching-sign";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§4 effect of initialisation, Figure 4 (spec §4, §5 rows 12 and 14)";
    public override string Statement =>
        "Trained from the standard small Gaussian init, the full tied single-layer transformer reaches the entropy rate when p+q < 1 and stays at the unigram loss H(π) when p+q > 1.";
    public override string NegativeControl => "the untied model (output head separate from the embedding) from the same init";
    public override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Ci, Scale.Paper];   // 6 training runs: beyond the smoke budget

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        bool tied = construction == Construction.Faithful;
        var obs = new Observations();
        var curves = new List<Series>();
        string figure4 = "";
        string Holds() => $"all {settings.Chains.Length * settings.Training.Seeds} runs end within {settings.Training.LossTolerance} of the prediction: bigram for p+q < 1, unigram for p+q > 1{figure4}";
        foreach (var (p, q) in settings.Chains)
        {
            var m = new CanonicalModel(p, q);
            string key = $"p={p},q={q}";
            foreach (var (s, run) in FullModelExperiment.Runs(context, settings.Training, p, q, FullInit.Standard, tied, key))
            {
                // p+q < 1: ends at the entropy rate H*; p+q > 1: stays at H(π)
                obs.Expect($"{key}.seed={s}.final-loss", run.FinalLoss, p + q < 1 ? m.EntropyRate : m.UnigramEntropy, Tolerance.Absolute(settings.Training.LossTolerance));
                curves.Add(InitialisationFigures.Curve($"{key} seed {s}", run, key));
                context.Report(curves.Count / (double)(settings.Chains.Length * settings.Training.Seeds));
                if (obs.StopOnceRefuted("the remaining seeds and chains")) return obs.Conclude(Holds);
            }
            obs.Measure($"{key}.entropy-rate", m.EntropyRate).Measure($"{key}.h-pi", m.UnigramEntropy);
        }
        if (tied)
        {
            // Figure 4's own chain (0.5, 0.8), gap H(π) − H* = 0.047: measured and reported, NOT decided — at our sizes
            // the full model escapes the unigram plateau there (see docs/papers/LG.md), unlike the paper's curves.
            var (p4, q4) = settings.Figure4;
            var m4 = new CanonicalModel(p4, q4);
            var finals = new List<double>();
            foreach (var (s, run) in FullModelExperiment.Runs(context, settings.Training, p4, q4, FullInit.Standard, tied: true, "figure4"))
            {
                obs.Measure($"figure4.p={p4},q={q4}.seed={s}.final-loss", run.FinalLoss);
                curves.Add(InitialisationFigures.Curve($"p={p4},q={q4} seed {s} (not decided)", run, "figure4"));
                finals.Add(run.FinalLoss);
            }
            figure4 = $"; not decided, Figure 4's chain ({p4}, {q4}): final losses {string.Join(", ", finals.Select(f => f.ToString("F4")))} (H* = {m4.EntropyRate:F4}, H(π) = {m4.UnigramEntropy:F4})";
            obs.Add(InitialisationFigures.StandardInit(curves));
        }
        return obs.Conclude(Holds);
    }
}
