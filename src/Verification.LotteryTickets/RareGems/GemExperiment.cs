// Rare Gems (arXiv 2202.12002), §4 experiments at small scale (spec §5): mined gems, comparators and sanity checks
// on real MNIST digits, memoised per experiment so that the claims that share a gem mine it once.
using System.Collections.Concurrent;
using Verification.Core.Claims;
using Verification.Core.Data;
using Verification.Core.Runtime;
using Verification.LotteryTickets.Data;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>One mining run: the init weights, the gem r(p)⊙q, the flags q, and what mining reported.</summary>
public sealed record MinedGem(Tensor[] InitWeights, Tensor[] Gem, Tensor[] Flags, GemResult Result);

/// <summary>An IMP ticket: its mask, the weights its survivors rewind to (fine-tuning starts there) and the epochs IMP trained to find it.</summary>
public sealed record ImpTicket(Tensor[] Mask, Tensor[] Weights, int Epochs);

/// <summary>
/// The MNIST experiments of one registry, by (settings, device): an explicit cache that
/// <see cref="LotteryTicketClaims"/> creates and hands to the MNIST claims of Rare Gems, so that the claims of one
/// registry share their mined gems and fine-tuned comparators, and two registries share nothing.
/// </summary>
public sealed class GemExperiments
{
    private readonly ConcurrentDictionary<(RareGemsSettings, ComputeDevice), Lazy<GemExperiment>> instances = new();

    /// <summary>The experiment of <paramref name="settings"/> on the context's device.</summary>
    public GemExperiment For(RareGemsSettings settings, ClaimContext context) =>
        instances.GetOrAdd((settings, context.Device), k => new Lazy<GemExperiment>(() => new GemExperiment(k.Item1, k.Item2.ToTorch()))).Value;
}

/// <summary>
/// The shared MNIST experiment of one <see cref="RareGemsSettings"/> on one device. Every entry of its memo is keyed by
/// everything else it depends on (density, seeds, freeze rule), so reuse never changes a number.
/// </summary>
public sealed class GemExperiment
{
    // One lazy entry per key: concurrent work items wait only for the entry they need (one of them computes it).
    private readonly ConcurrentDictionary<string, Lazy<object>> memo = new();

    internal GemExperiment(RareGemsSettings settings, Device? device)
    {
        Settings = settings;
        Device = device;
    }

    public RareGemsSettings Settings { get; }

    /// <summary>Where the experiment's tensors live (torch's default device when null).</summary>
    public Device? Device { get; }

    /// <summary>Train (first n of the fixed 7k split), validation and test tensors, on the experiment's device.</summary>
    public (TensorData Train, TensorData Validation, TensorData Test) Data() =>
        Remember("data", () =>
        {
            var splits = Mnist.Load(DatasetCache.Default());
            return (TensorData.From(splits.Train, Settings.TrainSize, Device), TensorData.From(splits.Validation, device: Device),
                TensorData.From(splits.Test, device: Device));
        });

    /// <summary>
    /// λ for <paramref name="density"/> by the settings' rule (<see cref="LambdaSelection.Choose"/>) on calibration runs
    /// of their own seeds (streams rg.lambda.*, never a paired seed's), scored on the validation split only; once per
    /// density and run seed, shared by every claim and by both constructions (a sabotage changes the freezing, not λ).
    /// </summary>
    public LambdaChoice Lambda(double density, ClaimContext context)
    {
        long init = context.DeriveSeed("rg.lambda.init"), batches = context.DeriveSeed("rg.lambda.batches");
        return Remember($"lambda/{density}/{init}/{batches}", () => LambdaSelection.Choose(density, Settings.LambdaGrid, Settings.CalibrationBand, lambda =>
        {
            var gem = Mine(Settings.Config(density, lambda), init, batches, FreezeRule.SmallestScores);
            return new LambdaTrial(lambda, gem.Result.DensityGem, AccuracyAtInit(gem.InitWeights, gem.Gem, Data().Validation));
        }));
    }

    /// <summary>The gem of paired seed <paramref name="i"/> at <paramref name="density"/>, mined with the density's λ and <paramref name="rule"/>.</summary>
    public MinedGem Gem(double density, int i, ClaimContext context, FreezeRule rule, Action<double>? progress = null) =>
        Mine(Settings.Config(density, Lambda(density, context).Lambda), context.DeriveSeed($"rg.init.{i}"), context.DeriveSeed($"rg.batches.{i}"), rule, progress);

    /// <summary>Mines a gem with <paramref name="config"/> from the weights drawn with <paramref name="initSeed"/>; <paramref name="rule"/> selects the sabotage.</summary>
    public MinedGem Mine(GemMinerConfig config, long initSeed, long shuffleSeed, FreezeRule rule, Action<double>? progress = null) =>
        Remember($"mine/{config}/{initSeed}/{shuffleSeed}/{rule}", () =>
        {
            var (train, _, _) = Data();
            using var model = new MaskedMlp(Settings.Widths, device: Device);
            GemMiner.Initialize(model, new Generator((ulong)initSeed));
            var init = model.W.Select(w => w.detach().clone()).ToArray();
            var result = GemMiner.Mine(model, train, config, new Generator((ulong)shuffleSeed), rule, progress, shuffleSeed);
            return new MinedGem(init, GemMiner.GemMask(model), GemMiner.Flags(model), result);
        });

