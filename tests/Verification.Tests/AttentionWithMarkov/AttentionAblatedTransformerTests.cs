using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>The code model with its attention block removed (the paper's rebuttal ablation), at tiny size.</summary>
public class AttentionAblatedTransformerTests
{
    public AttentionAblatedTransformerTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public void IsTheCodeModelWithItsAttentionOutputZeroed(bool tied, int layers)
    {
        var config = new CodeTransformerConfig(8, layers, 16, tied);
        using var ablated = new AttentionAblatedTransformer(config, new Generator(7));
        using var code = new CodeTransformer(config, new Generator(7));                    // the same draws
        using var _ = no_grad();
        foreach (var (name, p) in code.named_parameters())
            if (name.EndsWith("attn_proj.weight", StringComparison.Ordinal)) p.zero_();
        var x = tensor(new long[] { 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0 }, [1, 16]);
        var (a, c) = (ablated.call(x), code.call(x));                                       // (1, 16, 2) each
        Assert.True(a.allclose(c, 0, 1e-6), $"max |Δlogit| = {(a - c).abs().max().item<float>()}");
    }

    [Fact]
    public void OutputAtTDependsOnXtAndNothingElse()
    {
        using var model = new AttentionAblatedTransformer(new CodeTransformerConfig(8, 1, 8, true), new Generator(1));
        using var _ = no_grad();
        foreach (var p in model.DecayedParameters.Concat(model.UndecayedParameters)) p.normal_(0, 1, new Generator(2));
        long[] baseline = [0, 1, 1, 0, 1, 0, 0, 1];
        var y = model.call(tensor(baseline, [1, 8]));                                       // (1, 8, 2)
        foreach (var (position, changes) in new[] { (4, false), (5, true), (6, false) })
        {
            var x = (long[])baseline.Clone();
            x[position] = 1 - x[position];
            bool changed = !y.select(1, 5).allclose(model.call(tensor(x, [1, 8])).select(1, 5), 1e-6, 1e-6);
            Assert.True(changed == changes, $"flipping x[{position}] {(changed ? "changed" : "did not change")} the output at 5");
        }
    }

    [Fact]
    public void TrainsOnlyWhatItUses()
    {
        using var model = new AttentionAblatedTransformer(new CodeTransformerConfig(8, 2, 8, Tied: false), new Generator(1));
        // per block: c_fc and mlp_proj decayed, ln_2 not; plus the untied head (decayed), wte, wpe, ln_f, head bias
        Assert.Equal(5, model.DecayedParameters.Count());
        Assert.Equal(6, model.UndecayedParameters.Count());
    }

    [Fact]
    public void ATinyRunIsDeterministic()
    {
        var config = new TrainingConfig(Dim: 4, Length: 16, Batch: 4, Iterations: 20, EvalEvery: 10, EvalBatches: 1, FinalEvalBatches: 1, CheckpointStep: 10);
        TrainingRun Run() => MarkovTrainer.Train(new SampledRun(new BinaryMarkovChain(0.5, 0.8), true, config, 3)
            { Model = (g, d) => new AttentionAblatedTransformer(new CodeTransformerConfig(4, 1, 16, true), g, d) });
        var (a, b) = (Run(), Run());
        Assert.Equal(a.Losses, b.Losses);
        Assert.True(double.IsFinite(a.FinalLoss));
    }
}
