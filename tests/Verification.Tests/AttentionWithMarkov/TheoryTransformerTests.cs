using Verification.Core.Runtime;
using Verification.Core.Markov;
using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.Tests.Support;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>The theory model (spec §2), the exact population loss and the explicit points of §3.</summary>
public class TheoryTransformerTests
{
    public TheoryTransformerTests() => TorchRuntime.Initialize();

    private static TheoryTransformer Model(bool tied, int d = 4, int n = 6, int r = 8) =>
        new(new TheoryTransformerConfig(d, n, r, tied), new Generator(5));

    [Theory]
    [InlineData(0.5, 0.8, true)]
    [InlineData(0.5, 0.8, false)]
    [InlineData(0.2, 0.3, true)]
    [InlineData(0.7, 0.9, false)]
    public void GlobalMinimumPredictsTheKernelAndReachesTheEntropyRate(double p, double q, bool tied)
    {
        var model = Model(tied);
        LandscapePoints.GlobalMinimum(model, p, q, new Rng(3));
        var loss = new ExactPopulationLoss(p, q, 6);
        var chain = new BinaryMarkovChain(p, q);
        Assertions.Close(chain.EntropyRate, loss.Value(model), Tolerance.Abs(1e-12), "L(θ*)");
        Assert.True(loss.Gradient(model).Max(Math.Abs) < 1e-10);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var probs = model.call(tensor(new long[] { 0, 1, 1, 0, 1 }, [1, 5])).sigmoid().data<double>().ToArray();
        Assertions.Close(p, probs[0], Tolerance.Abs(1e-12), "P(1|0)");
        Assertions.Close(1 - q, probs[1], Tolerance.Abs(1e-12), "P(1|1)");
        Assertions.Close(1 - q, probs[4], Tolerance.Abs(1e-12), "P(1|…1)");
    }

    [Theory]
    [InlineData(0.5, 0.8, true)]
    [InlineData(0.2, 0.3, true)]
    [InlineData(0.5, 0.8, false)]
    [InlineData(0.2, 0.3, false)]
    public void UnigramPointHessianSmallestEigenvalueMatchesTheClosedForm(double p, double q, bool tied)
    {
        var model = Model(tied);
        LandscapePoints.Unigram(model, p, q, new Rng(4));
        var loss = new ExactPopulationLoss(p, q, 6);
        Assertions.Close(new BinaryMarkovChain(p, q).StationaryEntropy, loss.Value(model), Tolerance.Abs(1e-12), "L(θ_π)");
        Assert.True(loss.Gradient(model).Max(Math.Abs) < 1e-12);
        var (values, _) = ExactPopulationLoss.Eigen(loss.Hessian(model));
        double c = LandscapePoints.CurvatureScale(p, q);
        double expected = tied ? Math.Min(0, 2 * c) : -Math.Abs(c);
        Assertions.Close(expected, values[0], Tolerance.Abs(1e-6), $"λmin (c = {c})");
    }

    [Fact]
    public void Float32ModelAgreesWithFloat64OnTheSameWeights()
    {
        var config = new TheoryTransformerConfig(4, 6, 8, false);
        var wide = new TheoryTransformer(config, new Generator(3));
        LandscapePoints.GlobalMinimum(wide, 0.5, 0.8, new Rng(1));
        var narrow = new TheoryTransformer(config, new Generator(3), ScalarType.Float32);
        narrow.Unflatten(wide.Flatten());
        using var _ = no_grad();
        var x = tensor(new long[] { 0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0 }, [2, 6]);      // (B, n)
        var a = wide.call(x).data<double>().ToArray();
        var b = narrow.call(x).to_type(ScalarType.Float64).data<double>().ToArray();
        for (int i = 0; i < a.Length; i++) Assertions.Close(a[i], b[i], Tolerance.Abs(1e-5), $"logit {i}");
    }
}
