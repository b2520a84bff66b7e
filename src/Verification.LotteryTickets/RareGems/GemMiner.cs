// Rare Gems (Sreenivasan et al., NeurIPS 2022, arXiv 2202.12002), §3 Algorithm 1 "GEM-MINER", as the reference
// code's `hc_iter` (spec §1): frozen signed-constant weights; scores p ∈ [0,1], hard 0.5 threshold with a
// straight-through gradient; loss CE + λΣp²; p clamped to [0,1] before every minibatch and at epoch end; every T
// epochs the globally smallest-|p| active entries are frozen (q = 0) until density s.
using TorchSharp;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>Which active entries a freeze removes: the paper's smallest scores, or a sabotage.</summary>
public enum FreezeRule
{
    /// <summary>GEM-MINER: the globally smallest |p|.</summary>
    SmallestScores,
    /// <summary>Sabotage (the code's `invert_sanity_check`): the globally largest |p|.</summary>
    LargestScores,
    /// <summary>Sabotage: ignores the scores, freezes uniformly random active entries.</summary>
    IgnoreScores,
    /// <summary>Sabotage (spec pitfall 3, the reference code's rule): freeze every active |p| ≤ the k-th smallest, so ties remove more than k.</summary>
    ThresholdWithTies,
}

/// <summary>Thrown when a training loss is NaN or infinite: the run cannot be used as evidence.</summary>
public sealed class TrainingDivergedException(string message) : ArithmeticException(message);

/// <summary>What mining produced; densities are of the pre-finetune mask r(p)⊙q and of the flags q (used for fine-tuning).</summary>
public sealed record GemResult(
    double DensityGem,
    double DensityFlags,
    IReadOnlyList<double> LayerDensityGem,
    IReadOnlyList<double> LayerDensityFlags,
    IReadOnlyList<int> CollapsedLayers,
    IReadOnlyList<double> EpochLoss)
{
    /// <summary>Layer collapse (spec pitfall 8): some layer of the gem keeps no weight, so the output is constant.</summary>
    public bool Collapsed => CollapsedLayers.Count > 0;
}

public static class GemMiner
{
    /// <summary>Signed-constant weights sign(N(0,1))·sqrt(2/fan_in), scores p ~ U[0,1], flags q = 1, mode Mining.</summary>
    public static void Initialize(MaskedMlp model, Generator generator)
    {
        using var _ = no_grad();
        for (int l = 0; l < model.Layers; l++)
        {
            var w = model.W[l];
            double scale = Math.Sqrt(2.0 / model.Widths[l]);
            w.copy_(HostRandom.Normal(0, 1, w.shape, w.dtype, generator, w.device).sign() * scale);   // (out, in)
            model.P[l].copy_(HostRandom.Uniform(0, 1, w.shape, w.dtype, generator, w.device));       // (out, in)
            model.Q[l].fill_(1);
            model.M[l].fill_(1);
        }
        model.Mode = MaskMode.Mining;
    }

