// Rare Gems (arXiv 2202.12002): GEM-MINER's hyperparameters (spec §1 table and §5 small-scale proposal).
namespace Verification.LotteryTickets.RareGems;

public enum ScoreOptimizer { Sgd, Adam }

/// <summary>
/// Mining and fine-tuning settings. Density s is the fraction KEPT (the paper's "sparsity"), in (0, 1].
/// </summary>
public sealed record GemMinerConfig
{
    /// <summary>Target density s (fraction kept).</summary>
    public double Density { get; init; } = 0.02;
    /// <summary>Mining epochs E.</summary>
    public int Epochs { get; init; } = 30;
    /// <summary>Freeze every T epochs. T=1 with E=30 gives N=29 freezes, the paper's count (E=150, T=5).</summary>
    public int FreezeEvery { get; init; } = 1;
    /// <summary>λ of the L2 regulariser λ·Σp² (summed over every score). Retuned for this setup (spec pitfall 6).</summary>
    public double Lambda { get; init; } = 1e-4;
    public ScoreOptimizer Optimizer { get; init; } = ScoreOptimizer.Adam;
    /// <summary>Mining learning rate (cosine schedule). Adam 1e-2 as the paper's VGG-16 config.</summary>
    public double LearningRate { get; init; } = 1e-2;
    public int BatchSize { get; init; } = 128;
    /// <summary>Iterative freezing on (false = GEM-MINER(0)-style runs that only use λ).</summary>
    public bool Freeze { get; init; } = true;
    /// <summary>Sabotage (the negative control of RG.lambda-controls-density): the regulariser's sign flipped, −λΣp², which rewards large scores.</summary>
    public bool FlipRegulariser { get; init; }

    /// <summary>Fine-tuning epochs (the paper: the same E as mining; reduced at CI scale for every comparator alike).</summary>
    public int FineTuneEpochs { get; init; } = 30;
    /// <summary>Fine-tuning SGD learning rate (momentum 0.9, weight decay 1e-4, ×0.1 at 8/15 and 12/15 of the run).</summary>
    public double FineTuneLearningRate { get; init; } = 0.05;

    /// <summary>Throws a typed exception naming the field and its valid range.</summary>
    public GemMinerConfig Validate()
    {
        if (!(Density > 0 && Density <= 1))
            throw new ArgumentOutOfRangeException(nameof(Density), Density, "density (fraction kept) must be in (0, 1]");
        if (!(Lambda >= 0) || double.IsInfinity(Lambda))
            throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "λ must be finite and ≥ 0");
        if (FreezeEvery <= 0)
            throw new ArgumentOutOfRangeException(nameof(FreezeEvery), FreezeEvery, "T (freeze every T epochs) must be ≥ 1");
        if (Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be ≥ 1");
        if (FineTuneEpochs < 0) throw new ArgumentOutOfRangeException(nameof(FineTuneEpochs), FineTuneEpochs, "fine-tuning epochs must be ≥ 0");
        if (BatchSize <= 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be ≥ 2 (BatchNorm)");
        if (!(LearningRate > 0) || !(FineTuneLearningRate > 0) || double.IsInfinity(LearningRate) || double.IsInfinity(FineTuneLearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rates must be finite and > 0");
        if (Freeze && FreezeEvery >= Epochs && Density < 1)
            throw new ArgumentOutOfRangeException(nameof(FreezeEvery), FreezeEvery,
                $"T must be < E = {Epochs} for at least one freeze (N = floor((E−1)/T)) to reach density {Density}");
        return this;
    }
}
