using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>
/// The batched trainer (issue #26): K code-model (or simplified-model) runs as one program equal K single-loop runs within float32
/// reassociation, and a run's result does not depend on which runs share its batch (bit for bit).
/// </summary>
public class BatchedTrainingTests
{
    // T·B = 512 rows: every Linear goes through the same gemm path as the single model (libtorch's small-bmm loop starts below 400 multiply-adds)
    private static readonly TrainingConfig Small = new(Dim: 8, Length: 64, Batch: 8, Iterations: 60, EvalEvery: 10, EvalBatches: 1, FinalEvalBatches: 2, CheckpointStep: 30);

    /// <summary>
    /// Measured here: the 2-batch curve losses agree to 6e-8 and the final P̂(1|0) to 3e-9 after 60 steps; the
    /// tolerance 1e-6 leaves room for other BLAS builds, and is far below any claim's tolerance (0.005 nats, 0.03).
    /// </summary>
    private const double ReassociationTolerance = 1e-6;

    private static SampledRun[] Runs(bool tied) =>
        new[] { (0.2, 0.3, 11L), (0.7, 0.6, 12L), (0.5, 0.8, 13L) }
            .Select(r => new SampledRun(new BinaryMarkovChain(r.Item1, r.Item2), tied, Small, r.Item3)).ToArray();

    public BatchedTrainingTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchedRunsEqualSeparateRunsWithinFloatReassociation(bool tied)
    {
        var runs = Runs(tied);
        var single = runs.Select(r => MarkovTrainer.Train(r, CPU)).ToArray();
        var batched = BatchedTraining.Train(runs, CPU).Select(b => b.Get()).ToArray();
        for (int i = 0; i < runs.Length; i++)
        {
            Assert.Equal(single[i].Steps, batched[i].Steps);
            foreach (var (a, b) in single[i].Losses.Zip(batched[i].Losses)) Assert.InRange(b - a, -ReassociationTolerance, ReassociationTolerance);
            Assert.InRange(batched[i].FinalLoss - single[i].FinalLoss, -ReassociationTolerance, ReassociationTolerance);
            Assert.InRange(batched[i].ProbOneGivenZero - single[i].ProbOneGivenZero, -ReassociationTolerance, ReassociationTolerance);
            Assert.Equal(single[i].Checkpoint!.Step, batched[i].Checkpoint!.Step);
            Assert.Equal(single[i].Final.Step, batched[i].Final.Step);
        }
        // the three chains differ: a trainer that fed every model the same data would not pass the comparison above
        Assert.NotEqual(batched[0].FinalLoss, batched[1].FinalLoss);
    }

    [Fact]
    public void ARunDoesNotDependOnTheRunsBesideIt()
    {
        var runs = Runs(tied: true);
        var alone = BatchedTraining.Train([runs[1]], CPU)[0].Get();
        var inThree = BatchedTraining.Train(runs, CPU)[1].Get();
        var reordered = BatchedTraining.Train([runs[2], runs[1]], CPU)[1].Get();
        foreach (var other in new[] { inThree, reordered })
        {
            Assert.Equal(alone.Losses, other.Losses);
            Assert.Equal(alone.Final, other.Final);
            Assert.Equal(alone.Checkpoint, other.Checkpoint);
        }
    }

    [Fact]
    public void AnEarlyStopEndsThatRunAtItsStep()
    {
        var runs = Runs(tied: false).Select(r => r with { Stop = new TrainingStop(25) }).ToArray();
        var batched = BatchedTraining.Train(runs, CPU).Select(b => b.Get()).ToArray();
        var single = MarkovTrainer.Train(runs[0], CPU);
        Assert.All(batched, r => Assert.Equal(25, r.Final.Step));
        Assert.Null(batched[0].Checkpoint);                       // the checkpoint (step 30) lies beyond the stop
        Assert.Equal(single.Steps, batched[0].Steps);
    }

