using Verification.Core.Numerics;
using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using Verification.Tests.Support;
using static TorchSharp.torch;

namespace Verification.Tests.RareGems;

/// <summary>
/// IMP with warm-up rewinding: the prune schedule lands on every target count exactly; one trajectory gives nested
/// masks of exactly round(s·d) weights; the survivors rewind to the weights after step k of round 0 (not to init);
/// the checks catch a rewind to init and a mask that is not nested.
/// </summary>
public class ImpWithWarmupTests
{
    public ImpWithWarmupTests() => TorchRuntime.Initialize();

    // A 480-weight net on 256 teacher-labelled inputs in batches of 64: 4 steps per epoch, so k = 3 lies inside the
    // first epoch of round 0, where the learning rate is the base rate (the oracle below needs no schedule).
    private static readonly int[] Widths = [20, 16, 8, 4];
    private static readonly double[] Targets = [0.5, 0.2, 0.1];
    private static readonly ImpWithWarmupConfig Config = new(RewindIteration: 3, EpochsPerRound: 2, BatchSize: 64);
    private const long InitSeed = 1, ShuffleSeed = 2;

    private static float[] Flat(Tensor t) => t.detach().flatten().data<float>().ToArray();

    private static bool Nested(IReadOnlyList<Tensor> later, IReadOnlyList<Tensor> earlier) =>
        later.Zip(earlier).All(p => p.First.le(p.Second).all().item<bool>());

    private static double MaxDifference(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b) =>
        a.Zip(b).Max(p => (p.First - p.Second).abs().max().item<float>());

    private static (ImpTrajectory Trajectory, MaskedMlp Model, Tensor[] Init) Run(ImpWithWarmupConfig config, TensorData data)
    {
        var model = new MaskedMlp(Widths);
        GemMiner.Initialize(model, new Generator(InitSeed));
        var init = model.W.Select(w => w.detach().clone()).ToArray();
        return (ImpWithWarmup.Run(model, data, Targets, config, new Generator(ShuffleSeed)), model, init);
    }

