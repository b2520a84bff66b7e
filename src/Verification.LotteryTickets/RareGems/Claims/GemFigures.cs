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
            LogX: true);
    }

    /// <summary>RG.gem-accurate-at-init: per-layer density of the gem, its flags q, IMP and Smart Ratio (Fig. 7).</summary>
    public static Figure LayerDensity(RareGemsSettings settings, IReadOnlyList<double> densities, IReadOnlyList<GemAtInit> results)
    {
        double[] layers = [.. Enumerable.Range(1, results[0].Gem.LayerDensityGem.Count).Select(l => (double)l)];
        string imp = settings.Imp is ImpConfig ? "light IMP" : "IMP with warm-up";
        return new Figure("rg-layer-density", $"Per-layer density of the gem (before fine-tuning), its flags q, {imp} and Smart Ratio",
            "layer (1 = 784→300, 3 = classifier)", "density (%)",
            [.. densities.Zip(results).SelectMany(p => new[]
            {
                new Series($"gem r(p)⊙q, s={Percent(p.First)}%", layers, p.Second.Gem.LayerDensityGem.Select(d => 100 * d).ToArray(), SeriesStyle.LineWithMarkers),
                new Series($"flags q, s={Percent(p.First)}%", layers, p.Second.Gem.LayerDensityFlags.Select(d => 100 * d).ToArray(), SeriesStyle.Dashed),
                new Series($"IMP ({settings.Imp.Describe()}), s={Percent(p.First)}%", layers, p.Second.ImpLayerDensity.Select(d => 100 * d).ToArray(), SeriesStyle.LineWithMarkers),
                new Series($"Smart Ratio, s={Percent(p.First)}%", layers,
                    Baselines.SmartRatios(settings.Widths, p.First).Select(d => 100 * d).ToArray(), SeriesStyle.Markers),
            })]);
    }

    /// <summary>RG.mask-tied-to-weights: the gem, re-initialised and shuffled, at every density.</summary>
    public static Figure SanityAtInit(IReadOnlyList<double> densities, IReadOnlyList<GemSanity> results) =>
        new("rg-sanity-at-init", "Sanity checks before fine-tuning (0 = gem, 1 = re-initialised weights, 2 = shuffled in layer)", "variant", "test accuracy (%)",
            [.. densities.Zip(results, (s, r) => new Series($"s={Percent(s)}%", [0, 1, 2], [100 * r.Gem, 100 * r.Reinitialised, 100 * r.Shuffled], SeriesStyle.Markers))]);

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
        obs.Add(new Figure("rg-accuracy-vs-density",
            $"Test accuracy before (dashed) and after (solid) fine-tuning vs density, mean over {seeds} seeds", "target density (%)", "test accuracy (%)",
            [.. methods.SelectMany(m => new[]
            {
                new Series($"{m} after", x, after[m], SeriesStyle.LineWithMarkers, m),
                new Series($"{m} before", x, before[m], SeriesStyle.Dashed, m),
            })], LogX: true));
        // The same numbers by method with their spread: mean and mean ± sd over seeds (three markers in one colour).
        // Uniform random (far below the others) last, so the legend in the upper right hides no point.
        string[] order = [.. methods.Where(m => m != "uniform random"), "uniform random"];
        double[] index = [.. Enumerable.Range(0, order.Length).Select(i => (double)i)];
        obs.Add(new Figure("rg-accuracy-by-method",
            $"Test accuracy before and after fine-tuning by method, mean ± sd over {seeds} seeds",
            $"method ({string.Join(", ", order.Select((m, i) => $"{i} {Short(m)}"))})", "test accuracy (%)",
            [.. results.SelectMany((r, j) => new[]
            {
                new Series($"after fine-tuning, s={Percent(r.Density)}%", index, order.Select(m => after[m][j]).ToArray(), SeriesStyle.Markers, $"after{j}"),
                new Series($"after ± sd, s={Percent(r.Density)}%", [.. index, .. index],
                    [.. order.Select(m => after[m][j] - afterSd[m][j]), .. order.Select(m => after[m][j] + afterSd[m][j])], SeriesStyle.Markers, $"after{j}"),
                new Series($"before fine-tuning, s={Percent(r.Density)}%", index, order.Select(m => before[m][j]).ToArray(), SeriesStyle.Markers, $"before{j}"),
                new Series($"before ± sd, s={Percent(r.Density)}%", [.. index, .. index],
                    [.. order.Select(m => before[m][j] - beforeSd[m][j]), .. order.Select(m => before[m][j] + beforeSd[m][j])], SeriesStyle.Markers, $"before{j}"),
            })]));
        obs.Add(new DataTable("rg-finetuned",
            ["density_pct", .. methods.SelectMany(m => new[] { $"{m} after mean", $"{m} after sd", $"{m} before mean", $"{m} before sd" })],
            [.. results.Select((r, j) => (IReadOnlyList<double>)[100 * r.Density,
                .. methods.SelectMany(m => new[] { after[m][j], afterSd[m][j], before[m][j], beforeSd[m][j] })])]));
    }
}