    [Fact]
    public void RunsThatStopAtTheirEscapeLeaveTheOthersAsAlone()
    {
        var config = Small with { Iterations = 150, Length = 128, Batch = 8, EvalEvery = 5 };
        var runs = new[] { (0.2, 0.3, 21L), (0.3, 0.6, 22L), (0.5, 0.8, 23L), (0.1, 0.1, 24L) }
            .Select(r => new SampledRun(new BinaryMarkovChain(r.Item1, r.Item2), false, config, r.Item3) { Stop = new TrainingStop(150, AtEscape: true) })
            .ToArray();
        var batched = BatchedTraining.Train(runs, CPU).Select(b => b.Get()).ToArray();
        // the batch shrinks as runs escape: at least two runs stop at different steps, one before the last
        Assert.True(batched.Select(r => r.Final.Step).Distinct().Count() >= 2, string.Join(", ", batched.Select(r => r.Final.Step)));
        for (int i = 0; i < runs.Length; i++)
        {
            var alone = BatchedTraining.Train([runs[i]], CPU)[0].Get();
            Assert.Equal(alone.EscapeStep, batched[i].EscapeStep);
            Assert.Equal(alone.Losses, batched[i].Losses);
            Assert.Equal(alone.Final, batched[i].Final);
        }
    }

    [Fact]
    public void RunsOfDifferentShapesAreRefused()
    {
        var runs = Runs(tied: true);
        var e = Assert.Throws<ArgumentException>(() => BatchedTraining.Train([runs[0], runs[1] with { Tied = false }], CPU));
        Assert.Contains("share configuration", e.Message);
        // a model builder that does not say it batches, and two builders in one batch
        Assert.Throws<ArgumentException>(() => BatchedTraining.Train([runs[0] with { Model = (g, d) => new SimpleTransformer(new(8, 64, true), g, d) }], CPU));
        e = Assert.Throws<ArgumentException>(() => BatchedTraining.Train([runs[0], Simplified(runs[1])], CPU));
        Assert.Contains("and model", e.Message);
        Assert.Empty(BatchedTraining.Train([], CPU));
    }

    [Fact]
    public void BatchedModelsRefuseModelsOfTwoConfigurationsOrTypes()
    {
        CodeTransformer Code(int length) => new(new CodeTransformerConfig(4, 1, length, true));
        SimpleTransformer Simple(bool tied) => new(new SimpleTransformerConfig(4, 16, tied));
        var e = Assert.Throws<ArgumentException>(() => BatchedMarkovModel.Of([Code(16), Code(32)]));
        Assert.Contains("share one configuration", e.Message);
        e = Assert.Throws<ArgumentException>(() => BatchedMarkovModel.Of([Simple(true), Simple(false)]));
        Assert.Contains("share one configuration", e.Message);
        e = Assert.Throws<ArgumentException>(() => BatchedMarkovModel.Of([Code(16), Simple(true)]));
        Assert.Contains("one type", e.Message);
        Assert.Throws<ArgumentException>(() => new BatchedCodeTransformer([]));
        using var two = BatchedMarkovModel.Of([Code(16), Code(16)]);
        Assert.Equal(2, two.Count);
    }

    private static SampledRun Simplified(SampledRun run) => run with
    {
        Model = SimplifiedModel(run.Config.Dim, run.Config.Length, run.Tied),
        ModelBatches = true,
    };

    private static readonly Dictionary<(int, int, bool), Func<Generator, Device?, IMarkovModel>> Builders = [];

