// Iterative magnitude pruning (Frankle & Carbin 2019; Frankle et al. 2020) as the Rare Gems paper uses it for its
// reference curves (arXiv 2202.12002, §4 Figs. 3–5 and 7, Table 1; the reference code's `imp_main.py`; spec §2),
// in a light form: R short rounds instead of 19 rounds of 150 epochs. Each round rewinds the surviving weights to
// their init values (rewind to init, not to iteration 1000), trains them under the current mask, then prunes the
// active weights with the smallest trained |w| globally across layers, so that the density after round r is s^{r/R}.
// The CI reference; paper scale runs the paper's own IMP with warm-up rewinding (ImpWithWarmup.cs).
using TorchSharp;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>Light IMP settings: <paramref name="Rounds"/> prune-and-rewind rounds of <paramref name="EpochsPerRound"/> epochs.</summary>
public sealed record ImpConfig(int Rounds, int EpochsPerRound, double LearningRate = 0.05, int BatchSize = 128) : ImpReference
{
    public ImpConfig Validate()
    {
        if (Rounds <= 0) throw new ArgumentOutOfRangeException(nameof(Rounds), Rounds, "IMP needs ≥ 1 prune-and-rewind round");
        if (EpochsPerRound <= 0)
            throw new ArgumentOutOfRangeException(nameof(EpochsPerRound), EpochsPerRound, "IMP needs ≥ 1 training epoch per round");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be finite and > 0");
        if (BatchSize <= 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be ≥ 2 (BatchNorm)");
        return this;
    }

    public override string Describe() => "light, rewind to init";

    /// <summary>Fraction of the active weights pruned per round, 1 − s^{1/R} (the paper's IMP: 20% per round).</summary>
    public double PruneFraction(double density) => 1 - Math.Pow(density, 1.0 / Rounds);
}

public static class LightImp
{
    /// <summary>
    /// Runs light IMP on <paramref name="model"/>, whose current weights are the init (rewind) point; returns the final
    /// mask at density <paramref name="density"/> (exact global count round(s·d)) and leaves the model's weights at init
    /// under that mask. Training per round is the fine-tuning routine (SGD, momentum 0.9, wd 1e-4, step decay).
    /// </summary>
    public static Tensor[] Prune(MaskedMlp model, TensorData train, double density, ImpConfig config, Generator shuffle,
        Action<double>? progress = null)
    {
        config.Validate();
        if (!(density > 0 && density <= 1))
            throw new ArgumentOutOfRangeException(nameof(density), density, "density (fraction kept) must be in (0, 1]");
        var init = model.W.Select(w => w.detach().clone()).ToArray();
        var mask = model.W.Select(w => ones_like(w)).ToArray();
        for (int r = 1; r <= config.Rounds; r++)
        {
            model.LoadWeights(init);
            Training.UseMask(model, mask);
            Training.FineTune(model, train, config.EpochsPerRound, config.LearningRate, config.BatchSize, shuffle);
            var scores = model.W.Select((w, l) => w.detach().abs() * mask[l]).ToArray();   // pruned entries score 0
            mask = Baselines.GlobalTopK(scores, Math.Pow(density, (double)r / config.Rounds), largest: true);
            progress?.Invoke((double)r / config.Rounds);
        }
        model.LoadWeights(init);
        Training.UseMask(model, mask);
        return mask;
    }

}
