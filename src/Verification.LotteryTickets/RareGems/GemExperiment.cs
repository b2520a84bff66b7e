// Rare Gems (arXiv 2202.12002), §4 experiments at small scale (spec §5): mined gems, comparators and sanity checks
// on real MNIST digits, memoised per process so that the claims that share a gem mine it once.
using Verification.Core.Runtime;
using Verification.Core.Data;
using Verification.LotteryTickets.Data;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>One mining run: the init weights, the gem r(p)⊙q, the flags q, and what mining reported.</summary>
public sealed record MinedGem(Tensor[] InitWeights, Tensor[] Gem, Tensor[] Flags, GemResult Result);

/// <summary>The shared MNIST experiment. Every entry is keyed by everything it depends on, so reuse never changes a number.</summary>
public static class GemExperiment
{
    // One lazy entry per key: concurrent work items wait only for the entry they need (one of them computes it).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<object>> Memo = new();

    /// <summary>Train (first n of the fixed 7k split), validation and test tensors, on <paramref name="device"/>.</summary>
    public static (TensorData Train, TensorData Validation, TensorData Test) Data(int trainSize, Device? device = null) =>
        Remember($"data/{trainSize}/{device?.ToString() ?? "default"}", () =>
        {
            var splits = Mnist.Load(DatasetCache.Default());
            return (TensorData.From(splits.Train, trainSize, device), TensorData.From(splits.Validation, device: device),
                TensorData.From(splits.Test, device: device));
        });

    /// <summary>The data of <paramref name="settings"/> on its device.</summary>
    public static (TensorData Train, TensorData Validation, TensorData Test) Data(RareGemsSettings settings) =>
        Data(settings.TrainSize, settings.Device);

    /// <summary>Mines a gem from the weights drawn with <paramref name="initSeed"/>; <paramref name="rule"/> selects the sabotage.</summary>
    public static MinedGem Mine(RareGemsSettings settings, double density, long initSeed, long shuffleSeed, FreezeRule rule,
        Action<double>? progress = null) =>
        Remember($"mine/{settings}/{density}/{initSeed}/{shuffleSeed}/{rule}", () =>
        {
            var (train, _, _) = Data(settings);
            using var model = new MaskedMlp(RareGemsSettings.Widths, device: settings.Device);
            GemMiner.Initialize(model, new Generator((ulong)initSeed));
            var init = model.W.Select(w => w.detach().clone()).ToArray();
            var result = GemMiner.Mine(model, train, settings.Config(density), new Generator((ulong)shuffleSeed), rule, progress, shuffleSeed);
            return new MinedGem(init, GemMiner.GemMask(model), GemMiner.Flags(model), result);
        });

    /// <summary>Edge-popup's mask on the weights drawn with <paramref name="initSeed"/> (same epochs as mining).</summary>
    public static Tensor[] EdgePopupMask(RareGemsSettings settings, double density, long initSeed, long seed) =>
        Remember($"edgepopup/{settings}/{density}/{initSeed}/{seed}", () =>
        {
            var (train, _, _) = Data(settings);
            using var model = new MaskedMlp(RareGemsSettings.Widths, device: settings.Device);
            GemMiner.Initialize(model, new Generator((ulong)initSeed));
            return EdgePopup.Train(model, train, density, settings.Epochs, new Generator((ulong)seed));
        });

    /// <summary>Light IMP's mask (rewind to the weights drawn with <paramref name="initSeed"/>), with the round count of the settings.</summary>
    public static Tensor[] ImpMask(RareGemsSettings settings, double density, long initSeed, long seed) =>
        Remember($"imp/{settings}/{settings.Imp}/{density}/{initSeed}/{seed}", () =>
        {
            var (train, _, _) = Data(settings);
            using var model = new MaskedMlp(RareGemsSettings.Widths, device: settings.Device);
            GemMiner.Initialize(model, new Generator((ulong)initSeed));
            return LightImp.Prune(model, train, density, settings.Imp, new Generator((ulong)seed));
        });

    /// <summary>Test accuracy of <paramref name="weights"/> under <paramref name="mask"/> before any weight training (BN statistics recomputed on train).</summary>
    public static double AccuracyAtInit(RareGemsSettings settings, IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> mask)
    {
        var (train, _, test) = Data(settings);
        using var model = Build(weights, mask);
        Training.RecomputeBatchNorm(model, train);
        return Training.Accuracy(model, test);
    }

    /// <summary>Test accuracy after fine-tuning the weights, from <paramref name="weights"/>, under the fixed mask (memoised by <paramref name="key"/>).</summary>
    public static double FineTunedAccuracy(RareGemsSettings settings, string key, IReadOnlyList<Tensor> weights,
        IReadOnlyList<Tensor> mask, long shuffleSeed) =>
        Remember($"finetune/{settings}/{key}/{shuffleSeed}", () =>
        {
            var (train, _, test) = Data(settings);
            using var model = Build(weights, mask);
            Training.FineTune(model, train, settings.FineTuneEpochs, new GemMinerConfig().FineTuneLearningRate, 128,
                new Generator((ulong)shuffleSeed));
            return Training.Accuracy(model, test);
        });

    /// <summary>A model holding copies of <paramref name="weights"/> with a fixed mask, on the weights' device.</summary>
    public static MaskedMlp Build(IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> mask) =>
        BuildWidths(RareGemsSettings.Widths, weights, mask);

    /// <summary>A model of any widths holding copies of <paramref name="weights"/> with a fixed mask.</summary>
    public static MaskedMlp BuildWidths(IReadOnlyList<int> widths, IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> mask,
        ScalarType dtype = ScalarType.Float32)
    {
        var model = new MaskedMlp(widths, dtype, weights[0].device);
        using (no_grad()) for (int l = 0; l < model.Layers; l++) model.W[l].copy_(weights[l]);
        Training.UseMask(model, mask);
        return model;
    }

    /// <summary>Signed-constant weights drawn with <paramref name="seed"/> on <paramref name="device"/> (for the re-initialisation sanity check).</summary>
    public static Tensor[] FreshWeights(long seed, Device? device = null)
    {
        using var model = new MaskedMlp(RareGemsSettings.Widths, device: device);
        GemMiner.Initialize(model, new Generator((ulong)seed));
        return model.W.Select(w => w.detach().clone()).ToArray();
    }

    /// <summary>Density of a mask (fraction of ones over all layers).</summary>
    public static double Density(IReadOnlyList<Tensor> mask) =>
        mask.Sum(m => m.to(ScalarType.Float64).sum().item<double>()) / mask.Sum(m => (double)m.numel());

    private static T Remember<T>(string key, Func<T> make) where T : notnull
    {
        TorchRuntime.Initialize();
        var entry = Memo.GetOrAdd(key, _ => new Lazy<object>(() => make(), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)entry.Value;
        }
        catch
        {
            Memo.TryRemove(new KeyValuePair<string, Lazy<object>>(key, entry));   // a failed entry is recomputed, never cached
            throw;
        }
    }
}