    /// <summary>Edge-popup's mask on the weights drawn with <paramref name="initSeed"/> (same epochs as mining).</summary>
    public Tensor[] EdgePopupMask(double density, long initSeed, long seed) =>
        Remember($"edgepopup/{density}/{initSeed}/{seed}", () =>
        {
            var (train, _, _) = Data();
            using var model = new MaskedMlp(Settings.Widths, device: Device);
            GemMiner.Initialize(model, new Generator((ulong)initSeed));
            return EdgePopup.Train(model, train, density, Settings.Epochs, new Generator((ulong)seed));
        });

    /// <summary>
    /// The IMP ticket at <paramref name="density"/> on the weights drawn with <paramref name="initSeed"/>
    /// (<paramref name="initWeights"/>): its mask and the weights it rewinds to, θ_0 for light IMP, θ_k for IMP with
    /// warm-up (whose one trajectory per seed serves every density).
    /// </summary>
    public ImpTicket Imp(double density, IReadOnlyList<Tensor> initWeights, long initSeed, long seed) => Settings.Imp switch
    {
        ImpConfig light => new ImpTicket(ImpMask(density, initSeed, seed, light), [.. initWeights], light.Rounds * light.EpochsPerRound),
        ImpWithWarmupConfig warm => WarmupTrajectory(initSeed, seed, warm).Ticket(density),
        var other => throw new NotSupportedException($"IMP reference {other.GetType().Name}"),
    };

    /// <summary>Light IMP's mask (rewind to the weights drawn with <paramref name="initSeed"/>), with the settings' round count.</summary>
    private Tensor[] ImpMask(double density, long initSeed, long seed, ImpConfig config) =>
        Remember($"imp/{density}/{initSeed}/{seed}", () =>
        {
            var (train, _, _) = Data();
            using var model = new MaskedMlp(Settings.Widths, device: Device);
            GemMiner.Initialize(model, new Generator((ulong)initSeed));
            return LightImp.Prune(model, train, density, config, new Generator((ulong)seed));
        });

    /// <summary>IMP with warm-up from the weights drawn with <paramref name="initSeed"/>, through every density of the settings.</summary>
    private ImpTrajectory WarmupTrajectory(long initSeed, long seed, ImpWithWarmupConfig config) =>
        Remember($"imp-warmup/{initSeed}/{seed}", () =>
        {
            var (train, _, _) = Data();
            using var model = new MaskedMlp(Settings.Widths, device: Device);
            GemMiner.Initialize(model, new Generator((ulong)initSeed));
            return ImpWithWarmup.Run(model, train, Settings.Densities, config, new Generator((ulong)seed));
        });

    /// <summary>
    /// Accuracy of <paramref name="weights"/> under <paramref name="mask"/> before any weight training (BN statistics
    /// recomputed on train), on the test split unless <paramref name="on"/> names another (the λ calibration: validation).
    /// </summary>
    public double AccuracyAtInit(IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> mask, TensorData? on = null)
    {
        var (train, _, test) = Data();
        using var model = Build(weights, mask);
        Training.RecomputeBatchNorm(model, train);
        return Training.Accuracy(model, on ?? test);
    }

    /// <summary>Test accuracy after fine-tuning the weights, from <paramref name="weights"/>, under the fixed mask (memoised by <paramref name="key"/>).</summary>
    public double FineTunedAccuracy(string key, IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> mask, long shuffleSeed) =>
        Remember($"finetune/{key}/{shuffleSeed}", () =>
        {
            var (train, _, test) = Data();
            using var model = Build(weights, mask);
            Training.FineTune(model, train, Settings.FineTuneEpochs, Settings.FineTuneLearningRate, Settings.BatchSize,
                new Generator((ulong)shuffleSeed));
            return Training.Accuracy(model, test);
        });

    /// <summary>Signed-constant weights of the settings' widths drawn with <paramref name="seed"/> (for the re-initialisation sanity check).</summary>
    public Tensor[] FreshWeights(long seed)
    {
        TorchRuntime.Initialize();
        using var model = new MaskedMlp(Settings.Widths, device: Device);
        GemMiner.Initialize(model, new Generator((ulong)seed));
        return model.W.Select(w => w.detach().clone()).ToArray();
    }

    /// <summary>A model holding copies of <paramref name="weights"/> (widths read off their shapes) with a fixed mask, on the weights' device.</summary>
    public static MaskedMlp Build(IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> mask) =>
        BuildWidths([(int)weights[0].shape[1], .. weights.Select(w => (int)w.shape[0])], weights, mask);

    /// <summary>A model of any widths holding copies of <paramref name="weights"/> with a fixed mask.</summary>
    public static MaskedMlp BuildWidths(IReadOnlyList<int> widths, IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> mask,
        ScalarType dtype = ScalarType.Float32)
    {
        var model = new MaskedMlp(widths, dtype, weights[0].device);
        model.LoadWeights(weights);
        Training.UseMask(model, mask);
        return model;
    }

    /// <summary>Density of a mask (fraction of ones over all layers).</summary>
    public static double Density(IReadOnlyList<Tensor> mask) =>
        mask.Sum(m => m.to(ScalarType.Float64).sum().item<double>()) / mask.Sum(m => (double)m.numel());

    private T Remember<T>(string key, Func<T> make) where T : notnull
    {
        TorchRuntime.Initialize();
        var entry = memo.GetOrAdd(key, _ => new Lazy<object>(() => make(), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)entry.Value;
        }
        catch
        {
            memo.TryRemove(new KeyValuePair<string, Lazy<object>>(key, entry));   // a failed entry is recomputed, never cached
            throw;
        }
    }
}
