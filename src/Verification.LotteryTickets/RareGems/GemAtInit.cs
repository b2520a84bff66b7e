// Rare Gems (arXiv 2202.12002), §4 pre-finetune accuracy (Fig. 6, Table 3) and §4.1 sanity checks (Frankle et al.
// 2021; Su et al. 2020), spec §5 claims 2–3: the at-init experiments of RG.gem-accurate-at-init and
// RG.mask-tied-to-weights, on seed 0 of the paired seeds, before any weight training.
using Verification.Core.Claims;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>The gem's test accuracy at init, the same mask on fresh signed-constant weights, and the mask shuffled within layers.</summary>
public sealed record GemSanity(double Gem, double Reinitialised, double Shuffled, double GemDensity);

/// <summary>
/// One density of the at-init comparison: what mining reported, the density the comparators' masks were built at (the
/// gem's achieved one), every mask's test accuracy on the gem's init weights
/// (in the order the methods were run), IMP's mask on fresh signed-constant weights and, with warm-up, on its rewind
/// weights θ_k with the share of its kept weights whose θ_k sign is the init sign; IMP's layer densities.
/// </summary>
public sealed record GemAtInit(GemResult Gem, double ComparedAt, IReadOnlyList<(string Method, double Accuracy)> Accuracy, double ImpOnFreshWeights,
    double? ImpAtRewind, double? ImpKeptSignAgreement, double[] ImpLayerDensity)
{
    public double this[string method] => Accuracy.Single(a => a.Method == method).Accuracy;
}

public static class GemAtInitExperiment
{
    /// <summary>The gem of <paramref name="density"/> (seed 0) re-initialised and shuffled, before fine-tuning (§4.1).</summary>
    public static GemSanity Sanity(GemExperiment experiment, double density, FreezeRule rule, ClaimContext context, Action<double>? progress = null)
    {
        TorchRuntime.Initialize();
        var gem = experiment.Gem(density, 0, context, rule, progress);
        double g = experiment.AccuracyAtInit(gem.InitWeights, gem.Gem);
        double reinit = experiment.AccuracyAtInit(experiment.FreshWeights(context.DeriveSeed("rg.reinit.0")), gem.Gem);
        double shuffled = experiment.AccuracyAtInit(gem.InitWeights,
            Baselines.ShuffleWithinLayers(gem.Gem, new Generator((ulong)context.DeriveSeed("rg.shuffle.0"))));
        return new GemSanity(g, reinit, shuffled, gem.Result.DensityGem);
    }

    /// <summary>
    /// The gem of <paramref name="density"/> (seed 0) and every comparator's mask on the same init weights, before any
    /// weight training; <paramref name="freshWeights"/> are the signed-constant weights IMP's mask is also tried on.
    /// </summary>
    public static GemAtInit Compare(GemExperiment experiment, double density, FreezeRule rule, ClaimContext context,
        IReadOnlyList<Tensor> freshWeights, Action<double>? progress = null)
    {
        TorchRuntime.Initialize();
        long init = context.DeriveSeed("rg.init.0");
        var (train, _, _) = experiment.Data();
        var gem = experiment.Gem(density, 0, context, rule, progress);
        var w = gem.InitWeights;
        // Every mask at the gem's achieved density r(p)⊙q (within the settings' tolerance of s); a collapsed gem (the
        // sabotage, density 0) leaves no density to match, and its comparators keep the target s.
        double d = gem.Result.DensityGem > 0 ? gem.Result.DensityGem : density;
        var accuracy = new List<(string, double)>
        {
            ("GEM-MINER", experiment.AccuracyAtInit(w, gem.Gem)),
            ("uniform random", experiment.AccuracyAtInit(w, Comparators.UniformRandom(w, d, context.DeriveSeed("rg.random.0")))),
            ("SNIP", experiment.AccuracyAtInit(w, Comparators.Snip(w, train, d))),
            ("Smart Ratio", experiment.AccuracyAtInit(w, Comparators.SmartRatio(w, d, context.DeriveSeed("rg.smartratio.0")))),
            ("SynFlow", experiment.AccuracyAtInit(w, Comparators.SynFlow(w, d))),
            // Reported, not gating: edge-popup was added after the thresholds were fixed.
            ("edge-popup", experiment.AccuracyAtInit(w, experiment.EdgePopupMask(d, init, context.DeriveSeed("rg.edgepopup.0")))),
        };
        // Reported, not gating (a reference added after the thresholds were fixed): IMP's mask on the init weights, like
        // every other mask here, at the target s (its trajectory lands on the targets exactly); IMP with warm-up also on
        // its rewind weights θ_k (k steps of dense training: not "at init").
        var ticket = experiment.Imp(density, w, init, context.DeriveSeed("rg.imp.0"));
        accuracy.Add(("IMP", experiment.AccuracyAtInit(w, ticket.Mask)));
        // Why IMP's mask is accurate on the init weights (the "supermask" effect, Zhou et al. 2019): the same mask on
        // freshly drawn signed-constant weights (the seed of RG.mask-tied-to-weights' re-initialisation) and, with
        // warm-up, the share of its kept weights whose sign at θ_k is still the init sign.
        double onFresh = experiment.AccuracyAtInit(freshWeights, ticket.Mask);
        bool warm = experiment.Settings.Imp is ImpWithWarmupConfig;
        double? atRewind = warm ? experiment.AccuracyAtInit(ticket.Weights, ticket.Mask) : null;
        double? signs = warm ? KeptSignAgreement(ticket.Mask, ticket.Weights, w) : null;
        var layers = ticket.Mask.Select(m => m.to(ScalarType.Float64).mean().item<double>()).ToArray();
        return new GemAtInit(gem.Result, d, accuracy, onFresh, atRewind, signs, layers);
    }

    /// <summary>
    /// The share of the weights kept by <paramref name="mask"/> whose sign in <paramref name="weights"/> equals their
    /// sign in <paramref name="init"/> (a zero weight agrees only with a zero); 1 when every kept weight kept its sign.
    /// </summary>
    /// <exception cref="ArgumentException">the mask keeps no weight, or the three lists differ in layer count</exception>
    public static double KeptSignAgreement(IReadOnlyList<Tensor> mask, IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> init)
    {
        if (mask.Count != weights.Count || mask.Count != init.Count)
            throw new ArgumentException($"mask, weights and init must have one tensor per layer ({mask.Count}, {weights.Count}, {init.Count})");
        double kept = 0, same = 0;
        for (int l = 0; l < mask.Count; l++)
        {
            using var on = mask[l].ne(0);
            using var agree = weights[l].sign().eq(init[l].sign());
            using var both = agree.logical_and(on);
            kept += on.sum().item<long>();
            same += both.sum().item<long>();
        }
        if (kept == 0) throw new ArgumentException("the mask keeps no weight", nameof(mask));
        return same / kept;
    }
}
