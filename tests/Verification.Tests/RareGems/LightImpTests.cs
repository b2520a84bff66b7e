using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using static TorchSharp.torch;

namespace Verification.Tests.RareGems;

/// <summary>Light IMP: exact global density, nested masks, rewind to init, a useful ticket, typed bad input.</summary>
public class LightImpTests
{
    public LightImpTests() => TorchRuntime.Initialize();

    private static float[] Flat(Tensor t) => t.detach().flatten().data<float>().ToArray();

    [Fact]
    public void ImpReachesTheExactGlobalDensityAndRewindsTheWeightsToInit()
    {
        using var data = SyntheticTask.Teacher(20, 4, 256, 21);
        using var model = new MaskedMlp([20, 16, 8, 4]);
        GemMiner.Initialize(model, new Generator(1));
        var init = model.W.Select(Flat).ToArray();
        var mask = LightImp.Prune(model, data, 0.2, new ImpConfig(3, 2, BatchSize: 64), new Generator(2));
        Assert.Equal(Math.Round(0.2 * model.Size), mask.Sum(m => m.sum().item<float>()));
        Assert.All(mask, m => Assert.True(m.eq(0).logical_or(m.eq(1)).all().item<bool>(), "the mask is 0/1"));
        for (int l = 0; l < model.Layers; l++) Assert.Equal(init[l], Flat(model.W[l]));
        Assert.Equal(MaskMode.Fixed, model.Mode);
        for (int l = 0; l < model.Layers; l++) Assert.Equal(Flat(mask[l]), Flat(model.M[l]));
    }

    [Fact]
    public void ImpMasksAreNestedAcrossRounds()
    {
        // Two rounds to 25% start with the same round as one round to 50% (same init and shuffling): the second round
        // may only prune among the entries the first one kept.
        using var data = SyntheticTask.Teacher(20, 4, 256, 22);
        using var one = new MaskedMlp([20, 16, 4]);
        using var two = new MaskedMlp([20, 16, 4]);
        GemMiner.Initialize(one, new Generator(3));
        GemMiner.Initialize(two, new Generator(3));
        var first = LightImp.Prune(one, data, 0.5, new ImpConfig(1, 2, BatchSize: 64), new Generator(4));
        var second = LightImp.Prune(two, data, 0.25, new ImpConfig(2, 2, BatchSize: 64), new Generator(4));
        for (int l = 0; l < first.Length; l++)
            Assert.True(second[l].le(first[l]).all().item<bool>(), $"layer {l}: round 2 keeps an entry that round 1 pruned");
    }

    [Fact]
    public void ImpTicketTrainsAboveChanceAndKeepsTrainedLargeWeights()
    {
        using var data = SyntheticTask.Teacher(20, 4, 512, 23);
        using var model = new MaskedMlp([20, 32, 16, 4]);
        GemMiner.Initialize(model, new Generator(5));
        var mask = LightImp.Prune(model, data, 0.3, new ImpConfig(2, 4, BatchSize: 64), new Generator(6));
        Training.FineTune(model, data, 6, 0.05, 64, new Generator(7));
        double accuracy = Training.Accuracy(model, data);
        Assert.True(accuracy > 0.6, $"IMP ticket after fine-tuning: training accuracy {accuracy} (chance 0.25)");
        Assert.Equal(Math.Round(0.3 * model.Size), mask.Sum(m => m.sum().item<float>()));
    }

    [Theory]
    [InlineData(0, 1, "Rounds")]
    [InlineData(2, 0, "EpochsPerRound")]
    public void BadConfigIsRefusedNamingTheField(int rounds, int epochs, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ImpConfig(rounds, epochs).Validate());
        Assert.Equal(field, e.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void DensityOutsideTheUnitIntervalIsRefused(double density)
    {
        using var data = SyntheticTask.Teacher(6, 2, 32, 24);
        using var model = new MaskedMlp([6, 4, 2]);
        GemMiner.Initialize(model, new Generator(1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LightImp.Prune(model, data, density, new ImpConfig(1, 1), new Generator(2)));
        Assert.Equal("density", e.ParamName);
    }

    [Fact]
    public void NaNLossInARoundIsRefusedWithATypedException()
    {
        using var x = full(64, 6, float.NaN);
        using var y = zeros(64, dtype: ScalarType.Int64);
        using var data = new TensorData(x, y);
        using var model = new MaskedMlp([6, 4, 2]);
        GemMiner.Initialize(model, new Generator(1));
        var e = Assert.Throws<TrainingDivergedException>(() => LightImp.Prune(model, data, 0.5, new ImpConfig(2, 1, BatchSize: 32), new Generator(2)));
        Assert.Contains("fine-tuning loss is NaN at epoch 0", e.Message);
    }

    [Fact]
    public void PruneFractionIsTheGeometricPerRoundRate()
    {
        Assert.Equal(0.2, new ImpConfig(5, 1).PruneFraction(Math.Pow(0.8, 5)), 12);   // the paper's IMP: 20% per round
        Assert.Equal(1 - Math.Pow(0.02, 1.0 / 6), new ImpConfig(6, 3).PruneFraction(0.02), 12);
    }
}
