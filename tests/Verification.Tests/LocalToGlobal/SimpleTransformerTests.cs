using Verification.Core.Runtime;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.LocalToGlobal;

/// <summary>The authors' simplified model: its fused forward is the written formula, it is causal, and BCE = the two-class CE.</summary>
public class SimpleTransformerTests
{
    public SimpleTransformerTests() => TorchRuntime.Initialize();

    private static SimpleTransformer Model(bool tied, int seed = 3)
    {
        var model = new SimpleTransformer(new SimpleTransformerConfig(4, 8, tied), new Generator(1));
        using var _ = no_grad();
        foreach (var p in model.parameters()) p.normal_(0, 0.7, new Generator((ulong)seed));   // far from the tiny init
        return model;
    }

    /// <summary>h = x·e + p; y = h + causal-softmax(QK/√d)V h; z = y + W2 relu(W1 y); logit = ⟨a, z⟩ + b — written out.</summary>
    private static Tensor Reference(SimpleTransformer model, Tensor x)
    {
        var w = model.named_parameters().ToDictionary(n => n.name, n => n.parameter);
        long t = x.shape[1];
        var h = x.to_type(ScalarType.Float32).unsqueeze(-1) * w["e"] + w["wpe"].narrow(0, 0, t);
        var scores = h.matmul(w["w_q"].t()).matmul(h.matmul(w["w_k"].t()).transpose(1, 2)) / Math.Sqrt(4);
        var future = ones(t, t, dtype: ScalarType.Bool).triu(1);
        var y = h + scores.masked_fill(future, double.NegativeInfinity).softmax(-1).matmul(h.matmul(w["w_v"].t()));
        var z = y + nn.functional.relu(y.matmul(w["w_1"].t())).matmul(w["w_2"].t());
        return z.matmul(w.TryGetValue("a", out var a) ? a : w["e"]) + w["b"];
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FusedForwardIsTheWrittenFormula(bool tied)
    {
        using var model = Model(tied);
        using var _ = no_grad();
        var x = tensor(new long[] { 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1 }, [2, 8]);
        var logits = model.Logits(x);                                                          // (2, 8, 2)
        Assert.True(logits.select(2, 0).eq(0).all().item<bool>(), "the first logit is the constant 0");
        var expected = Reference(model, x);
        Assert.True(logits.select(2, 1).allclose(expected, 1e-5, 1e-5), "fused attention differs from the formula");
    }

    [Fact]
    public void TwoClassCrossEntropyIsBinaryCrossEntropy()
    {
        using var model = Model(tied: true);
        using var _ = no_grad();
        var x = tensor(new long[] { 0, 1, 1, 0, 1, 0, 0, 1 }, [1, 8]);
        var y = tensor(new long[] { 1, 1, 0, 1, 0, 0, 1, 1 }, [1, 8]);
        var logits = model.Logits(x);
        double ce = nn.functional.cross_entropy(logits.reshape(-1, 2), y.reshape(-1)).item<float>();
        double bce = nn.functional.binary_cross_entropy_with_logits(logits.select(2, 1).reshape(-1), y.reshape(-1).to_type(ScalarType.Float32)).item<float>();
        Assert.Equal(bce, ce, 5);
    }

    [Fact]
    public void ModelIsCausalAndTheTiedWeightIsDecayed()
    {
        using var tied = Model(tied: true);
        using var untied = Model(tied: false);
        using (no_grad())
        {
            var a = tied.Logits(tensor(new long[] { 0, 1, 1, 0, 0, 1, 0, 1 }, [1, 8]));
            var b = tied.Logits(tensor(new long[] { 0, 1, 1, 0, 1, 0, 0, 0 }, [1, 8]));
            Assert.True(a.narrow(1, 0, 4).allclose(b.narrow(1, 0, 4), 1e-6, 1e-6));
            Assert.False(a.narrow(1, 4, 1).allclose(b.narrow(1, 4, 1), 1e-6, 1e-6));
        }
        Assert.Equal(6, tied.DecayedParameters.Count());
        Assert.Equal(7, untied.DecayedParameters.Count());
        Assert.Equal(2, tied.UndecayedParameters.Count());
        Assert.Equal(tied.parameters().Count(), tied.DecayedParameters.Count() + tied.UndecayedParameters.Count());
        Assert.Equal(untied.parameters().Sum(p => p.numel()) - 4, tied.parameters().Sum(p => p.numel()));
    }
}
