// Rare Gems (arXiv 2202.12002): sizes of the small-scale MNIST replication (spec §5) per scale.
using Verification.Core.Claims;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>Sizes of the MNIST experiment. Every comparator gets the same data, fine-tuning budget and seeds.</summary>
public sealed record RareGemsSettings(
    int TrainSize,
    int Epochs,
    int FineTuneEpochs,
    int Seeds,
    IReadOnlyList<double> Densities)
{
    public static readonly int[] Widths = [784, 300, 100, 10];

    /// <summary>λ = 1e-4 chosen once on the validation split at 2% (grid {0, 3e-5, 1e-4, 3e-4}: 62.9/95.8/95.9/93.9%), then frozen.</summary>
    public const double Lambda = 1e-4;

    /// <summary>Paper-like: all 7k training digits, E = 30 with T = 1 (N = 29 freezes, the paper's count), 3 seeds, s ∈ {5, 2, 1}%.</summary>
    public static readonly RareGemsSettings Paper = new(7000, 30, 30, 3, [0.05, 0.02, 0.01]) { Imp = new(10, 3) };

    /// <summary>CI: half the training digits and E = 20 (N = 19 freezes), fine-tuning for the same E, 3 paired seeds, s = 2%.</summary>
    public static readonly RareGemsSettings Ci = new(3500, 20, 20, 3, [0.02]) { Imp = new(6, 3) };

    /// <summary>Smoke: too small for an honest MNIST comparison; the MNIST claims do not run at smoke scale.</summary>
    public static readonly RareGemsSettings Smoke = new(1000, 5, 5, 1, [0.05]) { Imp = new(2, 1) };

    /// <summary>
    /// Light IMP (reference only, spec §2): rounds × epochs per round of pruning, about the mining budget E (the paper's
    /// IMP needs 19 rounds of 150 epochs to reach 1.4%); its ticket then gets the same fine-tuning as every comparator.
    /// </summary>
    public ImpConfig Imp { get; init; } = new(6, 3);

    /// <summary>Where the experiment's tensors live (torch's default device when null); not a parameter of the claim.</summary>
    public Device? Device { get; init; }

    public static RareGemsSettings For(Scale scale) => scale switch
    {
        Scale.Smoke => Smoke,
        Scale.Ci => Ci,
        _ => Paper,
    };

    /// <summary>The sizes of the claim's scale on the run's device.</summary>
    public static RareGemsSettings For(ClaimContext context) => For(context.Scale) with { Device = context.Device.ToTorch() };

    public GemMinerConfig Config(double density) => new()
    {
        Density = density,
        Epochs = Epochs,
        FreezeEvery = 1,
        Lambda = Lambda,
        FineTuneEpochs = FineTuneEpochs,
    };

    public IReadOnlyDictionary<string, object> Describe() => new Dictionary<string, object>
    {
        ["model"] = "MLP 784-300-100-10, bias-free, non-affine BatchNorm, signed-constant weights",
        ["train digits"] = TrainSize,
        ["mining epochs E (T = 1)"] = Epochs,
        ["fine-tuning epochs"] = FineTuneEpochs,
        ["paired seeds"] = Seeds,
        ["densities"] = string.Join(", ", Densities.Select(d => $"{d:P0}")),
        ["lambda"] = Lambda,
        ["light IMP"] = $"{Imp.Rounds} rounds × {Imp.EpochsPerRound} epochs, rewind to init, global |w| pruning to s^(r/{Imp.Rounds}) (reference, not gating)",
        ["mining optimiser"] = "Adam 1e-2, cosine, batch 128",
        ["fine-tuning optimiser"] = "SGD 0.05, momentum 0.9, wd 1e-4, ×0.1 at 8/15 and 12/15",
        ["evaluation"] = "test split (2,000 digits); BN statistics recomputed on the training digits before every pre-finetune evaluation",
    };
}
