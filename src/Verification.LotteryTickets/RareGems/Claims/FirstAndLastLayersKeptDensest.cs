// Rare Gems (arXiv 2202.12002), §4 Fig. 7 (layer-wise density): GEM-MINER, like IMP, spends its budget on the first
// and last layers (ResNet-20 at 1.4%: first conv ≈ 34.5%, classifier 25.9%, middle convs 8.7% down to 0.33%).
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>
/// At every density of the experiment (seed 0 of the paired seeds), the gem r(p)⊙q and IMP's ticket each keep a larger
/// fraction of the first layer and of the last layer than of every middle layer. <b>Recorded finding: refuted here.</b>
/// The MLP's first layer (784×300) holds 88% of the weights, unlike ResNet-20's first conv (432 of ≈ 270k), and both
/// methods keep it the sparsest: density follows layer size, not position (docs/papers/RG.md). The positive control is
/// Smart Ratio's masks (keep ratio ∝ (L−l+1)² + (L−l+1), classifier 30%), which have the ordering by construction.
/// </summary>
public sealed class FirstAndLastLayersKeptDensest(GemExperiments experiments) : GemClaim<FirstAndLastLayersKeptDensest.Settings>(experiments)
{
    public sealed record Settings(RareGemsSettings Experiment) : IClaimSettings<Settings>, IGemSettings
    {
        public static Settings For(Scale scale) => new(RareGemsSettings.For(scale));
    }

    public override string Id => "RG.first-and-last-layers-kept-densest";
    public override string Section => "§4, Fig. 7 (layer-wise density of GEM-MINER and IMP)";
    public override string Statement =>
        "At every target density, GEM-MINER's gem and IMP's ticket each keep a larger fraction of the first layer and of the last layer than of any middle layer.";
    public override string NegativeControl =>
        "positive control: Smart Ratio's masks at the same densities, whose layer ratios put the first and last layers above the middle by construction";
    public override Verdict Recorded => Verdict.Refuted;

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var (experiment, densities) = (Experiment(context, settings), settings.Experiment.Densities);
        var layers = densities.SelectMany((s, k) =>
        {
            context.Report(k / (double)densities.Count);
            var gem = experiment.Gem(s, 0, context, FreezeRule.SmallestScores);
            return construction == Construction.Faithful
                ? new[] { ("gem", s, gem.Gem), ("imp", s, experiment.Imp(s, gem.InitWeights, context.DeriveSeed("rg.init.0"), context.DeriveSeed("rg.imp.0")).Mask) }
                : [("smart-ratio", s, Comparators.SmartRatio(gem.InitWeights, s, context.DeriveSeed("rg.smartratio.0")))];
        }).Select(m => (Label: $"s={m.Item2}.{m.Item1}", Density: m.Item3.Select(t => t.to(TorchSharp.torch.ScalarType.Float64).mean().item<double>()).ToArray())).ToList();
        var obs = new Observations();
        foreach (var m in layers)
            foreach (var (l, d) in m.Density.Index()) obs.Measure($"{m.Label}.layer{l}.density", d);
        // Fig. 7: first and last layer each denser than every middle layer (density ratio ≥ 1; the worst pair is shown)
        var middle = layers.SelectMany(m => Enumerable.Range(1, m.Density.Length - 2).Select(l => (m.Label, m.Density, Layer: l))).ToList();
        return obs.ExpectAll("first-over-middle", middle.Select(x => ($"{x.Label}.layer{x.Layer}", x.Density[0] / x.Density[x.Layer], 1.0)), Tolerance.AtLeast())
            .ExpectAll("last-over-middle", middle.Select(x => ($"{x.Label}.layer{x.Layer}", x.Density[^1] / x.Density[x.Layer], 1.0)), Tolerance.AtLeast())
            .Conclude("the first and the last layer are each kept denser than every middle layer");
    }
}
