using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>The attention window of the code model and the lag-k training runner, at tiny size.</summary>
public class MemoryWindowTrainingTests
{
    public MemoryWindowTrainingTests() => TorchRuntime.Initialize();

    [Fact]
    public void WindowMaskKeepsTheLastMPositionsOnly()
    {
        using var mask = CodeBlock.WindowMask(4, 2, ScalarType.Float32);                   // (4, 4)
        var m = mask.data<float>().ToArray();
        for (int t = 0; t < 4; t++)
            for (int s = 0; s < 4; s++)
            {
                bool allowed = s <= t && s > t - 2;
                Assert.True(allowed ? m[t * 4 + s] == 0 : float.IsNegativeInfinity(m[t * 4 + s]), $"mask[{t},{s}] = {m[t * 4 + s]}");
            }
    }

    [Fact]
    public void WindowedModelSeesOnlyTheLastMTokens()
    {
        using var model = new CodeTransformer(new CodeTransformerConfig(8, 1, 8, true, Window: 2), new Generator(1));
        using (no_grad())
            foreach (var p in model.parameters()) p.normal_(0, 1, new Generator(2));
        using var _ = no_grad();
        long[] baseline = [0, 1, 1, 0, 1, 0, 0, 1];
        var y = model.call(tensor(baseline, [1, 8]));                                       // (1, 8, 2)
        foreach (var (position, changes) in new[] { (1, false), (4, true), (5, true), (6, false) })
        {
            var x = (long[])baseline.Clone();
            x[position] = 1 - x[position];
            var z = model.call(tensor(x, [1, 8]));                                          // (1, 8, 2)
            // The output at t = 5 depends on x_4, x_5 (window 2), not on x_1 (too old) nor x_6 (the future).
            bool changed = !y.select(1, 5).allclose(z.select(1, 5), 1e-6, 1e-6);
            Assert.True(changed == changes, $"flipping x[{position}] {(changed ? "changed" : "did not change")} the output at 5");
        }
    }

    /// <summary>
    /// The positive control of AM.depth-does-not-learn-lag-k at paper scale: with M = 1 at every one of 4 layers the output
    /// at t reads x_t only, however deep the model (no layer mixes positions), so on a lag-2 chain it can do no better than
    /// H(π). Sabotage: M = 2 at 4 layers reaches back 4 positions (one per layer), which the same probe sees.
    /// </summary>
    [Theory]
    [InlineData(1, new[] { 5 })]
    [InlineData(2, new[] { 1, 2, 3, 4, 5 })]
    public void AtFourLayersTheWindowBoundsHowFarBackTheOutputReads(int window, int[] reads)
    {
        using var model = new CodeTransformer(new CodeTransformerConfig(8, 4, 8, true, Window: window), new Generator(1));
        using (no_grad())
            foreach (var p in model.parameters()) p.normal_(0, 1, new Generator(2));
        using var _ = no_grad();
        long[] baseline = [0, 1, 1, 0, 1, 0, 0, 1];
        var y = model.call(tensor(baseline, [1, 8]));                                       // (1, 8, 2)
        for (int position = 0; position < 8; position++)
        {
            var x = (long[])baseline.Clone();
            x[position] = 1 - x[position];
            var z = model.call(tensor(x, [1, 8]));
            bool changed = !y.select(1, 5).allclose(z.select(1, 5), 1e-6, 1e-6);
            Assert.True(changed == reads.Contains(position), $"M = {window}, 4 layers: flipping x[{position}] {(changed ? "changed" : "did not change")} the output at 5");
        }
    }

    [Fact]
    public void NegativeWindowIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CodeTransformerConfig(8, 1, 8, true, Window: -1).Validate());
        Assert.Equal("Window", e.ParamName);
    }

    [Fact]
    public void ATinyLagKRunIsDeterministicAndFinite()
    {
        var config = new TrainingConfig(Dim: 4, Length: 16, Batch: 4, Iterations: 20, EvalEvery: 10, EvalBatches: 1, FinalEvalBatches: 1, CheckpointStep: 10);
        var source = new LagKMarkovSource(0.2, 0.3, 2);
        var a = MemoryWindowTraining.Train(source, true, 2, config, 5);
        var b = MemoryWindowTraining.Train(source, true, 2, config, 5);
        Assert.Equal(a.Losses, b.Losses);
        Assert.Equal(a.FinalLoss, b.FinalLoss);
        Assert.Equal([1.0, 10, 20], a.Steps);
        Assert.InRange(a.FinalLoss, 0.3, 1.0);
    }

    [Fact]
    public void ALagKRunThatGoesNaNStopsWithItsStepAndCause()
    {
        var config = new TrainingConfig(Dim: 4, Length: 16, Batch: 4, Iterations: 20, MaxLr: double.PositiveInfinity, CheckpointStep: 10);
        var e = Assert.Throws<TrainingDivergedException>(() => MemoryWindowTraining.Train(new LagKMarkovSource(0.2, 0.3, 2), true, 2, config, 1));
        Assert.InRange(e.Step, 0, 19);
        Assert.Contains("NaN", e.Message);
    }
}