    /// <summary>Runs GEM-MINER on an initialised model; <paramref name="rule"/> other than the smallest scores is a sabotage.</summary>
    public static GemResult Mine(MaskedMlp model, TensorData train, GemMinerConfig config, Generator shuffle,
        FreezeRule rule = FreezeRule.SmallestScores, Action<double>? progress = null, long ruleSeed = 0,
        Action<int, MaskedMlp>? afterEpoch = null)
    {
        config.Validate();
        model.Mode = MaskMode.Mining;
        foreach (var w in model.W) w.requires_grad_(false);
        foreach (var p in model.P) p.requires_grad_(true);
        var optimizer = Optimizers.Scores(model, config);
        int freezes = config.Freeze ? IterativeFreezing.FreezeCount(config.Epochs, config.FreezeEvery) : 0;
        int done = 0;
        double lambda = config.FlipRegulariser ? -config.Lambda : config.Lambda;
        var losses = new List<double>();
        model.train();
        for (int epoch = 0; epoch < config.Epochs; epoch++)
        {
            Optimizers.SetLearningRate(optimizer, config.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / config.Epochs)));
            double mean = Minibatches.Epoch(train, config.BatchSize, shuffle, optimizer,
                (x, y) => nn.functional.cross_entropy(model.call(x), y) + lambda * ScoreSquaredNorm(model),
                "GEM-MINER", epoch, ": lower the learning rate or λ", beforeStep: () => Clamp(model));
            Clamp(model);
            losses.Add(mean);
            if (config.Freeze && done < freezes && IterativeFreezing.FreezesAfter(epoch, config.FreezeEvery))
            {
                done++;
                Freeze(model, IterativeFreezing.TargetActive(model.Size, config.Density, done, freezes), rule, ruleSeed + done);
            }
            afterEpoch?.Invoke(epoch, model);
            progress?.Invoke((epoch + 1.0) / config.Epochs);
        }
        foreach (var p in model.P) p.requires_grad_(false);
        return Describe(model, losses);
    }

    /// <summary>Σ_l Σ p_l² over every score tensor (the regulariser is a sum, not a mean).</summary>
    public static Tensor ScoreSquaredNorm(MaskedMlp model)
    {
        Tensor? total = null;
        foreach (var p in model.P)
        {
            var s = p.pow(2).sum();
            total = total is null ? s : total + s;
        }
        return total!;
    }

    public static void Clamp(MaskedMlp model)
    {
        using var _ = no_grad();
        foreach (var p in model.P) p.clamp_(0, 1);
    }

    /// <summary>Freezes active entries globally (exact k, ties by index) so that <paramref name="targetActive"/> remain.</summary>
    public static void Freeze(MaskedMlp model, long targetActive, FreezeRule rule = FreezeRule.SmallestScores, long ruleSeed = 0)
    {
        using var _ = no_grad();
        var scores = Concat(model, l => model.P[l]);
        if (rule == FreezeRule.IgnoreScores)
        {
            var keys = new Verification.Core.Seeding.Rng(ruleSeed);
            for (int i = 0; i < scores.Length; i++) scores[i] = keys.NextDouble();
        }
        bool largest = rule == FreezeRule.LargestScores;
        var flags = Concat(model, l => model.Q[l]);
        var active = flags.Select(f => f > 0.5).ToArray();
        long k = active.Count(a => a) - targetActive;
        if (k <= 0) return;
        var chosen = rule == FreezeRule.ThresholdWithTies
            ? IterativeFreezing.SelectByThreshold(scores, active, k)
            : IterativeFreezing.SelectToFreeze(scores, active, k, largest);
        foreach (int i in chosen) flags[i] = 0;
        Scatter(model, flags, l => model.Q[l]);
    }

    /// <summary>The pre-finetune gem mask r(p)⊙q of every layer (copies).</summary>
    public static Tensor[] GemMask(MaskedMlp model) =>
        Enumerable.Range(0, model.Layers).Select(l => model.P[l].detach().gt(0.5).to(model.P[l].dtype) * model.Q[l]).ToArray();

    /// <summary>The flags q of every layer (copies): the mask that is fine-tuned after "unflag".</summary>
    public static Tensor[] Flags(MaskedMlp model) => model.Q.Select(q => q.clone()).ToArray();

    public static GemResult Describe(MaskedMlp model, IReadOnlyList<double> losses)
    {
        var gem = GemMask(model);
        var layerGem = gem.Select(m => m.to(ScalarType.Float64).mean().item<double>()).ToArray();
        var layerQ = model.Q.Select(q => q.to(ScalarType.Float64).mean().item<double>()).ToArray();
        double size = model.Size;
        double dGem = Enumerable.Range(0, model.Layers).Sum(l => layerGem[l] * model.LayerSize(l)) / size;
        double dQ = Enumerable.Range(0, model.Layers).Sum(l => layerQ[l] * model.LayerSize(l)) / size;
        var collapsed = Enumerable.Range(0, model.Layers).Where(l => layerGem[l] == 0 || layerQ[l] == 0).ToArray();
        foreach (var m in gem) m.Dispose();
        return new GemResult(dGem, dQ, layerGem, layerQ, collapsed, losses);
    }

    public static double[] Concat(MaskedMlp model, Func<int, Tensor> pick) =>
        Enumerable.Range(0, model.Layers).SelectMany(l => pick(l).detach().to(ScalarType.Float64).flatten().cpu().data<double>().ToArray()).ToArray();

    internal static void Scatter(MaskedMlp model, double[] values, Func<int, Tensor> pick)
    {
        int at = 0;
        for (int l = 0; l < model.Layers; l++)
        {
            var target = pick(l);
            int n = (int)model.LayerSize(l);
            using var src = tensor(values[at..(at + n)], target.shape, device: target.device).to(target.dtype);
            target.copy_(src);
            at += n;
        }
    }
}
