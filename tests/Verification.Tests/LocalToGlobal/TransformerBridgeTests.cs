using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.Tests.Support;
using Verification.Transformers.LocalToGlobal;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.LocalToGlobal;

/// <summary>The exact map (e, w, b) → full transformer weights (spec §1), and the full-model training helper.</summary>
public class TransformerBridgeTests
{
    private static TheoryTransformer Model(bool tied = true, int d = 5, int n = 7, int r = 12) =>
        new(new TheoryTransformerConfig(d, n, r, tied), new Generator(3));

    [Theory]
    [InlineData(1.0, 0.5, -0.3)]
    [InlineData(1.3, -1.2, 0.7)]
    [InlineData(-0.8, 0.7, 0.1)]
    [InlineData(-1.1, -0.9, -0.5)]
    [InlineData(0.0, 2.0, 0.4)]
    public void FullModelLogitsEqualTheCanonicalLogitsInFloat64(double e, double w, double b)
    {
        var model = Model();
        TransformerBridge.Load(model, e, w, b);
        var (f0, f1) = new CanonicalModel(0.2, 0.3).Logits(e, w, b);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long[] x = [0, 1, 1, 0, 1, 0, 0];
        var logits = model.call(tensor(x, [1, 7])).data<double>().ToArray();
        for (int i = 0; i < x.Length; i++)
            Assertions.Close(x[i] == 1 ? f1 : f0, logits[i], Tolerance.Abs(1e-12), $"logit at position {i}");
    }

    [Fact]
    public void ExactPopulationLossOfTheImageIsTheCanonicalLoss()
    {
        var model = Model(n: 5);
        TransformerBridge.Load(model, 1.2, -1.0, 0.4);
        var canonical = new CanonicalModel(0.5, 0.8);
        Assertions.Close(canonical.Loss(1.2, -1.0, 0.4), new ExactPopulationLoss(0.5, 0.8, 5).Value(model), Tolerance.Abs(1e-13), "L");
    }

    [Fact]
    public void RandomSignDirectionBreaksTheReduction()
    {
        var model = Model(r: 32);
        TransformerBridge.Load(model, 1.2, -1.0, 0.4, BridgeVariant.RandomSignU, new Rng(2));
        var canonical = new CanonicalModel(0.5, 0.8);
        double diff = Math.Abs(canonical.Loss(1.2, -1.0, 0.4) - new ExactPopulationLoss(0.5, 0.8, 7).Value(model));
        Assert.True(diff > 1e-3, $"|ΔL| = {diff}");
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => TransformerBridge.Load(Model(tied: false), 1, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransformerBridge.Load(Model(), double.NaN, 1, 0));
        Assert.Throws<ArgumentNullException>(() => TransformerBridge.Load(Model(), 1, 1, 0, BridgeVariant.RandomSignU));
    }

    [Fact]
    public void OneCycleScheduleWarmsUpPeaksAndAnneals()
    {
        var c = new FullTrainingConfig(Iterations: 1000);
        Assertions.Close(c.LearningRate / 25, c.LearningRateAt(0), Tolerance.Rel(1e-12), "start");
        Assertions.Close(c.LearningRate, c.LearningRateAt(20), Tolerance.Rel(1e-12), "peak after 2% warm-up");
        Assert.True(c.LearningRateAt(999) < c.LearningRate / 1e4, "annealed");
        Assert.True(c.LearningRateAt(500) < c.LearningRateAt(100));
    }

    [Fact]
    public void SmokeSizedStandardRunLearnsTheBigramWhenSwitchingFactorIsBelowOne()
    {
        var run = FullModelTraining.Train(0.2, 0.3, FullTrainingConfig.Smoke, FullInit.Standard, tied: true, seed: 1);
        var m = new CanonicalModel(0.2, 0.3);
        Assert.True(Math.Abs(run.FinalLoss - m.EntropyRate) < 0.02, $"final {run.FinalLoss}, H* {m.EntropyRate}");
        Assert.Equal(run.FinalLoss, run.Losses[^1]);
        Assert.Throws<ArgumentException>(() => FullModelTraining.Train(0.2, 0.3, FullTrainingConfig.Smoke, FullInit.Guideline, tied: false, seed: 1));
    }
}
