using Verification.Core.Numerics;
using Verification.Core.Runtime;
using Verification.Tests.Support;
using Verification.Transformers.LocalToGlobal;
using static TorchSharp.torch;

namespace Verification.Tests.LocalToGlobal;

/// <summary>The rank-one energy fraction and the watched full-model runs behind LG.trained-weights-become-rank-one.</summary>
public class RankOneTrainingTests
{
    public RankOneTrainingTests() => TorchRuntime.Initialize();

    [Fact]
    public void EnergyFractionIsOneForRankOneAndSpreadForOrthogonalRows()
    {
        using var u = tensor(new double[] { 1, -2, 3 }, [3, 1]);
        using var v = tensor(new double[] { 0.5, 4 }, [1, 2]);
        Assertions.Close(1, WeightEnergy.Fraction(u.matmul(v)), Tolerance.Abs(1e-12), "u vᵀ");
        using var diag = tensor(new double[] { 3, 0, 0, 1 }, [2, 2]);
        Assertions.Close(0.9, WeightEnergy.Fraction(diag), Tolerance.Abs(1e-12), "diag(3, 1): 9/10");
    }

    [Fact]
    public void RunIsTheFullModelRunOfTheSameSeed()
    {
        var config = FullTrainingConfig.Smoke with { Iterations = 40 };
        var watched = RankOneTraining.Train(0.2, 0.3, config, 11, recordEvery: 10);
        var plain = FullModelTraining.Train(0.2, 0.3, config, FullInit.Standard, tied: true, 11);
        Assert.Equal(plain.FinalLoss, watched.FinalLoss);
        Assert.Equal([0, 10, 20, 30, 40], watched.Steps);
        Assert.Equal(watched.Init.W1, watched.W1[0]);
    }

    [Fact]
    public void WithoutALearningRateTheWeightsStayAsDrawn()
    {
        var run = RankOneTraining.Train(0.2, 0.3, FullTrainingConfig.Smoke with { Iterations = 20, LearningRate = 0 }, 3);
        Assert.Equal(run.Init, run.Final);
    }
}
