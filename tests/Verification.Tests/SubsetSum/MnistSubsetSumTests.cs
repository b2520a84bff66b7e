using TorchSharp;
using Verification.Core.Runtime;
using Verification.LotteryTickets.SubsetSum;
using Verification.Tests.Support;
using Verification.Core.Numerics;

namespace Verification.Tests.SubsetSum;

/// <summary>The pieces of Experiment 1 (arXiv 2006.07990 §4) that the registered claim does not isolate.</summary>
public class MnistSubsetSumTests
{
    public MnistSubsetSumTests() => TorchRuntime.Initialize();

    [Fact]
    public void BiasFreeMlpRoundTripsItsWeightsAndHasNoBias()
    {
        using var scope = torch.NewDisposeScope();
        var model = new BiasFreeMlp(6, 4, 3, new torch.Generator(3));
        Assert.Equal(2, model.parameters().Count());   // W1 and W2 only
        var (w1, w2) = model.Weights();
        w1[1, 2] = 0.125;
        model.SetWeights(w1, w2);
        Assertions.Close(0.125, model.Weights().W1[1, 2], Tolerance.Abs(0), "W1[1,2] (exact in float32)");
        // no bias: f(0) = 0
        var y = model.call(torch.zeros(1, 6));
        Assert.Equal(0f, y.abs().max().item<float>());
    }

    [Fact]
    public void RedundantLayerHasTheRedLayerShapesTrainsOnlyScoresAndRejectsBadSizes()
    {
        using var scope = torch.NewDisposeScope();
        var gen = new torch.Generator(5);
        var layer = new RedundantLayer(6, 3, 5, relu: true, keepFraction: 0.5, gen);
        Assert.Equal(6 * 5 + 3 * 6 * 5, layer.Weights);                         // weight1 (in·r) + weight2 (out, in·r)
        Assert.Equal(2, layer.parameters().Count());                            // the two score tensors only
        Assert.Equal(new long[] { 4, 3 }, layer.call(torch.rand(4, 6, generator: gen)).shape);   // (B, in) → (B, out)
        Assert.Throws<ArgumentOutOfRangeException>(() => new RedundantLayer(6, 3, 0, true, 0.5, gen));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RedundantLayer(6, 3, 5, true, 0, gen));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RedundantLayer(6, 3, 5, true, 1.5, gen));
    }

    [Fact]
    public void SettingsOutOfRangeAreRefused()
    {
        var bad = MnistSubsetSumSettings.Smoke with { Terms = 41 };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MnistSubsetSumExperiment().Run(bad, 1, () => new MeetInTheMiddle()));
        Assert.Contains("Terms", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MnistSubsetSumExperiment().Run(MnistSubsetSumSettings.Smoke with { Epsilon = 0 }, 1, () => new MeetInTheMiddle()));
    }
}
