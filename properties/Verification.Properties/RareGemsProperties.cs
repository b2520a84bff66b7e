using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using Verification.LotteryTickets.RareGems.Claims;

namespace Verification.Properties;

/// <summary>
/// GEM-MINER's invariants (Rare Gems, arXiv 2202.12002, §3 Algorithm 1; spec rare-gems.md §1, §5 claim 1) over small
/// random nets. Their negative controls are in the registered claims RG.freezing-reaches-target-density and
/// RG.straight-through-gradient, refuted there.
/// </summary>
[Properties(Arbitrary = [typeof(RareGemsArbitraries)], MaxTest = 30, Replay = PropertySeed.Replay)]
public class RareGemsProperties
{
    public RareGemsProperties() => TorchRuntime.Initialize();

    private static GemMinerConfig Config(SmallMiningCase c, bool freeze = true) => new()
    {
        Density = c.Density, Epochs = c.Epochs, FreezeEvery = c.Every, Lambda = c.Lambda, LearningRate = 0.05,
        BatchSize = 32, FineTuneEpochs = 0, Freeze = freeze,
    };

    [Property]
    public Property AfterTheFreezesTheActiveCountIsExactlyTheTargetCount(SmallMiningCase c)
    {
        var trace = SyntheticTask.Trace(c.Widths, Config(c), c.Seed, samples: 96);
        long target = Math.Max(1, (long)Math.Round(trace.Size * c.Density));
        long active = trace.Active(c.Epochs - 1);
        long zeros = trace.Scores[^1].LongCount(p => p == 0);
        return (active == target).Label($"active {active} of {trace.Size} vs round(d·s) = {target}")
            .And((Math.Abs((double)active / trace.Size - c.Density) <= 0.5 / trace.Size + 1e-12).Label("density within rounding"))
            .Classify(zeros > 1, "ties at p = 0")
            .Classify(c.Every > 1, "T > 1");
    }

    [Property]
    public Property FrozenEntriesNeverComeBackAndScoresStayInTheUnitInterval(SmallMiningCase c)
    {
        var trace = SyntheticTask.Trace(c.Widths, Config(c), c.Seed, samples: 96);
        bool gemWithinFlags = Enumerable.Range(0, c.Epochs).All(e => trace.GemDensity[e] <= (double)trace.Active(e) / trace.Size + 1e-12);
        return (!trace.AnyFrozenReturned()).Label("no frozen entry re-activated")
            .And(trace.ScoresInUnitInterval().Label("p ∈ [0,1] after every epoch"))
            .And(gemWithinFlags.Label("density(r(p)⊙q) ≤ density(q)"));
    }

    [Property(MaxTest = 40)]
    public Property StraightThroughScoreGradientIsTheWeightGradientTimesWeightTimesFlag(int seed)
    {
        var (error, frozen) = StraightThroughGradient.Compare(Math.Abs((long)seed) + 1, ignoreFlags: false);
        return (error <= StraightThroughGradient.GradientTolerance).Label($"|autograd − (∂L/∂w_eff ⊙ w) ⊙ q| = {error}")
            .And((frozen == 0).Label($"frozen entries get {frozen}"));
    }

    [Property(MaxTest = 10)]
    public Property WithoutRegulariserOrFreezingTheMaskStaysNearHalfDense(int seed)
    {
        // λ = 0, no freezing: scores start U[0,1] and move by small steps, so the density stays near 1/2 (spec §5 claim 5).
        var c = new SmallMiningCase([20, 16, 12, 5], 1, 4, 1, 0, Math.Abs(seed));
        var trace = SyntheticTask.Trace(c.Widths, Config(c, freeze: false) with { LearningRate = 0.01 }, c.Seed, samples: 96);
        double density = trace.GemDensity[^1];
        return (density is >= 0.35 and <= 0.65).Label($"density {density} in [0.35, 0.65]")
            .And((trace.Active(c.Epochs - 1) == trace.Size).Label("nothing frozen"));
    }

    [Property(MaxTest = 10)]
    public Property WithoutFreezingTheDensityDoesNotGrowWithLambda(int seed)
    {
        // Spec §5 claim 5, second half: GEM-MINER without freezing, same init and batches, λ on a grid; the final
        // density of r(p) may not increase with λ (1-point tolerance, as the spec states).
        double[] lambdas = [0, 1e-3, 1e-2, 1e-1];
        var c = new SmallMiningCase([20, 16, 12, 5], 1, 4, 1, 0, Math.Abs(seed));
        var density = lambdas.Select(l => SyntheticTask.Trace(c.Widths,
            Config(c with { Lambda = l }, freeze: false) with { LearningRate = 0.01 }, c.Seed, samples: 96).GemDensity[^1]).ToArray();
        var rises = Enumerable.Range(1, lambdas.Length - 1).Where(i => density[i] > density[i - 1] + 0.01).ToArray();
        return (rises.Length == 0).Label($"densities {string.Join(" / ", density.Select(d => d.ToString("F4")))} for λ = {string.Join(" / ", lambdas)}")
            .And((density[^1] < density[0]).Label("the largest λ lowers the density"));
    }

    [Property(MaxTest = 50)]
    public Property ExactKSelectionFreezesExactlyKAndOnlyActiveEntries(int seed, byte kRaw)
    {
        var rng = new Verification.Core.Seeding.Rng(seed);
        int n = 40;
        // Scores on a coarse grid so that ties are common.
        var scores = Enumerable.Range(0, n).Select(_ => rng.NextInt(4) / 4.0).ToArray();
        var active = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.7).ToArray();
        int activeCount = active.Count(a => a);
        int k = activeCount == 0 ? 0 : kRaw % (activeCount + 1);
        var chosen = IterativeFreezing.SelectToFreeze(scores, active, k);
        double maxChosen = chosen.Length == 0 ? double.NegativeInfinity : chosen.Max(i => scores[i]);
        bool smallest = Enumerable.Range(0, n).Where(i => active[i] && !chosen.Contains(i)).All(i => scores[i] >= maxChosen);
        return (chosen.Length == k).Label($"{chosen.Length} chosen vs k = {k}")
            .And(chosen.All(i => active[i]).Label("only active entries"))
            .And((chosen.Distinct().Count() == chosen.Length).Label("no duplicates"))
            .And(smallest.Label("the chosen are the smallest"));
    }
}
