// Rare Gems (arXiv 2202.12002), §4 Figs. 3–4, 6–7 and §4.1 at small scale (spec §5): the figures and tables of the
// MNIST gem claims, built from what their experiments returned.
using Verification.Core.Claims;
using static Verification.LotteryTickets.RareGems.Claims.GemLabels;

namespace Verification.LotteryTickets.RareGems.Claims;

public static class GemFigures
{
    /// <summary>λ chosen for one density and the rule's calibration runs (largest λ first): gem density and validation accuracy.</summary>
    public static void MeasureLambda(Observations obs, string at, LambdaChoice choice)
    {
        foreach (var t in choice.Trials)
            obs.Measure($"{at}.calibration.lambda={GemLabels.Lambda(t.Lambda)}.gem-density", t.GemDensity)
                .Measure($"{at}.calibration.lambda={GemLabels.Lambda(t.Lambda)}.validation-acc", t.ValidationAccuracy);
        obs.Measure($"{at}.lambda", choice.Lambda);
    }

    /// <summary>RG.gem-accurate-at-init: every method's test accuracy before any weight training against density.</summary>
    public static Figure AccuracyAtInit(IReadOnlyList<double> densities, IReadOnlyList<GemAtInit> results)
    {
        var x = densities.Select(d => 100 * d).ToArray();
        return new Figure("rg-accuracy-at-init", "Test accuracy before any weight training vs density", "target density (%)", "test accuracy (%)",
            [.. results[0].Accuracy.Select(a => new Series(a.Method, x, results.Select(r => 100 * r[a.Method]).ToList(), SeriesStyle.LineWithMarkers))],
            LogX: true, XTicks: x,
            Caption: "Before any weight training the gem is already accurate at every density, far above random and SNIP masks at the same density.");
    }

    /// <summary>RG.gem-accurate-at-init: per-layer density of the gem, its flags q, IMP and Smart Ratio (Fig. 7).</summary>
    public static Figure LayerDensity(RareGemsSettings settings, IReadOnlyList<double> densities, IReadOnlyList<GemAtInit> results)
    {
        double[] layers = [.. Enumerable.Range(1, results[0].Gem.LayerDensityGem.Count).Select(l => (double)l)];
        string imp = settings.Imp is ImpConfig ? "light IMP" : "IMP with warm-up";
        // One panel per density (four series each) once there are several: twenty series would not fit one legend.
        string? Panel(double s) => densities.Count > 1 ? $"density {Percent(s)}%" : null;
        return new Figure("rg-layer-density", $"Per-layer density of the gem (before fine-tuning), its flags q, {imp} and Smart Ratio",
            "layer (1 = 784→300, 3 = classifier)", "density (%)",
            [.. densities.Zip(results).SelectMany(p => new[]
            {
                new Series($"gem r(p)⊙q, s={Percent(p.First)}%", layers, p.Second.Gem.LayerDensityGem.Select(d => 100 * d).ToArray(), SeriesStyle.LineWithMarkers, Panel: Panel(p.First)),
                new Series($"flags q, s={Percent(p.First)}%", layers, p.Second.Gem.LayerDensityFlags.Select(d => 100 * d).ToArray(), SeriesStyle.Dashed, Panel: Panel(p.First)),
                new Series($"IMP ({settings.Imp.Describe()}), s={Percent(p.First)}%", layers, p.Second.ImpLayerDensity.Select(d => 100 * d).ToArray(), SeriesStyle.LineWithMarkers, Panel: Panel(p.First)),
                new Series($"Smart Ratio, s={Percent(p.First)}%", layers,
                    Baselines.SmartRatios(settings.Widths, p.First).Select(d => 100 * d).ToArray(), SeriesStyle.Markers, Panel: Panel(p.First)),
            })], XTicks: layers,
            Caption: "How the gem spreads its weights over the layers, beside IMP's and Smart Ratio's: the classifier layer keeps the largest share.");
    }

    /// <summary>RG.mask-tied-to-weights: the gem, re-initialised and shuffled, at every density.</summary>
    public static Figure SanityAtInit(IReadOnlyList<double> densities, IReadOnlyList<GemSanity> results) =>
        new("rg-sanity-at-init", "Sanity checks before fine-tuning: the gem, the gem's mask on re-initialised weights, its weights shuffled within layers", "variant", "test accuracy (%)",
            [.. densities.Zip(results, (s, r) => new Series($"s={Percent(s)}%", [0, 1, 2], [100 * r.Gem, 100 * r.Reinitialised, 100 * r.Shuffled], SeriesStyle.Markers))],
            XTicks: [0, 1, 2], XTickLabels: ["gem", "re-initialised weights", "shuffled in layer"],
            Caption: "At every density the gem is accurate and drops to chance once its weights are re-drawn or shuffled within layers: the mask is tied to the weights.");

