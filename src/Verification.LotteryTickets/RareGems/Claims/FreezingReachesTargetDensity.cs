// Rare Gems (arXiv 2202.12002), §3 Algorithm 1 (iterative freezing), spec §1 and §5 claim 1, pitfall 3: after the
// N freezes the active fraction equals the target density (exact-k selection), frozen entries never come back,
// scores stay in [0,1], and the gem r(p)⊙q is never denser than q.
using Verification.Core.Runtime;
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>
/// GEM-MINER's iterative freezing follows its schedule exactly (round(d·s^{j/N}) active after freeze j), never
/// re-activates a frozen entry, keeps scores in [0,1] and the gem no denser than q. Negative control: the reference
/// code's threshold rule, which over-freezes on ties.
/// </summary>
public sealed class FreezingReachesTargetDensity : Claim<FreezingReachesTargetDensity.Settings>
{
    /// <param name="Runs">seeds per (density, T) pair</param>
    /// <param name="Densities">target densities s</param>
    /// <param name="FreezeEvery">freeze periods T</param>
    /// <param name="Widths">small nets (320 weights), teacher-labelled Gaussian inputs</param>
    /// <param name="Epochs">mining epochs E (Adam on the scores, no fine-tuning)</param>
    /// <param name="Lambda">λ strong enough that many scores are clamped to exactly 0 (ties)</param>
    /// <param name="DensitySlack">slack of "gem density ≤ flags density" (the two are ratios of the same integer counts)</param>
    public sealed record Settings(int Runs, double[] Densities, int[] FreezeEvery, int[] Widths, int Samples = 256, int Epochs = 10,
        double Lambda = 0.2, double LearningRate = 0.05, int BatchSize = 64, double DensitySlack = FreezingReachesTargetDensity.DensitySlack)
        : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale == Scale.Smoke ? 1 : 3, [0.2, 0.05], [1, 3], [16, 12, 8, 4]);

        /// <summary>GEM-MINER's configuration of every run (density s, period T, seed k), run-major.</summary>
        public List<(GemMinerConfig Config, long Run)> Configs() => [.. from k in Enumerable.Range(0, Runs) from s in Densities from t in FreezeEvery
            select (new GemMinerConfig { Density = s, Epochs = Epochs, FreezeEvery = t, Lambda = Lambda, LearningRate = LearningRate, BatchSize = BatchSize, FineTuneEpochs = 0 }, (long)k)];
    }

    public override string Id => "RG.freezing-reaches-target-density";
    public override PaperRef Paper => PaperRef.RareGems;
    public override string Section => "§3, Algorithm 1 (iterative freezing); spec §1, §5 claim 1, pitfall 3";
    public override string Statement =>
        "GEM-MINER's global iterative freezing leaves exactly round(d·s^{j/N}) active entries after freeze j (so exactly " +
        "round(d·s) at the end), never re-activates a frozen entry, keeps every score in [0,1] and the gem no denser than q.";
    public override string NegativeControl =>
        "Freezing by the reference code's threshold rule (every active |p| ≤ the k-th smallest), which removes more than k when clamped scores tie.";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        TorchRuntime.Initialize();
        var rule = construction == Construction.Faithful ? FreezeRule.SmallestScores : FreezeRule.ThresholdWithTies;
        var configs = settings.Configs();
        var runs = configs.Select((c, n) =>
        {
            var run = FreezingRun.Of(settings.Widths, c.Config, c.Run, context.DeriveSeed($"rg.invariants.{c.Run}"), rule, settings.Samples, context.Device.ToTorch());
            context.Report((n + 1.0) / configs.Count);
            return run;
        }).ToList();
        var obs = new Observations();
        // exactly round(d·s) active at the end of every run
        foreach (var run in runs)
            obs.Expect($"{run.Label}.final-active", run.Final.Active, run.Final.Target, Tolerance.Absolute(0)).Measure($"{run.Label}.scores-at-zero", run.ScoresAtZero);
        // the schedule holds at every epoch of every run; the invariants hold throughout (the worst run and epoch are shown)
        return obs.ExpectAll("worst-count-gap", runs.SelectMany(r => r.ScheduleGaps()), Tolerance.Absolute(0))
            .ExpectAll("gem-density-vs-q-density", runs.SelectMany(r => r.GemVersusFlags()), Tolerance.AtMost(settings.DensitySlack))
            .ExpectAll("no-frozen-entry-returns", runs.Select(r => (r.Label, !r.Trace.AnyFrozenReturned())))
            .ExpectAll("scores-in-unit-interval.min", runs.Select(r => (r.Label, r.Trace.MinScore, 0.0)), Tolerance.AtLeast())
            .ExpectAll("scores-in-unit-interval.max", runs.Select(r => (r.Label, r.Trace.MaxScore, 1.0)), Tolerance.AtMost())
            .Measure("runs", runs.Count)
            .Conclude($"in all {runs.Count} runs the active count followed the schedule exactly, no frozen entry returned, scores stayed in [0,1]");
    }

    public const double DensitySlack = 1e-12;
}
