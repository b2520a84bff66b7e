// Local to Global (arXiv 2406.03072), §4 and Figure 4 (spec local-to-global §4 and §5 rows 12–14): the full
// single-layer transformer, trained with the paper's AdamW recipe on the exact population loss, follows the canonical
// prediction: a standard (small) init learns the bigram when p+q < 1 and is stuck at the unigram when p+q > 1; the
// guideline init (W1, W2 of opposite sign, e⃗ aligned, p = −e⃗/2) learns the bigram when p+q > 1.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// The shared experiment of the two full-model training claims: model sizes and optimiser, seeds per chain, and how
/// close the final exact loss must come to the predicted level.
/// </summary>
/// <param name="LossTolerance">spec §5 rows 12–14: final exact loss within 0.02 nats of the predicted level, every seed</param>
public sealed record FullModelSettings(FullTrainingConfig Config, int Seeds, double LossTolerance = FullModelSettings.FinalLossTolerance)
{
    public const double FinalLossTolerance = 0.02;

    /// <summary>CI: N = 6, 400 iterations, 3 seeds; paper: N = 10, 1000 iterations, 5 seeds (the claims do not run at smoke).</summary>
    public static FullModelSettings For(Scale scale) => scale == Scale.Paper ? new(FullTrainingConfig.Paper, 5) : new(FullTrainingConfig.Ci, 3);

    public static Series Curve(string name, FullTrainingRun run, string group) =>
        new(name, run.Steps, run.Losses, SeriesStyle.Line, group);
}

/// <summary>
/// Standard N(0, 0.02²) init of the tied full model: ends within 0.02 of the entropy rate for (0.2, 0.3) (p+q &lt; 1) and
/// within 0.02 of H(π) for (0.9, 0.9) (p+q &gt; 1, the spec's row-12 chain), for every seed. Negative control: the untied
/// model (separate output head), whose unigram point is a saddle (Attention with Markov) — it escapes to the bigram.
/// Runs stop at the first seed that contradicts the statement.
/// </summary>
public sealed class StandardInitFollowsSwitchingSign : Claim<StandardInitFollowsSwitchingSign.Settings>
{
    /// <param name="Chains">decided: the first with p+q &gt; 1 (stays at H(π)), the second with p+q &lt; 1 (reaches H*)</param>
    /// <param name="Figure4">the chain of the paper's Figure 4, measured as an extra arm (not part of the decision)</param>
    public sealed record Settings(FullModelSettings Training, (double P, double Q)[] Chains, (double P, double Q) Figure4) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(FullModelSettings.For(scale), StandardInitFollowsSwitchingSign.Chains, StandardInitFollowsSwitchingSign.Figure4);
    }

    public static readonly (double P, double Q)[] Chains = [(0.9, 0.9), (0.2, 0.3)];

    /// <summary>The chain of the paper's Figure 4, measured as an extra arm (not part of the decision).</summary>
    public static readonly (double P, double Q) Figure4 = (0.5, 0.8);

    public override string Id => "LG.standard-init-full-model-follows-switching-sign";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§4 effect of initialisation, Figure 4 (spec §4, §5 rows 12 and 14)";
    public override string Statement =>
        "Trained from the standard small Gaussian init, the full tied single-layer transformer reaches the entropy rate when p+q < 1 and stays at the unigram loss H(π) when p+q > 1.";
    public override string NegativeControl => "the untied model (output head separate from the embedding) from the same init";
    public override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Ci, Scale.Paper];   // 6 training runs: beyond the smoke budget

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var config = settings.Training.Config;
        int seeds = settings.Training.Seeds, runs = 0;
        double tolerance = settings.Training.LossTolerance;
        bool tied = construction == Construction.Faithful;
        var obs = new Observations();
        var series = new List<Series>();
        foreach (var (p, q) in settings.Chains)
        {
            var m = new CanonicalModel(p, q);
            double target = p + q < 1 ? m.EntropyRate : m.UnigramEntropy;
            string key = $"p={p},q={q}";
            for (int s = 1; s <= seeds; s++)
            {
                var run = Train(p, q, config, FullInit.Standard, tied, context.DeriveSeed($"{key}.seed={s}"), context.Device.ToTorch());
                // p+q < 1: ends at the entropy rate H*; p+q > 1: stays at H(π)
                obs.Expect($"{key}.seed={s}.final-loss", run.FinalLoss, target, Tolerance.Absolute(tolerance));
                series.Add(FullModelSettings.Curve($"{key} seed {s}", run, key));
                context.Report(++runs / (double)(settings.Chains.Length * seeds));
                if (!obs.AllPassed) return obs.Conclude("");   // decided: the remaining runs cannot rescue it
            }
            obs.Measure($"{key}.entropy-rate", m.EntropyRate).Measure($"{key}.h-pi", m.UnigramEntropy);
        }
        string figure4 = "";
        if (tied)
        {
            // Figure 4's own chain (0.5, 0.8), gap H(π) − H* = 0.047: measured and reported, NOT decided — at our sizes
            // the full model escapes the unigram plateau there (see docs/papers/LG.md), unlike the paper's curves.
            var (p4, q4) = settings.Figure4;
            var m = new CanonicalModel(p4, q4);
            var finals = new List<double>();
            for (int s = 1; s <= seeds; s++)
            {
                var run = Train(p4, q4, config, FullInit.Standard, true, context.DeriveSeed($"figure4.seed={s}"), context.Device.ToTorch());
                obs.Measure($"figure4.p={p4},q={q4}.seed={s}.final-loss", run.FinalLoss);
                series.Add(FullModelSettings.Curve($"p={p4},q={q4} seed {s} (not decided)", run, "figure4"));
                finals.Add(run.FinalLoss);
            }
            figure4 = $"; not decided, Figure 4's chain ({p4}, {q4}): final losses {string.Join(", ", finals.Select(f => f.ToString("F4")))} (H* = {m.EntropyRate:F4}, H(π) = {m.UnigramEntropy:F4})";
            obs.Add(new Figure("lg-full-model-standard-init", "Full transformer, standard init: exact loss during AdamW training", "iteration", "loss (nats)", series));
        }
        return obs.Conclude($"all {runs} runs end within {tolerance} of the prediction: bigram for p+q < 1, unigram for p+q > 1{figure4}");
    }

    internal static FullTrainingRun Train(double p, double q, FullTrainingConfig c, FullInit init, bool tied, long seed, TorchSharp.torch.Device? device = null)
    {
        try
        {
            return FullModelTraining.Train(p, q, c, init, tied, seed, device: device);
        }
        catch (InvalidOperationException e)
        {
            throw new ClaimInconclusiveException(e.Message);
        }
    }
}