    /// <summary>θ_k computed independently: k plain SGD steps (momentum 0.9, weight decay 1e-4) of the dense net on the first k batches.</summary>
    private static Tensor[] WeightsAfterSteps(TensorData data, int k)
    {
        using var model = new MaskedMlp(Widths);
        GemMiner.Initialize(model, new Generator(InitSeed));
        Training.UseMask(model, model.W.Select(w => ones_like(w)).ToArray());
        foreach (var w in model.W) w.requires_grad_(true);
        var optimizer = optim.SGD(model.W, Config.LearningRate, momentum: 0.9, weight_decay: 1e-4);
        model.train();
        foreach (var (x, y) in data.Batches(Config.BatchSize, new Generator(ShuffleSeed)).Take(k))
        {
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(x), y).backward();
            optimizer.step();
        }
        return model.W.Select(w => w.detach().clone()).ToArray();
    }

    [Fact]
    public void ScheduleLandsOnEveryPaperDensityExactlyAndPrunesTwentyPercentOtherwise()
    {
        const long d = 266_200;   // MLP 784-300-100-10
        double[] densities = [0.05, 0.02, 0.014, 0.01, 0.005];
        var schedule = ImpWithWarmup.Schedule(d, densities, 0.2);
        long before = d;
        foreach (var prune in schedule)
        {
            long plain = before - (long)Math.Ceiling(0.2 * before);
            if (prune.Targets.Count == 0) Assert.Equal(plain, prune.Active);
            else
            {
                // The prune that would reach or pass a target stops at its exact count.
                Assert.Equal(ImpWithWarmup.Count(prune.Targets.Single(), d), prune.Active);
                Assert.InRange(prune.Active, plain, before - 1);
            }
            before = prune.Active;
        }
        Assert.Equal(densities, schedule.SelectMany(p => p.Targets));
        // 0.8^13 = 5.5% > 5% > 0.8^14: the 14th prune stops at 13,310; then 5 more to 2%, 2 to 1.4%, 2 to 1%, 4 to 0.5%.
        Assert.Equal(new[] { 14, 19, 21, 23, 27 }, schedule.Select((p, i) => (p, i)).Where(t => t.p.Targets.Count > 0).Select(t => t.i + 1));
        Assert.Equal(new[] { 13_310L, 5_324, 3_727, 2_662, 1_331 }, schedule.Where(p => p.Targets.Count > 0).Select(p => p.Active));
    }

    [Fact]
    public void TrajectoryGivesNestedMasksOfExactDensityAndRewindsToTheWeightsAfterStepK()
    {
        using var data = SyntheticTask.Teacher(20, 4, 256, 31);
        var (trajectory, model, init) = Run(Config, data);
        using var _ = model;
        long d = model.Size;
        Assert.Equal(Targets, trajectory.Densities);
        for (int j = 0; j < Targets.Length; j++)
        {
            var mask = trajectory.Mask(Targets[j]);
            Assert.Equal(Math.Round(Targets[j] * d), mask.Sum(m => m.sum().item<float>()));
            Assert.All(mask, m => Assert.True(m.eq(0).logical_or(m.eq(1)).all().item<bool>(), "the mask is 0/1"));
            if (j > 0) Assert.True(Nested(mask, trajectory.Masks[j - 1]), $"the {Targets[j]} mask keeps a weight the {Targets[j - 1]} mask pruned");
            // Its cost (Table 1): one round of training before each prune up to the one that landed on the target.
            int prunes = trajectory.Prunes.ToList().FindIndex(p => p.Targets.Contains(Targets[j])) + 1;
            Assert.Equal(prunes * Config.EpochsPerRound, trajectory.EpochsTrained[j]);
            Assert.Equal(trajectory.EpochsTrained[j], trajectory.Ticket(Targets[j]).Epochs);
        }

        var oracle = WeightsAfterSteps(data, Config.RewindIteration);
        Assertions.Close(0, MaxDifference(trajectory.RewindWeights, oracle), Tolerance.Absolute(1e-6), "max |θ_k − k plain SGD steps|");
        Assertions.Close(0, MaxDifference(model.W, oracle), Tolerance.Absolute(1e-6), "max |model weights after the run − θ_k|");
        Assert.True(MaxDifference(oracle, init) > 1e-3, "θ_k equals θ_0: the rewind check could not tell warm-up from init");
        Assert.Equal(MaskMode.Fixed, model.Mode);
        for (int l = 0; l < model.Layers; l++) Assert.Equal(Flat(trajectory.Masks[^1][l]), Flat(model.M[l]));
    }

    [Fact]
    public void RewindingToInitInsteadOfStepKIsCaught()
    {
        // Sabotage: k = 0 rewinds to θ_0 (Frankle & Carbin's original IMP). Its rewind weights are the init, and the
        // check of the test above (against k plain SGD steps) fails on them.
        using var data = SyntheticTask.Teacher(20, 4, 256, 31);
        var (trajectory, model, init) = Run(Config with { RewindIteration = 0 }, data);
        using var _ = model;
        Assert.Equal(0, MaxDifference(trajectory.RewindWeights, init));
        var oracle = WeightsAfterSteps(data, Config.RewindIteration);
        Assert.False(Tolerance.Absolute(1e-6).Accepts(0, MaxDifference(trajectory.RewindWeights, oracle)), "rewinding to init passed the step-k check");
    }

    [Fact]
    public void NestingAndCountChecksCatchAMaskThatRevivesAPrunedWeight()
    {
        // Sabotage: swap one kept and one pruned entry of the 10% mask (same count, no longer inside the 20% mask).
        using var data = SyntheticTask.Teacher(20, 4, 256, 31);
        var (trajectory, model, _) = Run(Config, data);
        using var __ = model;
        var earlier = trajectory.Mask(0.2);
        var sabotaged = trajectory.Mask(0.1).Select(m => m.clone()).ToArray();
        long revive = earlier[0].flatten().eq(0).nonzero()[0, 0].item<long>();   // pruned at 20%, hence at 10%
        int layer = Enumerable.Range(0, sabotaged.Length).First(l => sabotaged[l].sum().item<float>() > 0);
        long drop = sabotaged[layer].flatten().eq(1).nonzero()[0, 0].item<long>();
        sabotaged[0].view(-1).index_put_(tensor(1f), tensor(new[] { revive }));
        sabotaged[layer].view(-1).index_put_(tensor(0f), tensor(new[] { drop }));
        Assert.Equal(Math.Round(0.1 * model.Size), sabotaged.Sum(m => m.sum().item<float>()));
        Assert.False(Nested(sabotaged, earlier), "the nesting check missed a revived weight");
        Assert.True(Nested(trajectory.Mask(0.1), earlier));
    }

    [Fact]
    public void RewindIterationBeyondRoundZeroIsRefused()
    {
        using var data = SyntheticTask.Teacher(20, 4, 256, 31);
        using var model = new MaskedMlp(Widths);
        GemMiner.Initialize(model, new Generator(InitSeed));
        // 256 digits in batches of 64, 2 epochs: round 0 has 8 steps.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ImpWithWarmup.Run(model, data, Targets, Config with { RewindIteration = 9 }, new Generator(ShuffleSeed)));
        Assert.Contains("after the 8 steps of round 0", e.Message);
    }

    [Theory]
    [InlineData(-1, 3, 0.2, "RewindIteration")]
    [InlineData(10, 0, 0.2, "EpochsPerRound")]
    [InlineData(10, 3, 0.0, "PruneFraction")]
    [InlineData(10, 3, 1.0, "PruneFraction")]
    public void BadConfigIsRefusedNamingTheField(int k, int epochs, double fraction, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ImpWithWarmupConfig(k, epochs, fraction).Validate());
        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void PaperScaleRunsWarmupImpWithRoundsOfTheMiningRunAndCiWithQuarterRounds()
    {
        var paper = RareGemsSettings.Paper;
        Assert.Equal(new[] { 0.05, 0.02, 0.014, 0.01, 0.005 }, paper.Densities);
        var imp = Assert.IsType<ImpWithWarmupConfig>(paper.Imp);
        // The rewind point lies inside round 0 on 7,000 digits: 55 steps per epoch; a round is as long as the mining run.
        Assert.InRange(imp.RewindIteration, 1, 55 * imp.EpochsPerRound);
        Assert.Equal(paper.Epochs, imp.EpochsPerRound);
        var ci = Assert.IsType<ImpWithWarmupConfig>(RareGemsSettings.Ci.Imp);
        Assert.InRange(ci.RewindIteration, 1, 28 * ci.EpochsPerRound);   // 3,500 digits: 28 steps per epoch
        Assert.Equal(RareGemsSettings.Ci.Epochs / 4, ci.EpochsPerRound);
        Assert.Equal(new[] { 0.02 }, RareGemsSettings.Ci.Densities);
    }
}