    /// <summary>One builder per configuration, as an escape arm holds one: runs of one builder may share a batch.</summary>
    private static Func<Generator, Device?, IMarkovModel> SimplifiedModel(int dim, int length, bool tied)
    {
        lock (Builders)
        {
            if (!Builders.TryGetValue((dim, length, tied), out var builder))
                Builders[(dim, length, tied)] = builder = (g, d) => new SimpleTransformer(new SimpleTransformerConfig(dim, length, tied), g, d);
            return builder;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SimplifiedModelRunsBatchAsAloneAndAsTheSingleLoop(bool tied)
    {
        var runs = Runs(tied).Select(Simplified).ToArray();
        var batched = BatchedTraining.Train(runs, CPU).Select(b => b.Get()).ToArray();
        for (int i = 0; i < runs.Length; i++)
        {
            var alone = BatchedTraining.Train([runs[i]], CPU)[0].Get();
            Assert.Equal(alone.Losses, batched[i].Losses);
            Assert.Equal(alone.Final, batched[i].Final);
            Assert.Equal(alone.Checkpoint, batched[i].Checkpoint);
            var single = MarkovTrainer.Train(runs[i], CPU);
            Assert.Equal(single.Steps, batched[i].Steps);
            foreach (var (x, y) in single.Losses.Zip(batched[i].Losses)) Assert.InRange(y - x, -ReassociationTolerance, ReassociationTolerance);
            Assert.InRange(batched[i].FinalLoss - single.FinalLoss, -ReassociationTolerance, ReassociationTolerance);
            Assert.InRange(batched[i].ProbOneGivenZero - single.ProbOneGivenZero, -ReassociationTolerance, ReassociationTolerance);
        }
        Assert.NotEqual(batched[0].FinalLoss, batched[1].FinalLoss);
        // the simplified model, not the code model: the code model's run of the same seed ends elsewhere
        Assert.NotEqual(BatchedTraining.Train([runs[0] with { Model = null, ModelBatches = false }], CPU)[0].Get().FinalLoss, batched[0].FinalLoss);
    }

    [Fact]
    public void ABatchOfEscapeSeedsStopsWhereTheStopRuleMayFire()
    {
        var arm = new EscapeArm("simple-tied-t256", Small, true, 10, 400);
        var medianCensored = Verification.Transformers.LocalToGlobal.PlateauEscape.MedianCensored(10);
        Assert.Equal(6, EscapeTimes.UntilStopMayFire(arm, [], 16, medianCensored));           // six censored runs decide a median of ten
        Assert.Equal(4, EscapeTimes.UntilStopMayFire(arm, [null, 120, null], 16, medianCensored));
        Assert.Equal(3, EscapeTimes.UntilStopMayFire(arm, [], 3, medianCensored));              // never more than the batch holds
        Assert.Equal(16, EscapeTimes.UntilStopMayFire(arm, [], 16, null));                       // no rule: the whole batch
        Assert.Equal(2, EscapeTimes.UntilStopMayFire(arm, [], 16, s => s.Escaped >= 2));        // a rule that counts escapes
    }

    /// <summary>
    /// Random batches (a fixed generator, so the cases are the same every run): K in 1…4, dimension, depth, length,
    /// batch size, tying, chains and seeds drawn. Each batched run equals the same run alone bit for bit and the
    /// single loop within <see cref="ReassociationTolerance"/>.
    /// </summary>
    public static TheoryData<int> RandomCases() => new(Enumerable.Range(0, 6));

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void RandomBatchesEqualTheirRunsAloneAndTheSingleLoop(int @case) => RandomBatchEqualsItsRuns(@case, simplified: false);

    /// <summary>The same for the simplified model (its own cases: dimension, length, batch size, tying, chains, seeds).</summary>
    [Theory]
    [MemberData(nameof(RandomCases))]
    public void RandomSimplifiedModelBatchesEqualTheirRunsAloneAndTheSingleLoop(int @case) => RandomBatchEqualsItsRuns(@case, simplified: true);

    private static void RandomBatchEqualsItsRuns(int @case, bool simplified)
    {
        var rng = new Random((simplified ? 2700 : 2600) + @case);
        var config = new TrainingConfig(Dim: rng.Next(2) == 0 ? 4 : 8, Layers: rng.Next(1, 3), Length: 16 << rng.Next(3), Batch: 2 << rng.Next(2),
            Iterations: 20, EvalEvery: 5, EvalBatches: 1, FinalEvalBatches: 1, CheckpointStep: 10);
        bool tied = rng.Next(2) == 0;
        var runs = Enumerable.Range(0, rng.Next(1, 5))
            .Select(_ => new SampledRun(new BinaryMarkovChain(0.1 + 0.8 * rng.NextDouble(), 0.1 + 0.8 * rng.NextDouble()), tied, config, rng.NextInt64(1, 1L << 40)))
            .Select(r => simplified ? Simplified(r) : r)
            .ToArray();
        var batched = BatchedTraining.Train(runs, CPU).Select(b => b.Get()).ToArray();
        for (int i = 0; i < runs.Length; i++)
        {
            var alone = BatchedTraining.Train([runs[i]], CPU)[0].Get();
            Assert.Equal(alone.Losses, batched[i].Losses);
            Assert.Equal(alone.Final, batched[i].Final);
            var single = MarkovTrainer.Train(runs[i], CPU);
            Assert.Equal(single.Steps, batched[i].Steps);
            foreach (var (a, b) in single.Losses.Zip(batched[i].Losses)) Assert.InRange(b - a, -ReassociationTolerance, ReassociationTolerance);
            Assert.InRange(batched[i].ProbOneGivenZero - single.ProbOneGivenZero, -ReassociationTolerance, ReassociationTolerance);
        }
    }
}
