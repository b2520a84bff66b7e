using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using static TorchSharp.torch;

namespace Verification.Tests.RareGems;

/// <summary>The comparators keep exactly the requested density and behave as their papers describe.</summary>
public class BaselinesTests
{
    public BaselinesTests() => TorchRuntime.Initialize();

    private static MaskedMlp Model()
    {
        var model = new MaskedMlp([30, 20, 10, 4]);
        GemMiner.Initialize(model, new Generator(3));
        return model;
    }

    private static long Ones(Tensor m) => (long)m.sum().item<float>();

    [Fact]
    public void UniformRandomKeepsExactlyTheDensityInEveryLayer()
    {
        using var model = Model();
        var mask = Baselines.UniformRandom(model, 0.1, new Generator(1));
        for (int l = 0; l < model.Layers; l++) Assert.Equal((long)Math.Round(0.1 * model.LayerSize(l)), Ones(mask[l]));
    }

    [Fact]
    public void ShufflingWithinLayersKeepsEachLayersCountButMovesTheEntries()
    {
        using var model = Model();
        var mask = Baselines.UniformRandom(model, 0.3, new Generator(1));
        var shuffled = Baselines.ShuffleWithinLayers(mask, new Generator(2));
        for (int l = 0; l < model.Layers; l++) Assert.Equal(Ones(mask[l]), Ones(shuffled[l]));
        Assert.False(mask[0].eq(shuffled[0]).all().item<bool>(), "a 600-entry mask should move under a random permutation");
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.05)]
    [InlineData(0.5)]
    public void SmartRatiosSumToTheDensityWithTheClassifierAtThirtyPercent(double density)
    {
        int[] widths = [784, 300, 100, 10];
        var ratios = Baselines.SmartRatios(widths, density);
        double[] sizes = [784 * 300, 300 * 100, 100 * 10];
        Assert.Equal(density * sizes.Sum(), ratios.Zip(sizes, (r, n) => r * n).Sum(), 6);
        Assert.Equal(0.3, ratios[^1], 12);
        Assert.All(ratios, r => Assert.InRange(r, 0, 1));
        Assert.True(ratios[0] >= ratios[1] || ratios[0] == 1, "earlier layers get the larger quadratic weight");
    }

    [Fact]
    public void GlobalTopKKeepsExactlyKWithTiesByIndex()
    {
        Tensor[] scores = [tensor(new float[] { 1, 1, 1, 1 }).view(2, 2), tensor(new float[] { 1, 0 }).view(1, 2)];
        var mask = Baselines.GlobalTopK(scores, 0.5, largest: true);
        Assert.Equal(new float[] { 1, 1, 1, 0 }, mask[0].flatten().data<float>().ToArray());
        Assert.Equal(new float[] { 0, 0 }, mask[1].flatten().data<float>().ToArray());
    }

    [Fact]
    public void SnipSynFlowAndGraSPKeepTheGlobalDensity()
    {
        using var data = SyntheticTask.Teacher(30, 4, 128, 7);
        foreach (var make in new Func<MaskedMlp, Tensor[]>[]
                 {
                     m => Baselines.Snip(m, data, 0.2), m => Baselines.SynFlow(m, 0.2, rounds: 10), m => Baselines.GraSP(m, data, 0.2),
                 })
        {
            using var model = Model();
            var before = model.W.Select(w => w.detach().clone()).ToArray();
            var mask = make(model);
            Assert.Equal((long)Math.Round(0.2 * model.Size), mask.Sum(Ones));
            for (int l = 0; l < model.Layers; l++) Assert.True(before[l].eq(model.W[l].detach()).all().item<bool>(), "scoring leaves the weights unchanged");
        }
    }

    [Fact]
    public void SnipKeepsTheLargestConnectionSensitivity()
    {
        using var data = SyntheticTask.Teacher(30, 4, 128, 7);
        using var model = Model();
        var mask = Baselines.Snip(model, data, 0.1);
        // Recompute |w ⊙ g| and check that every kept entry scores at least as high as every pruned one.
        Training.UseMask(model, model.W.Select(w => ones_like(w)).ToArray());
        foreach (var w in model.W) w.requires_grad_(true);
        nn.functional.cross_entropy(model.call(data.X.slice(0, 0, 128, 1)), data.Y.slice(0, 0, 128, 1)).backward();
        var scores = model.W.Select(w => (w.detach() * w.grad!).abs().flatten()).ToArray();
        var all = cat(scores);
        var kept = cat(mask.Select(m => m.flatten()).ToArray());
        double minKept = all.masked_select(kept.gt(0.5)).min().item<float>();
        double maxPruned = all.masked_select(kept.lt(0.5)).max().item<float>();
        Assert.True(minKept >= maxPruned, $"min kept {minKept} < max pruned {maxPruned}");
    }
}
