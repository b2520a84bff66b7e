using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using static TorchSharp.torch;

namespace Verification.Tests.RareGems;

/// <summary>GEM-MINER on small nets: initialisation, freezing, collapse detection, NaN loss.</summary>
public class GemMinerTests
{
    public GemMinerTests() => TorchRuntime.Initialize();

    [Fact]
    public void InitialisationIsSignedConstantWithUniformScores()
    {
        using var model = new MaskedMlp([50, 40, 3]);
        GemMiner.Initialize(model, new Generator(5));
        var w = model.W[0].detach().abs().flatten().data<float>().ToArray();
        Assert.All(w, v => Assert.Equal((float)Math.Sqrt(2.0 / 50), v, 6));
        var p = model.P[0].detach().flatten().data<float>().ToArray();
        Assert.All(p, v => Assert.InRange(v, 0f, 1f));
        Assert.InRange(p.Average(), 0.45, 0.55);
        Assert.InRange(GemExperiment.Density(GemMiner.GemMask(model)), 0.45, 0.55);
    }

    [Fact]
    public void MiningReachesTheTargetDensityOnTheFlags()
    {
        using var data = SyntheticTask.Teacher(12, 3, 128, 3);
        using var model = new MaskedMlp([12, 10, 3]);
        GemMiner.Initialize(model, new Generator(1));
        var result = GemMiner.Mine(model, data, new GemMinerConfig { Density = 0.1, Epochs = 6, LearningRate = 0.05, BatchSize = 32 },
            new Generator(2));
        Assert.Equal(Math.Round(model.Size * 0.1) / model.Size, result.DensityFlags, 12);
        Assert.True(result.DensityGem <= result.DensityFlags);
        Assert.Equal(6, result.EpochLoss.Count);
    }

    [Fact]
    public void LayerCollapseIsDetectedAndReported()
    {
        // A λ far too large (spec pitfall 8): every score is pushed below 0.5, so each layer of the gem keeps nothing.
        using var data = SyntheticTask.Teacher(12, 3, 128, 4);
        using var model = new MaskedMlp([12, 10, 3]);
        GemMiner.Initialize(model, new Generator(1));
        var result = GemMiner.Mine(model, data,
            new GemMinerConfig { Density = 0.5, Epochs = 4, Lambda = 10, LearningRate = 0.2, BatchSize = 32 }, new Generator(2));
        Assert.True(result.Collapsed);
        Assert.Equal([0, 1], result.CollapsedLayers);
        Assert.Equal(0, result.DensityGem);
        Assert.True(result.DensityFlags > 0, "q is not collapsed: unflag would hide the collapse, so it is reported");
    }

    [Fact]
    public void FlippedRegulariserRaisesTheDensityWhereTheFaithfulOneLowersIt()
    {
        // The negative control of RG.lambda-controls-density: −λΣp² rewards large scores. Without freezing, from the
        // same init and batches, λ lowers the gem's density below λ = 0's and the flipped sign raises it above.
        using var data = SyntheticTask.Teacher(12, 3, 128, 5);
        double Density(double lambda, bool flip)
        {
            using var model = new MaskedMlp([12, 10, 3]);
            GemMiner.Initialize(model, new Generator(1));
            var config = new GemMinerConfig { Epochs = 4, Lambda = lambda, LearningRate = 0.05, BatchSize = 32, Freeze = false, FlipRegulariser = flip };
            return GemMiner.Mine(model, data, config, new Generator(2)).DensityGem;
        }
        double none = Density(0, false);
        Assert.Equal(none, Density(0, true));
        Assert.True(Density(0.05, false) < none - 0.1, "λ did not lower the density");
        Assert.True(Density(0.05, true) > none + 0.1, "the flipped λ did not raise the density");
    }

    [Fact]
    public void NaNLossIsRefusedWithATypedException()
    {
        using var x = full(64, 12, float.NaN);
        using var y = zeros(64, dtype: ScalarType.Int64);
        using var data = new TensorData(x, y);
        using var model = new MaskedMlp([12, 10, 3]);
        GemMiner.Initialize(model, new Generator(1));
        var e = Assert.Throws<TrainingDivergedException>(() =>
            GemMiner.Mine(model, data, new GemMinerConfig { Epochs = 3, BatchSize = 32 }, new Generator(2)));
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void SabotagedFreezingKeepsTheLargestScoresOut()
    {
        using var model = new MaskedMlp([6, 4, 2]);
        GemMiner.Initialize(model, new Generator(9));
        var scores = GemMiner.Concat(model, l => model.P[l]);
        GemMiner.Freeze(model, 10, FreezeRule.LargestScores);
        var flags = GemMiner.Concat(model, l => model.Q[l]);
        double maxKept = scores.Where((_, i) => flags[i] > 0.5).Max();
        double minFrozen = scores.Where((_, i) => flags[i] < 0.5).Min();
        Assert.Equal(10, flags.Count(f => f > 0.5));
        Assert.True(maxKept <= minFrozen);
    }

    [Fact]
    public void ConstructorRefusesDegenerateWidths()
    {
        var e = Assert.Throws<ArgumentException>(() => new MaskedMlp([784]));
        Assert.Equal("widths", e.ParamName);
        Assert.Throws<ArgumentException>(() => new MaskedMlp([4, 0, 2]));
    }
}
