using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.Transformers.AttentionWithMarkov;
using static TorchSharp.torch;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>
/// The claims' use of the batched trainer (issue #26): the sampled (p, q) grid trains the runs a context will compute
/// as batches, and the escape-time sweep trains an arm's seeds as batches. Neither the grouping (whole arm, a part of
/// <c>--split</c>, one run alone) nor a stop rule may change what is reported: every run equals the same run trained
/// alone, bit for bit, and a stopped sweep keeps exactly the seeds a seed-by-seed sweep keeps.
/// </summary>
public class BatchedClaimRunsTests
{
    private static readonly TrainingConfig Small = new(Dim: 8, Length: 32, Batch: 4, Iterations: 30, EvalEvery: 10, EvalBatches: 1, FinalEvalBatches: 1, CheckpointStep: 20);
    private static readonly double[] Grid = [0.2, 0.8];

    public BatchedClaimRunsTests() => TorchRuntime.Initialize();

    private static PqGrid NewGrid() => new(Grid, 2, sampled: true, Small, 0.03, arms: [false, true], transposed: false);

    private static ClaimContext Context(SubUnitPlan? plan = null) => new(Scale.Ci, 1, ComputeDevice.Cpu, subUnits: plan);

    [Fact]
    public void GridRunsAreTheSameWholeSplitOrAlone()
    {
        var whole = NewGrid().Runs(Context()).Select(r => (r.Name, r.ProbZeroGivenOne)).ToList();
        Assert.Equal(2 * Grid.Length * Grid.Length * 2, whole.Count);

        // --split: two parts each train the runs they own (as batches), then the assembly reads every run from the store
        var store = new MemorySubUnitStore();
        foreach (int part in new[] { 1, 2 })
        {
            var partRuns = NewGrid().Runs(Context(SubUnitPlan.OnlyPart(store, part, 2))).ToList();
            if (part == 1) Assert.Contains(partRuns, r => double.IsNaN(r.ProbZeroGivenOne));    // part 2's runs (part 2 reads part 1's)
            Assert.Contains(partRuns, r => !double.IsNaN(r.ProbZeroGivenOne));
        }
        var assemblyContext = Context(SubUnitPlan.Assemble(store));
        var assembled = NewGrid().Runs(assemblyContext).Select(r => (r.Name, r.ProbZeroGivenOne)).ToList();
        Assert.Equal(0, store.ComputedOnAssembly);
        Assert.Equal(whole, assembled);

        // each run trained alone (a batch of one) with the seed stream the grid derives for it
        var context = Context();
        foreach (var (name, value) in whole.Take(3))
        {
            var parts = name.Split('.');                        // untied.p=0.2,q=0.2.seed1
            string arm = parts[0];
            var pq = name[(arm.Length + 1)..].Split(".seed")[0].Split(',');
            double p = double.Parse(pq[0][2..], System.Globalization.CultureInfo.InvariantCulture);
            double q = double.Parse(pq[1][2..], System.Globalization.CultureInfo.InvariantCulture);
            int s = name.Contains(".seed") ? int.Parse(name.Split(".seed")[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
            long seed = context.DeriveSeed($"grid-{arm}-{p}-{q}{(s == 0 ? "" : $"-seed-{s}")}");
            var alone = BatchedTraining.Train([new SampledRun(new BinaryMarkovChain(p, q), arm == "tied", Small, seed)], CPU)[0].Get();
            Assert.Equal(alone.Final.ProbZeroGivenOne, value);
        }
    }

    [Fact]
    public void EscapeSweepKeepsTheSeedBySeedSampleWhenItStops()
    {
        var arm = new EscapeArm("tied-test", Small, Tied: true, Seeds: 5, Horizon: 30);
        var chain = new BinaryMarkovChain(0.5, 0.8);
        var curves = new List<Verification.Core.Claims.Series>();
        var sample = EscapeTimes.Run(Context(), arm, chain, 0, 1, stopWhen: s => s.Runs >= 2, curves: curves);
        Assert.Equal(2, sample.Runs);
        Assert.Equal(" (stopped after 2 of 5: decided)", sample.Stopped);
        Assert.Equal(2, curves.Count);

        var context = Context();
        for (int i = 0; i < 2; i++)
        {
            var alone = BatchedTraining.Train([new SampledRun(chain, true, Small, context.DeriveSeed($"tied-test-seed-{i}"))
            {
                Stop = new TrainingStop(30, AtEscape: true),
            }], CPU)[0].Get();
            Assert.Equal(alone.EscapeStep, sample.Steps[i]);
            Assert.Equal(alone.Losses, curves[i].Y);
        }
    }
}
