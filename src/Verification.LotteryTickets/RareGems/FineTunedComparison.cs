// Rare Gems (arXiv 2202.12002), §4 Figs. 3–4 (post-finetune accuracy vs sparse baselines) and §4.1, spec §5 claim 4:
// the fine-tuning experiment of RG.finetuned-gem-beats-random — per (density, seed), the gem and every comparator's
// mask on the same init weights, fine-tuned with the same budget and seeds.
using System.Text.Json.Serialization;
using MathNet.Numerics.Statistics;
using Verification.Core.Claims;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>
/// One (density, seed) cell, a sub-unit of a split run (stored as JSON): the gem's collapsed layers (those where
/// r(p)⊙q keeps no weight, spec pitfall 8) and density, and every method's test accuracy at init and after fine-tuning.
/// </summary>
public sealed record FineTunedCell(int[] CollapsedLayers, double GemDensity, IReadOnlyDictionary<string, double> AtInit,
    IReadOnlyDictionary<string, double> FineTuned)
{
    /// <summary>Some layer of the gem keeps no weight (its output is constant).</summary>
    [JsonIgnore] public bool Collapsed => CollapsedLayers.Length > 0;

    /// <summary>What a part run reads for a cell another part owns (NaN everywhere; the part's outcome is discarded).</summary>
    public static FineTunedCell Placeholder(IEnumerable<string> methods)
    {
        var nan = methods.ToDictionary(m => m, _ => double.NaN);
        return new FineTunedCell([], double.NaN, nan, nan);
    }
}

/// <summary>The cells of one density, over the paired seeds.</summary>
public sealed record FineTunedAtDensity(double Density, IReadOnlyList<FineTunedCell> Cells)
{
    public List<double> AtInit(string method) => [.. Cells.Select(c => c.AtInit[method])];

    public List<double> FineTuned(string method) => [.. Cells.Select(c => c.FineTuned[method])];

    /// <summary>Mean over paired seeds of (<paramref name="a"/> − <paramref name="b"/>) after fine-tuning.</summary>
    public double MeanGap(string a, string b) => FineTuned(a).Zip(FineTuned(b), (x, y) => x - y).Average();

    /// <summary>The sample standard deviation (MathNet's, n − 1), 0 for fewer than two values (where MathNet gives NaN).</summary>
    public static double Sd(IReadOnlyList<double> v) => v.Count < 2 ? 0 : v.StandardDeviation();
}

