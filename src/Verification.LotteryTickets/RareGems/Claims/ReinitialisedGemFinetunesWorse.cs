// Rare Gems (arXiv 2202.12002), §4.1 sanity check 2 (Frankle et al. 2021) and Table 2: the gem's mask on re-drawn
// weights, fine-tuned, is worse than the gem fine-tuned from its own init (ResNet-20 at 3.72%: 83.4% → 78.6%).
using Verification.Core.Claims;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>
/// At every density ≤ 2% of the experiment, the gem's flags q fine-tuned from their own init weights beat the same q
/// fine-tuned from freshly drawn signed-constant weights (the paper's "original distribution"; the code draws Kaiming
/// normal) by at least 1 point, mean over paired seeds, with the same budget and batch order. Denser ones are measured.
/// Negative control: the tie severed — the gem's mask on unrelated signed-constant weights in place of its own init, so
/// that both sides hold weights the mask was not mined on. (Freezing the largest scores, the other RG claims' control,
/// is not refuted here: its mask fine-tunes 2.4 points better from its own init than from re-drawn weights at CI.)
/// </summary>
public sealed class ReinitialisedGemFinetunesWorse(GemExperiments experiments) : GemClaim<ReinitialisedGemFinetunesWorse.Settings>(experiments)
{
    /// <param name="Margin">gem − re-initialised gem after fine-tuning, mean over paired seeds, at least (fixed before any run: the paper's drop is 4.8 points in Table 2 and 3–10 in Figs. 3–4; 1 point is about two standard errors of a 3-seed mean here)</param>
    /// <param name="MaxDensity">decided at every density up to this (the sparse regime of Figs. 3–4); denser ones are measured</param>
    public sealed record Settings(RareGemsSettings Experiment, double Margin = 0.01, double MaxDensity = 0.02) : IClaimSettings<Settings>, IGemSettings
    {
        public static Settings For(Scale scale) => new(RareGemsSettings.For(scale));
    }

    public override string Id => "RG.reinitialised-gem-finetunes-worse";
    public override string Section => "§4.1 sanity checks (re-initialisation), Table 2";
    public override string Statement =>
        "At every density ≤ 2%, the gem's mask fine-tuned from its own init weights beats the same mask fine-tuned from freshly " +
        "drawn signed-constant weights by at least 1 point of MNIST test accuracy (mean over paired seeds).";
    public override string NegativeControl =>
        "The gem's mask on unrelated signed-constant weights in place of its own init weights: no side of the comparison holds the weights it was mined on";

    /// <summary>
    /// Refuted at paper scale (runs t-11e1fd4 and u-34c04aa, the same numbers: +0.73 and +0.42 points at 2% and 1%, under
    /// the 1-point margin; +1.10 and +1.05 at 1.4% and 0.5%); holds at CI (+1.12 points at 2%).
    /// </summary>
    public override Verdict RecordedAt(Scale scale) => scale == Scale.Paper ? Verdict.Refuted : Recorded;

    public override string ControlAt(Scale scale) => RecordedAt(scale) == Verdict.Refuted
        ? "positive control: the re-drawn side scored at init, without fine-tuning (a re-initialisation worse by construction), so the same 1-point check must hold"
        : NegativeControl;

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var (experiment, densities, seeds) = (Experiment(context, settings), settings.Experiment.Densities, settings.Experiment.Seeds);
        var results = densities.Select((s, j) => new GemVersusReferencesAtDensity(s, [.. Enumerable.Range(0, seeds).Select(i =>
        {
            context.Report((j * seeds + i) / (double)(densities.Count * seeds));
            bool control = construction == Construction.Sabotaged, positive = IsPositiveControl(construction, context.Scale);
            return FineTunedComparison.FineTunedPair(context, experiment, FreezeRule.SmallestScores, s, i, severTie: control && !positive,
                reinitialisedNotFineTuned: positive);
        })])).ToList();
        var obs = new Observations();
        foreach (var r in results)
        {
            using var group = obs.Case($"s={r.Density}");
            obs.Measure("gem.finetuned-acc-mean", r.Seeds.Average(x => x.Gem)).Measure("reinit.finetuned-acc-mean", r.Seeds.Average(x => x.ReinitialisedGem));
            foreach (var (i, x) in r.Seeds.Index()) obs.Measure($"seed{i}.gem-minus-reinit", x.Gem - x.ReinitialisedGem);
            // §4.1 / Table 2: re-drawing the weights under the same mask costs accuracy after fine-tuning
            if (r.Density <= settings.MaxDensity) obs.ExpectAtLeast("gem-minus-reinit-mean", r.MeanGemMinusReinitialised, settings.Margin);
            else obs.Measure("gem-minus-reinit-mean", r.MeanGemMinusReinitialised);
        }
        return obs.Conclude(() => $"gem minus re-drawn weights under its mask, mean over seeds ({string.Join("; ", results.Where(r => r.Density <= settings.MaxDensity)
            .Select(r => $"{GemLabels.PercentText(r.Density)}: {100 * r.MeanGemMinusReinitialised:+0.0;-0.0} pts"))})");
    }
}