    /// <summary>RG.finetuned-gem-beats-random: accuracy before and after fine-tuning, against density and by method, and their table.</summary>
    public static void AddFineTuned(Observations obs, IReadOnlyList<string> methods, IReadOnlyList<FineTunedAtDensity> results, int seeds)
    {
        double[] Mean(Func<FineTunedAtDensity, List<double>> pick) => [.. results.Select(r => 100 * pick(r).Average())];
        double[] Sd(Func<FineTunedAtDensity, List<double>> pick) => [.. results.Select(r => 100 * FineTunedAtDensity.Sd(pick(r)))];
        var after = methods.ToDictionary(m => m, m => Mean(r => r.FineTuned(m)));
        var afterSd = methods.ToDictionary(m => m, m => Sd(r => r.FineTuned(m)));
        var before = methods.ToDictionary(m => m, m => Mean(r => r.AtInit(m)));
        var beforeSd = methods.ToDictionary(m => m, m => Sd(r => r.AtInit(m)));
        var x = results.Select(r => 100 * r.Density).ToArray();
        obs.Add(AccuracyVsDensity(methods, x, after, before, seeds));
        obs.Add(AccuracyByMethod(methods, x, after, afterSd, before, beforeSd, seeds));
        obs.Add(new DataTable("rg-finetuned",
            ["density_pct", .. methods.SelectMany(m => new[] { $"{m} after mean", $"{m} after sd", $"{m} before mean", $"{m} before sd" })],
            [.. results.Select((r, j) => (IReadOnlyList<double>)[100 * r.Density,
                .. methods.SelectMany(m => new[] { after[m][j], afterSd[m][j], before[m][j], beforeSd[m][j] })])]));
    }

    /// <summary>
    /// Accuracy before (dashed) and after (solid) fine-tuning against density (in %), one panel per method once there are
    /// several densities: nine methods' eighteen curves do not fit one plot. <paramref name="after"/>, <paramref name="before"/>:
    /// per method, the mean over seeds at each density of <paramref name="density"/>.
    /// </summary>
    public static Figure AccuracyVsDensity(IReadOnlyList<string> methods, IReadOnlyList<double> density,
        IReadOnlyDictionary<string, double[]> after, IReadOnlyDictionary<string, double[]> before, int seeds)
    {
        bool panels = density.Count > 1;
        return new Figure("rg-accuracy-vs-density",
            $"Test accuracy before (dashed) and after (solid) fine-tuning vs density, mean over {seeds} seeds", "target density (%)", "test accuracy (%)",
            [.. methods.SelectMany(m => new[]
            {
                new Series($"{m} after", density, after[m], SeriesStyle.LineWithMarkers, m, panels ? m : null),
                new Series($"{m} before", density, before[m], SeriesStyle.Dashed, m, panels ? m : null),
            })], LogX: true, XTicks: density,
            Caption: "The gem (GEM-MINER) is accurate before fine-tuning (dashed at the top), unlike every pruning-at-init method; after fine-tuning (solid) it stays above uniform random at the lowest densities.");
    }

    /// <summary>The same numbers by method with their spread (mean and mean ± sd over seeds), after and before fine-tuning in two panels.</summary>
    public static Figure AccuracyByMethod(IReadOnlyList<string> methods, IReadOnlyList<double> density,
        IReadOnlyDictionary<string, double[]> after, IReadOnlyDictionary<string, double[]> afterSd,
        IReadOnlyDictionary<string, double[]> before, IReadOnlyDictionary<string, double[]> beforeSd, int seeds)
    {
        // Uniform random (far below the others) last, so that a legend finds room beside it.
        string[] order = [.. methods.Where(m => m != "uniform random"), "uniform random"];
        double[] index = [.. Enumerable.Range(0, order.Length).Select(i => (double)i)];
        IEnumerable<Series> Of(string when, IReadOnlyDictionary<string, double[]> mean, IReadOnlyDictionary<string, double[]> sd) =>
            density.SelectMany((d, j) => new[]
            {
                new Series($"{when} fine-tuning, s={Significant(d)}%", index, order.Select(m => mean[m][j]).ToArray(), SeriesStyle.Markers, $"s={Significant(d)}%", $"{when} fine-tuning"),
                new Series($"{when} ± sd, s={Significant(d)}%", [.. index, .. index],
                    [.. order.Select(m => mean[m][j] - sd[m][j]), .. order.Select(m => mean[m][j] + sd[m][j])], SeriesStyle.Markers, $"s={Significant(d)}%", $"{when} fine-tuning"),
            });
        return new Figure("rg-accuracy-by-method", $"Test accuracy before and after fine-tuning by method, mean ± sd over {seeds} seeds",
            "method", "test accuracy (%)",
            [.. Of("after", after, afterSd), .. Of("before", before, beforeSd)], XTicks: index, XTickLabels: [.. order.Select(Short)],
            Caption: "Each method's mean accuracy with its seed spread (mean ± sd markers of the same colour), one colour per density: GEM is the gem.");
    }

    private static string Significant(double percent) => Verification.Core.Reporting.Significant.Text(percent);
}
