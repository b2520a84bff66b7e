using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Core.Numerics;
using Verification.Core.Runtime;
using Verification.Tests.Support;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>The code model, the paper's schedule, the reached-point classifier and divergence handling.</summary>
public class MarkovTrainerTests
{
    public MarkovTrainerTests() => TorchRuntime.Initialize();

    [Fact]
    public void ScheduleWarmsUpFrom2em5To2em3ThenAnnealsTo4em4()
    {
        var c = TrainingConfig.Paper;
        Assertions.Close(2e-5, c.LearningRate(0), Tolerance.Rel(1e-12), "lr(0)");
        Assertions.Close(2e-3, c.LearningRate(7), Tolerance.Rel(1e-12), "lr at the end of the 2% warm-up");
        Assertions.Close(4e-4, c.LearningRate(399), Tolerance.Rel(1e-12), "final lr");
        Assert.True(c.LearningRate(200) < 2e-3 && c.LearningRate(200) > 4e-4);
    }

    [Theory]
    [InlineData(0.6190, 0.50, ReachedPoint.EntropyRate)]
    [InlineData(0.6663, 0.385, ReachedPoint.Unigram)]
    [InlineData(0.6663, 0.50, ReachedPoint.Neither)]    // loss says unigram, predictions say kernel: undecided
    [InlineData(0.6400, 0.45, ReachedPoint.Neither)]
    public void ClassifierNeedsLossAndPredictionToAgree(double loss, double p10, ReachedPoint expected) =>
        Assert.Equal(expected, MarkovTrainer.Classify(new BinaryMarkovChain(0.5, 0.8), loss, p10));

    [Fact]
    public void CodeModelIsCausalAndTyingRemovesTheHeadMatrix()
    {
        TorchRuntime.Initialize();
        var tied = new CodeTransformer(new CodeTransformerConfig(8, 2, 16, true), new Generator(1));
        var untied = new CodeTransformer(new CodeTransformerConfig(8, 2, 16, false), new Generator(1));
        Assert.Equal(untied.parameters().Sum(p => p.numel()) - 16, tied.parameters().Sum(p => p.numel()));
        using (no_grad())
            foreach (var p in tied.parameters()) p.normal_(0, 1, new Generator(2));
        using var _ = no_grad();
        var a = tied.call(tensor(new long[] { 0, 1, 1, 0, 0, 1, 0, 1 }, [1, 8]));          // (1, 8, 2)
        var b = tied.call(tensor(new long[] { 0, 1, 1, 0, 1, 0, 0, 0 }, [1, 8]));          // (1, 8, 2)
        Assert.True(a.narrow(1, 0, 4).allclose(b.narrow(1, 0, 4), 1e-6, 1e-6));
        Assert.False(a.narrow(1, 4, 1).allclose(b.narrow(1, 4, 1), 1e-6, 1e-6));
    }

    [Theory]
    [InlineData(0, 1, "Dim")]
    [InlineData(8, 0, "Layers")]
    public void CodeModelRejectsNonPositiveSizes(int d, int layers, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CodeTransformer(new CodeTransformerConfig(d, layers, 8, true)));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void ARunThatGoesNaNStopsWithItsStepAndCause()
    {
        var config = new TrainingConfig(Length: 16, Batch: 4, Iterations: 50, MaxLr: double.PositiveInfinity, CheckpointStep: 10);
        var e = Assert.Throws<TrainingDivergedException>(() => MarkovTrainer.Train(new BinaryMarkovChain(0.5, 0.8), true, config, 1));
        Assert.InRange(e.Step, 0, 49);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void ADivergedSweepMakesTheClaimInconclusiveNotPassed()
    {
        var arm = new TrainingArm("diverging", 0.5, 0.8, true,
            new TrainingConfig(Length: 16, Batch: 4, Iterations: 50, MaxLr: double.PositiveInfinity, CheckpointStep: 10), ReachedPoint.Unigram, 2, 2);
        var context = new ClaimContext(Scale.Ci, 1, ComputeDevice.Cpu);
        var e = Assert.Throws<ClaimInconclusiveException>(() =>
            TrainingSweep.Run(context, arm, 0, 1));
        Assert.Contains("diverged at step", e.Message);
    }

    [Fact]
    public void CheckpointOutsideTheRunIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingConfig(Iterations: 50, CheckpointStep: 100).Validate());
        Assert.Equal("CheckpointStep", e.ParamName);
    }

    [Fact]
    public void AShortRunIsDeterministicForASeed()
    {
        var config = new TrainingConfig(Length: 32, Batch: 4, Iterations: 20, EvalEvery: 10, EvalBatches: 1, FinalEvalBatches: 1, CheckpointStep: 10);
        var chain = new BinaryMarkovChain(0.5, 0.8);
        var a = MarkovTrainer.Train(chain, true, config, 7);
        var b = MarkovTrainer.Train(chain, true, config, 7);
        Assert.Equal(a.Losses, b.Losses);
        Assert.Equal(a.FinalLoss, b.FinalLoss);
        Assert.Equal(10, a.Checkpoint!.Step);
        Assert.Equal(a.Checkpoint, b.Checkpoint);
    }

    [Fact]
    public void ARunStoppedAtItsCheckpointIsTheFullRunUpToThere()
    {
        var config = new TrainingConfig(Length: 32, Batch: 4, Iterations: 40, EvalEvery: 10, EvalBatches: 1, FinalEvalBatches: 1, CheckpointStep: 20);
        var chain = new BinaryMarkovChain(0.5, 0.8);
        var full = MarkovTrainer.Train(chain, true, config, 7);
        var stopped = MarkovTrainer.Train(chain, true, config, 7, stop: new TrainingStop(20));
        Assert.Equal(full.Losses.Take(stopped.Losses.Count), stopped.Losses);
        Assert.Equal([1.0, 10, 20], stopped.Steps);
        Assert.Equal(full.Checkpoint, stopped.Checkpoint);
        Assert.Same(stopped.Checkpoint, stopped.Final);
        Assert.Null(stopped.EscapeStep);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(41)]
    public void AStopOutsideTheRunIsRejected(int maxSteps)
    {
        var config = new TrainingConfig(Length: 16, Batch: 2, Iterations: 40, CheckpointStep: 20);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            MarkovTrainer.Train(new BinaryMarkovChain(0.5, 0.8), true, config, 1, stop: new TrainingStop(maxSteps)));
        Assert.Equal("Stop", e.ParamName);
    }

    [Theory]
    [InlineData(0, 1, "Dim")]
    [InlineData(8, 0, "Layers")]
    [InlineData(8, -2, "Layers")]
    public void TrainingConfigRejectsNonPositiveSizes(int d, int layers, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingConfig(Dim: d, Layers: layers).Validate());
        Assert.Equal(name, e.ParamName);
    }
}
