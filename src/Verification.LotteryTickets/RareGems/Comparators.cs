// Rare Gems (arXiv 2202.12002), §4 comparators (spec §2) built on a given set of init weights: every comparator is
// scored and evaluated on the same weights as the gem, at the same target density.
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>The sparse baselines every gem is compared with, each built on the gem's own init weights at its density.</summary>
public static class Comparators
{
    public static Tensor[] UniformRandom(IReadOnlyList<Tensor> weights, double density, long seed)
    {
        using var model = GemExperiment.Build(weights, weights.Select(w => ones_like(w)).ToArray());
        return Baselines.UniformRandom(model, density, new Generator((ulong)seed));
    }

    public static Tensor[] SmartRatio(IReadOnlyList<Tensor> weights, double density, long seed)
    {
        using var model = GemExperiment.Build(weights, weights.Select(w => ones_like(w)).ToArray());
        return Baselines.RandomWithRatios(model, Baselines.SmartRatios(model.Widths, density), new Generator((ulong)seed));
    }

    public static Tensor[] Snip(IReadOnlyList<Tensor> weights, TensorData train, double density)
    {
        using var model = GemExperiment.Build(weights, weights.Select(w => ones_like(w)).ToArray());
        return Baselines.Snip(model, train, density);
    }

    public static Tensor[] SynFlow(IReadOnlyList<Tensor> weights, double density)
    {
        using var model = GemExperiment.Build(weights, weights.Select(w => ones_like(w)).ToArray());
        return Baselines.SynFlow(model, density);
    }

    public static Tensor[] GraSP(IReadOnlyList<Tensor> weights, TensorData train, double density)
    {
        using var model = GemExperiment.Build(weights, weights.Select(w => ones_like(w)).ToArray());
        return Baselines.GraSP(model, train, density);
    }
}
