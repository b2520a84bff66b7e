using Verification.Core.Markov;
using Verification.Core.Numerics;
using Verification.Core.Runtime;
using Verification.Tests.Support;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>The code model on the exact population loss (the CI grid of <c>AM.predicted-kernel-on-pq-grid</c>).</summary>
public class ExactCodeTrainingTests
{
    public ExactCodeTrainingTests() => TorchRuntime.Initialize();

    private static readonly TrainingConfig Tiny = TrainingConfig.Paper with { Dim = 4, Length = 3, Iterations = 150, CheckpointStep = 1 };

    [Fact]
    public void UntiedTrainingOnTheExactLossLearnsTheKernel()
    {
        var result = ExactCodeTraining.Train(0.2, 0.5, tied: false, Tiny, seed: 3);
        // 150 full-batch steps at N = 3: the kernel P(1|0) = p = 0.2, P(0|1) = q = 0.5 to within the claim's 0.03.
        Assertions.Close(0.2, result.ProbOneGivenZero, Tolerance.Abs(0.03), "P̂(1|0)");
        Assertions.Close(0.5, result.ProbZeroGivenOne, Tolerance.Abs(0.03), "P̂(0|1)");
        Assert.True(result.Loss >= new BinaryMarkovChain(0.2, 0.5).EntropyRate - 1e-9, $"loss {result.Loss} below the entropy rate");
        Assert.Equal(ReachedPoint.EntropyRate, result.Reached);
    }

    [Fact]
    public void ExactPredictionsOfAConstantModelAreItsConstant()
    {
        // A model with wte rows equal ignores its input: every position predicts the same, so P̂(1|0) = 1 − P̂(0|1).
        using var model = new CodeTransformer(new CodeTransformerConfig(4, 1, 3, true), new Generator(1));
        using (no_grad())
        {
            var wte = model.parameters().First();                                            // (2, d)
            wte[1].copy_(wte[0]);
        }
        var e = ExactCodeTraining.Evaluate(model, new ExactPopulationLoss(0.3, 0.6, 3));
        Assertions.Close(1, e.ProbOneGivenZero + e.ProbZeroGivenOne, Tolerance.Abs(1e-6), "P̂(1|0) + P̂(0|1)");
    }

    [Fact]
    public void LengthBeyondExactEnumerationIsRejectedWithAHintToUseMonteCarlo()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ExactCodeTraining.Train(0.5, 0.8, true, Tiny with { Length = 11 }, 1));
        Assert.Contains("Monte-Carlo", e.Message);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 1.0)]
    [InlineData(-0.1, 0.5)]
    public void ProbabilitiesOutsideTheOpenIntervalAreRejected(double p, double q) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactCodeTraining.Train(p, q, true, Tiny, 1));

    [Fact]
    public void ARunThatGoesNaNStopsWithItsStepAndCause()
    {
        var e = Assert.Throws<TrainingDivergedException>(() =>
            ExactCodeTraining.Train(0.5, 0.8, true, Tiny with { MaxLr = double.PositiveInfinity }, 1));
        Assert.InRange(e.Step, 0, Tiny.Iterations - 1);
        Assert.Contains("NaN", e.Message);
    }
}
