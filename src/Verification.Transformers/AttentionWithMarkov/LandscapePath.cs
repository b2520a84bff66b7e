// Attention with Markov (arXiv 2402.04161), §3: the exact loss on the straight path between θ_π and θ*.
using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Core.Seeding;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// L((1−α)·θ_π + α·θ*) for α ∈ [0, 1]: for a tied model with p+q &gt; 1 the loss first rises (θ_π is a local minimum),
/// then falls to the entropy rate at θ*. A deterministic float64 series (used by the snapshot test).
/// </summary>
public static class LandscapePath
{
    public static Series Segment(double p, double q, LandscapeSizes sizes, bool tied, int seed, int points = 21, Device? device = null)
    {
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "a path needs at least 2 points");
        using var scope = NewDisposeScope();
        var config = sizes.Config(tied);
        using var model = new TheoryTransformer(config, device: device);
        LandscapePoints.Unigram(model, p, q, new Rng(Seeds.Derive(seed, "theta-pi")));
        var thetaPi = model.Flatten();                                                      // (D)
        LandscapePoints.GlobalMinimum(model, p, q, new Rng(Seeds.Derive(seed, "theta-star")));
        var thetaStar = model.Flatten();                                                    // (D)
        var loss = new ExactPopulationLoss(p, q, sizes.Length, device);
        var alphas = Enumerable.Range(0, points).Select(i => i / (double)(points - 1)).ToArray();
        using var _ = no_grad();
        var values = alphas.Select(a => loss.AtTheta(config, (1 - a) * thetaPi + a * thetaStar).item<double>()).ToArray();
        return new Series($"{(tied ? "tied" : "untied")} ({p},{q})", alphas, values, Group: tied ? "tied" : "untied");
    }

    /// <summary>The path for tied and untied models with the entropy-rate and H(π) reference lines.</summary>
    public static Figure Figure(double p, double q, LandscapeSizes sizes, int seed, Device? device = null)
    {
        var chain = new BinaryMarkovChain(p, q);
        double[] x = [0, 1];
        return new Figure($"am-path-{p}-{q}", $"Exact loss from θ_π (α=0) to θ* (α=1), (p,q)=({p},{q}), {sizes}", "α", "L (nats)",
        [
            Segment(p, q, sizes, true, seed, device: device),
            Segment(p, q, sizes, false, seed, device: device),
            new Series("entropy rate", x, [chain.EntropyRate, chain.EntropyRate], SeriesStyle.Reference, "references"),
            new Series("H(π)", x, [chain.StationaryEntropy, chain.StationaryEntropy], SeriesStyle.Reference, "references"),
        ], Caption: "The exact loss starts at H(π) at θ_π (α = 0) and ends at the entropy rate at θ* (α = 1), both labelled lines.");
    }
}
