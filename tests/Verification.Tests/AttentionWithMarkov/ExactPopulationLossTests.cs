using Verification.Core.Runtime;
using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.Tests.Support;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>Exact enumeration, autograd gradient and double-backward Hessian of the population loss (spec §5).</summary>
public class ExactPopulationLossTests
{
    public ExactPopulationLossTests() => TorchRuntime.Initialize();

    [Fact]
    public void SequenceProbabilitiesSumToOne()
    {
        var loss = new ExactPopulationLoss(0.3, 0.6, 5);
        Assert.Equal(64, loss.Inputs.shape[0]);
        Assertions.Close(1, loss.Weights.sum().item<double>(), Tolerance.Abs(1e-14), "Σ P(x)");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(0)]
    public void LengthOutsideTheEnumerableRangeIsRejectedWithAHintToUseMonteCarlo(int n)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ExactPopulationLoss(0.5, 0.8, n));
        Assert.Equal("length", e.ParamName);
        Assert.Contains("Monte-Carlo", e.Message);
    }

    [Theory]
    [InlineData(0.0, 0.5, "p")]
    [InlineData(1.0, 0.5, "p")]
    [InlineData(0.5, 0.0, "q")]
    [InlineData(0.5, double.NaN, "q")]
    public void ProbabilitiesOutsideTheOpenIntervalAreRejected(double p, double q, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ExactPopulationLoss(p, q, 4));
        Assert.Equal(name, e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            LandscapePoints.GlobalMinimum(new TheoryTransformer(new TheoryTransformerConfig(2, 4, 2, true)), p, q, new Rng(1)));
    }

    [Theory]
    [InlineData(0, 4, 8, "Dim")]
    [InlineData(2, 0, 8, "Length")]
    [InlineData(2, 4, -1, "Hidden")]
    public void NonPositiveSizesAreRejected(int d, int n, int r, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TheoryTransformer(new TheoryTransformerConfig(d, n, r, true)));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void ModelAndLossMustAgreeOnLength()
    {
        var model = new TheoryTransformer(new TheoryTransformerConfig(2, 5, 2, true));
        Assert.Throws<ArgumentException>(() => new ExactPopulationLoss(0.5, 0.8, 4).Value(model));
    }

    [Fact]
    public void HessianIsSymmetricAndMatchesFiniteDifferencesOfTheGradient()
    {
        var config = new TheoryTransformerConfig(2, 3, 3, false);
        var model = new TheoryTransformer(config, new Generator(9));
        using (no_grad())
            foreach (var name in config.Names()) model[name].normal_(0, 0.7, new Generator(11));
        var loss = new ExactPopulationLoss(0.3, 0.6, 3);
        var h = loss.Hessian(model);
        var theta = model.Flatten();
        const double step = 1e-5;
        var rng = new Rng(2);
        for (int trial = 0; trial < 6; trial++)
        {
            int j = rng.NextInt(config.ParameterCount);
            var plus = theta.clone();
            plus[j] += step;
            var minus = theta.clone();
            minus[j] -= step;
            model.Unflatten(plus);
            var gPlus = loss.Gradient(model);
            model.Unflatten(minus);
            var gMinus = loss.Gradient(model);
            model.Unflatten(theta);
            for (int i = 0; i < config.ParameterCount; i++)
                Assertions.Close((gPlus[i] - gMinus[i]) / (2 * step), h[i, j], Tolerance.Rel(1e-5, 1e-7), $"H[{i},{j}]");
        }
    }

    [Fact]
    public void TheoryModelIsCausal()
    {
        var model = new TheoryTransformer(new TheoryTransformerConfig(3, 6, 4, true), new Generator(3));
        using (no_grad())
            foreach (var name in model.Config.Names()) model[name].normal_(0, 1, new Generator(4));
        using var _ = no_grad();
        var a = model.call(tensor(new long[] { 0, 1, 1, 0, 0, 1 }, [1, 6])).data<double>().ToArray();
        var b = model.call(tensor(new long[] { 0, 1, 1, 1, 1, 0 }, [1, 6])).data<double>().ToArray();
        for (int t = 0; t < 3; t++) Assertions.Close(a[t], b[t], Tolerance.Abs(1e-14), $"logit {t}");
        Assert.NotEqual(a[4], b[4]);
    }

    [Fact]
    public void FlattenAndUnflattenRoundTripInTheDocumentedOrder()
    {
        var config = new TheoryTransformerConfig(2, 3, 4, true);
        var model = new TheoryTransformer(config, new Generator(1));
        model.Assign("b", [0.25]);
        model.Assign("e", [1.0, -2.0]);
        var theta = model.Flatten();
        Assert.Equal(config.ParameterCount, (int)theta.shape[0]);
        Assert.Equal(2 + 6 + 4 * 4 + 8 + 8 + 1, config.ParameterCount);
        Assert.Equal(1.0, theta[0].item<double>());
        Assert.Equal(0.25, theta[^1].item<double>());
        var other = new TheoryTransformer(config, new Generator(2));
        other.Unflatten(theta);
        Assert.True(other.Flatten().allclose(theta, 0, 0));
    }
}
