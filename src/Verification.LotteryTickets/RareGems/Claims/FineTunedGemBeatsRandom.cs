// Rare Gems (arXiv 2202.12002), §4 Figs. 3–4 (post-finetune accuracy vs sparse baselines) and §4.1, spec §5 claim 4:
// after fine-tuning from the init weights, the gem at ≤ 2% density beats a uniform random mask of the same density.
using Verification.Core.Runtime;
using Verification.Core.Claims;
using Verification.Core.Numerics;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>
/// After fine-tuning with the same budget and paired seeds, GEM-MINER's mask at ≤ 2% density beats a uniform random
/// mask by at least 1 point (mean over seeds), and no gem has a collapsed layer (no weight left there before unflag:
/// it fails its seed instead of being silently unflagged, spec pitfall 8). The gap to the layer-shuffled gem, Smart
/// Ratio, SNIP, SynFlow, GraSP, edge-popup and IMP (light IMP at CI, IMP with warm-up at paper scale) is reported, not
/// decided on. Densities of the experiment above <see cref="Settings.MaxDensity"/> (5% at paper scale, where the spec
/// expects ties) are run and measured with the same comparators and seeds, not decided.
/// Negative control: a gem mined by freezing the largest scores, which collapses.
/// </summary>
public sealed class FineTunedGemBeatsRandom(GemExperiments experiments) : GemClaim<FineTunedGemBeatsRandom.Settings>(experiments)
{
    /// <param name="Margin">gem − uniform random after fine-tuning, mean over paired seeds (at least; 0.01 = 1 point)</param>
    /// <param name="MaxDensity">decided at every density of the experiment up to this; densities above it are run and measured</param>
    public sealed record Settings(RareGemsSettings Experiment, double Margin = FineTunedGemBeatsRandom.Margin, double MaxDensity = 0.02)
        : IClaimSettings<Settings>, IGemSettings
    {
        public static Settings For(Scale scale) => new(RareGemsSettings.For(scale));

        /// <summary>The densities of the experiment that are decided (the others are measured).</summary>
        public double[] DecidedDensities() => [.. Experiment.Densities.Where(d => d <= MaxDensity)];

        /// <summary>Comparators with the same init weights, fine-tuning budget and seeds, measured but not deciding (added after the threshold was fixed).</summary>
        public IReadOnlyList<string> MeasuredOnly => FineTunedGemBeatsRandom.Measured;

        public string FineTunedMask => "the gem's flags q (unflag); a seed whose gem r(p)⊙q keeps no weight in some layer fails (detected and reported, not unflagged away)";
    }

    public const double Margin = 0.01;

    /// <summary>Comparators measured with the same fine-tuning budget and seeds but not part of the criterion (added in round 2).</summary>
    public static readonly string[] Measured = ["SynFlow", "GraSP", "edge-popup", "IMP", "shuffled SNIP"];

    public override string Id => "RG.finetuned-gem-beats-random";
    public override string Section => "§4, Figs. 3–4 (after fine-tuning) and §4.1; spec §5 claim 4";
    public override string Statement =>
        "After fine-tuning from the init weights with the same budget and paired seeds, GEM-MINER's mask at ≤ 2% density " +
        "beats a uniform random mask of the same density by at least 1 point of MNIST test accuracy (mean over seeds), " +
        "with no collapsed layer in any seed.";
    public override string NegativeControl =>
        "GEM-MINER whose iterative freezing removes the largest scores (the code's inverted sanity check): its gem r(p)⊙q " +
        "collapses, which only unflag (fine-tuning q) would hide.";