public static class FineTunedComparison
{
    /// <summary>
    /// One (density, seed) cell: mining with <paramref name="rule"/>, every comparator's mask on the gem's init weights,
    /// each mask's accuracy at init and after fine-tuning; <paramref name="methods"/> names the masks reported.
    /// <paramref name="progress"/> gets the fraction of the cell done (mining is the first half).
    /// </summary>
    public static FineTunedCell Cell(ClaimContext context, GemExperiment experiment, FreezeRule rule, IReadOnlyList<string> methods,
        double s, int i, Action<double>? progress = null)
    {
        TorchRuntime.Initialize();
        var (train, _, _) = experiment.Data();
        long initSeed = context.DeriveSeed($"rg.init.{i}"), ftSeed = context.DeriveSeed($"rg.finetune.{i}");
        var gem = experiment.Gem(s, i, context, rule, f => progress?.Invoke(0.5 * f));
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
            var weights = m == "IMP" ? imp.Weights : gem.InitWeights;
            pre[m] = experiment.AccuracyAtInit(weights, mask);
            post[m] = experiment.FineTunedAccuracy(Key(m, rule, s, initSeed), weights, mask, ftSeed);
        }
        progress?.Invoke(1);
        return new FineTunedCell([.. gem.Result.CollapsedLayers], gem.Result.DensityGem,
            methods.ToDictionary(m => m, m => pre[m]), methods.ToDictionary(m => m, m => post[m]));
    }

    /// <summary>
    /// Paired seed <paramref name="i"/> at density <paramref name="s"/>, fine-tuned with the budget and seed of
    /// <see cref="Cell"/> (the same memo keys, so within one run either reuses the other's work): the gem's flags q from
    /// its init weights; the same q from fresh signed-constant weights (sanity check 2, "reinitialisation", drawn with
    /// stream rg.reinit.i); IMP's ticket from its rewind weights, with the epochs IMP trained to find it.
    /// <paramref name="severTie"/> (the negative control of RG.reinitialised-gem-finetunes-worse) puts q on unrelated
    /// signed-constant weights (stream rg.unrelated.i) in place of its own init, so that neither side of the
    /// re-initialisation comparison holds the weights the mask was mined on. <paramref name="reinitialisedNotFineTuned"/>
    /// (its positive control at paper scale, where the claim is recorded refuted) scores the re-drawn side at init, without
    /// fine-tuning, a re-initialisation that is worse by construction.
    /// </summary>
    public static GemVersusReferences FineTunedPair(ClaimContext context, GemExperiment experiment, FreezeRule rule, double s, int i,
        bool severTie = false, bool reinitialisedNotFineTuned = false)
    {
        TorchRuntime.Initialize();
        long initSeed = context.DeriveSeed($"rg.init.{i}"), ftSeed = context.DeriveSeed($"rg.finetune.{i}");
        var gem = experiment.Gem(s, i, context, rule);
        var imp = experiment.Imp(s, gem.InitWeights, initSeed, context.DeriveSeed($"rg.imp.{i}"));
        var fresh = experiment.FreshWeights(context.DeriveSeed($"rg.reinit.{i}"));
        var own = severTie ? experiment.FreshWeights(context.DeriveSeed($"rg.unrelated.{i}")) : gem.InitWeights;
        return new GemVersusReferences(
            experiment.FineTunedAccuracy(Key(severTie ? "gem on unrelated weights" : "GEM-MINER", rule, s, initSeed), own, gem.Flags, ftSeed),
            reinitialisedNotFineTuned ? experiment.AccuracyAtInit(fresh, gem.Flags)
                : experiment.FineTunedAccuracy(Key("reinitialised gem", rule, s, initSeed), fresh, gem.Flags, ftSeed),
            experiment.FineTunedAccuracy(Key("IMP", rule, s, initSeed), imp.Weights, imp.Mask, ftSeed),
            gem.Result.EpochLoss.Count, imp.Epochs);
    }

    // The comparators depend only on the init seed, so their fine-tuning is shared by both constructions.
    private static string Key(string method, FreezeRule rule, double s, long initSeed) =>
        method is "GEM-MINER" or "shuffled gem" or "reinitialised gem" or "gem on unrelated weights" ? $"{method}/{rule}/{s}/{initSeed}" : $"{method}/{s}/{initSeed}";
}

/// <summary>
/// One paired seed's fine-tuned accuracies: the gem (q from its init weights), the same q from re-drawn weights, IMP's
/// ticket; and the training epochs each method ran to find its mask (GEM-MINER's mining epochs, IMP's rounds).
/// </summary>
public sealed record GemVersusReferences(double Gem, double ReinitialisedGem, double Imp, int GemEpochs, int ImpEpochs);

/// <summary>
/// Derived from every paired seed of one density: means over seeds of the gaps the claims decide on.
/// </summary>
public sealed record GemVersusReferencesAtDensity(double Density, IReadOnlyList<GemVersusReferences> Seeds)
{
    public double MeanGemMinusImp => Seeds.Average(x => x.Gem - x.Imp);
    public double MeanGemMinusReinitialised => Seeds.Average(x => x.Gem - x.ReinitialisedGem);
    /// <summary>IMP's epochs over GEM-MINER's, the smallest over the seeds (the epochs do not depend on the seed).</summary>
    public double EpochRatio => Seeds.Min(x => (double)x.ImpEpochs / x.GemEpochs);
}