    /// <summary>Sub-units: one per density of the experiment and seed (issue #14 item 5; decided or measured).</summary>
    public override int SubUnits(Scale scale)
    {
        var settings = Settings.For(scale);
        return settings.Experiment.Densities.Count * settings.Experiment.Seeds;
    }

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        TorchRuntime.Initialize();
        var experiment = Experiment(context, settings);
        int seeds = settings.Experiment.Seeds;
        var rule = Rule(construction);
        var (train, _, _) = experiment.Data();
        var obs = new Observations();
        var densities = settings.Experiment.Densities;
        string[] methods = ["GEM-MINER", "uniform random", "shuffled gem", "Smart Ratio", "SNIP", .. Measured];
        var before = methods.ToDictionary(m => m, _ => new List<double>());
        var after = methods.ToDictionary(m => m, _ => new List<double>());
        var afterSd = methods.ToDictionary(m => m, _ => new List<double>());
        var beforeSd = methods.ToDictionary(m => m, _ => new List<double>());
        int total = densities.Count * seeds, done = 0;
        foreach (var s in densities)
        {
            var pre = methods.ToDictionary(m => m, _ => new List<double>());
            var post = methods.ToDictionary(m => m, _ => new List<double>());
            for (int i = 0; i < seeds; i++)
            {
                // One sub-unit per (density, seed) (issue #14 item 5): [collapsed layers, gem density, collapsed-layer bits,
                // accuracy at init per method, fine-tuned accuracy per method].
                var cell = context.SubUnit($"s={s}.seed={i}", 3 + 2 * methods.Length, () => Cell(context, experiment, rule, train, methods, s, i, done, total));
                obs.Measure($"s={s}.seed{i}.collapsed-layers", cell[0]);
                obs.Measure($"s={s}.seed{i}.gem-density", cell[1]);
                var collapsed = Enumerable.Range(0, 31).Where(l => ((long)cell[2] & (1L << l)) != 0);
                // spec pitfall 8: a collapsed layer fails its seed instead of being unflagged away
                obs.Expect($"s={s}.seed{i}.no-layer-collapse", cell[0] == 0,
                    $"collapsed layers [{string.Join(",", collapsed)}], gem density {cell[1]:P2}");
                for (int k = 0; k < methods.Length; k++)
                {
                    pre[methods[k]].Add(cell[3 + k]);
                    post[methods[k]].Add(cell[3 + methods.Length + k]);
                }
                obs.Measure($"s={s}.seed{i}.gem-minus-random", post["GEM-MINER"][i] - post["uniform random"][i]);
                done++;
                context.Report((double)done / total);
            }
            foreach (var m in methods)
            {
                before[m].Add(100 * pre[m].Average());
                after[m].Add(100 * post[m].Average());
                afterSd[m].Add(100 * Sd(post[m]));
                beforeSd[m].Add(100 * Sd(pre[m]));
                obs.Measure($"s={s}.{GemAccurateAtInit.Key(m)}.finetuned-acc-mean", post[m].Average());
                obs.Measure($"s={s}.{GemAccurateAtInit.Key(m)}.finetuned-acc-sd", Sd(post[m]));
                obs.Measure($"s={s}.{GemAccurateAtInit.Key(m)}.acc-at-init-mean", pre[m].Average());
            }
            double gap = post["GEM-MINER"].Zip(post["uniform random"], (a, b) => a - b).Average();
            // spec §5 claim 4: mean over paired seeds of (gem − uniform random) ≥ Margin, at s ≤ MaxDensity; measured above
            if (s <= settings.MaxDensity) obs.ExpectAtLeast($"s={s}.gem-minus-random-mean", gap, settings.Margin);
            else obs.Measure($"s={s}.gem-minus-random-mean", gap);
            obs.Measure($"s={s}.gem-minus-shuffled-mean", post["GEM-MINER"].Zip(post["shuffled gem"], (a, b) => a - b).Average());
            obs.Measure($"s={s}.snip-minus-shuffled-snip-mean", post["SNIP"].Zip(post["shuffled SNIP"], (a, b) => a - b).Average());
        }
        var x = densities.Select(d => 100 * d).ToArray();
        obs.Add(new Figure("rg-accuracy-vs-density",
            $"Test accuracy before (dashed) and after (solid) fine-tuning vs density, mean over {seeds} seeds",
            "target density (%)", "test accuracy (%)",
            methods.SelectMany(m => new[]
            {
                new Series($"{m} after", x, after[m], SeriesStyle.LineWithMarkers, m),
                new Series($"{m} before", x, before[m], SeriesStyle.Dashed, m),
            }).ToArray(), LogX: true));
        // The same numbers by method with their spread: mean and mean ± sd over seeds (three markers in one colour).
        // Uniform random (far below the others) last, so the legend in the upper right hides no point.
        string[] order = [.. methods.Where(m => m != "uniform random"), "uniform random"];
        double[] index = [.. Enumerable.Range(0, order.Length).Select(i => (double)i)];
        obs.Add(new Figure("rg-accuracy-by-method",
            $"Test accuracy before and after fine-tuning by method, mean ± sd over {seeds} seeds",
            $"method ({string.Join(", ", order.Select((m, i) => $"{i} {Short(m)}"))})", "test accuracy (%)",
            densities.SelectMany((d, j) => new[]
            {
                new Series($"after fine-tuning, s={Percent(d)}%", index, order.Select(m => after[m][j]).ToArray(), SeriesStyle.Markers, $"after{j}"),
                new Series($"after ± sd, s={Percent(d)}%", [.. index, .. index],
                    [.. order.Select(m => after[m][j] - afterSd[m][j]), .. order.Select(m => after[m][j] + afterSd[m][j])], SeriesStyle.Markers, $"after{j}"),
                new Series($"before fine-tuning, s={Percent(d)}%", index, order.Select(m => before[m][j]).ToArray(), SeriesStyle.Markers, $"before{j}"),
                new Series($"before ± sd, s={Percent(d)}%", [.. index, .. index],
                    [.. order.Select(m => before[m][j] - beforeSd[m][j]), .. order.Select(m => before[m][j] + beforeSd[m][j])], SeriesStyle.Markers, $"before{j}"),
            }).ToArray()));
        obs.Add(new DataTable("rg-finetuned",
            ["density_pct", .. methods.SelectMany(m => new[] { $"{m} after mean", $"{m} after sd", $"{m} before mean", $"{m} before sd" })],
            densities.Select((d, j) => (IReadOnlyList<double>)[100 * d,
                .. methods.SelectMany(m => new[] { after[m][j], afterSd[m][j], before[m][j], beforeSd[m][j] })]).ToArray()));
        return obs.Conclude(() =>
            $"after fine-tuning the gem beats uniform random by ≥ {100 * settings.Margin:F0} pt at every density ≤ {100 * settings.MaxDensity:F0}% ({string.Join("; ", settings.DecidedDensities().Select(s => $"{PercentText(s)}: +{100 * obs[$"s={s}.gem-minus-random-mean"]:F1} pts"))}), no gem has a collapsed layer");
    }

    private static string Short(string method) => method switch
    {
        "GEM-MINER" => "GEM",
        "uniform random" => "random",
        "shuffled gem" => "shuffled",
        "Smart Ratio" => "SR",
        "edge-popup" => "EP",
        "shuffled SNIP" => "shufSNIP",
        _ => method,
    };

    /// <summary>One (density, seed) cell: mining, every comparator's mask, accuracy at init and after fine-tuning.</summary>
    private static double[] Cell(ClaimContext context, GemExperiment experiment, FreezeRule rule, TensorData train, string[] methods,
        double s, int i, int done, int total)
    {
        long initSeed = context.DeriveSeed($"rg.init.{i}"), ftSeed = context.DeriveSeed($"rg.finetune.{i}");
        var gem = experiment.Mine(s, initSeed, context.DeriveSeed($"rg.batches.{i}"), rule,
            f => context.Report((done + 0.5 * f) / total));
        // IMP's ticket rewinds to θ_0 (light IMP) or θ_k (IMP with warm-up): it starts fine-tuning from there.
        var imp = experiment.Imp(s, gem.InitWeights, initSeed, context.DeriveSeed($"rg.imp.{i}"));
        var masks = new Dictionary<string, Tensor[]>
        {
            ["GEM-MINER"] = gem.Flags,
            ["uniform random"] = Comparators.UniformRandom(gem.InitWeights, s, context.DeriveSeed($"rg.random.{i}")),
            ["shuffled gem"] = Baselines.ShuffleWithinLayers(gem.Flags, new Generator((ulong)context.DeriveSeed($"rg.shuffle.{i}"))),
            ["Smart Ratio"] = Comparators.SmartRatio(gem.InitWeights, s, context.DeriveSeed($"rg.smartratio.{i}")),
            ["SNIP"] = Comparators.Snip(gem.InitWeights, train, s),
            // Measured, not gating (added after the threshold was fixed): same init weights, budget and seeds.
            ["SynFlow"] = Comparators.SynFlow(gem.InitWeights, s),
            ["GraSP"] = Comparators.GraSP(gem.InitWeights, train, s),
            ["edge-popup"] = experiment.EdgePopupMask(s, initSeed, context.DeriveSeed($"rg.edgepopup.{i}")),
            ["IMP"] = imp.Mask,
        };
        // Spec §5.6, exploratory: SNIP shuffled within layers (Frankle et al. 2021: SNIP keeps only its layer ratios).
        masks["shuffled SNIP"] = Baselines.ShuffleWithinLayers(masks["SNIP"], new Generator((ulong)context.DeriveSeed($"rg.shufflesnip.{i}")));
        var pre = new Dictionary<string, double>();
        var post = new Dictionary<string, double>();
        foreach (var (m, mask) in masks)
        {
            // The comparators depend only on the init seed, so their fine-tuning is shared by both constructions.
            string key = m is "GEM-MINER" or "shuffled gem" ? $"{m}/{rule}/{s}/{initSeed}" : $"{m}/{s}/{initSeed}";
            var weights = m == "IMP" ? imp.Weights : gem.InitWeights;
            pre[m] = experiment.AccuracyAtInit(weights, mask);
            post[m] = experiment.FineTunedAccuracy(key, weights, mask, ftSeed);
        }
        long collapsedBits = gem.Result.CollapsedLayers.Aggregate(0L, (bits, l) => bits | (1L << l));
        return [gem.Result.CollapsedLayers.Count, gem.Result.DensityGem, collapsedBits, .. methods.Select(m => pre[m]), .. methods.Select(m => post[m])];
    }

    private static double Sd(IReadOnlyList<double> v)
    {
        if (v.Count < 2) return 0;
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
    }
}
