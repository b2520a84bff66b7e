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
public sealed class FreezingReachesTargetDensity : Claim
{
    /// <summary>Slack of "gem density ≤ flags density" (the two are ratios of the same integer counts).</summary>
    public const double DensitySlack = 1e-12;

    /// <summary>Small nets and a regulariser strong enough that many scores are clamped to exactly 0 (ties).</summary>
    private static readonly int[] Widths = [16, 12, 8, 4];

    public override string Id => "RG.freezing-reaches-target-density";
    public override PaperRef Paper => PaperRef.RareGems;
    public override string Section => "§3, Algorithm 1 (iterative freezing); spec §1, §5 claim 1, pitfall 3";
    public override string Statement =>
        "GEM-MINER's global iterative freezing leaves exactly round(d·s^{j/N}) active entries after freeze j (so exactly " +
        "round(d·s) at the end), never re-activates a frozen entry, keeps every score in [0,1] and the gem no denser than q.";
    public override string NegativeControl =>
        "Freezing by the reference code's threshold rule (every active |p| ≤ the k-th smallest), which removes more than k when clamped scores tie.";

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>
    {
        ["nets"] = "MLP 16-12-8-4 (320 weights), teacher-labelled Gaussian inputs, 256 samples",
        ["runs"] = Cases(scale).Count,
        ["mining"] = "E = 10 with T ∈ {1, 3}, λ = 0.2 (forces ties at p = 0), Adam 0.05, batch 64",
        ["tolerance"] = "exact (integer counts)",
    };

    private static List<(double Density, int Every, long Seed)> Cases(Scale scale)
    {
        var cases = new List<(double, int, long)>();
        int seeds = scale == Scale.Smoke ? 1 : 3;
        for (int k = 0; k < seeds; k++)
            foreach (var s in new[] { 0.2, 0.05 })
                foreach (var t in new[] { 1, 3 })
                    cases.Add((s, t, k));
        return cases;
    }

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        TorchRuntime.Initialize();
        var rule = construction == Construction.Faithful ? FreezeRule.SmallestScores : FreezeRule.ThresholdWithTies;
        var obs = new Observations();
        var cases = Cases(context.Scale);
        long worstGap = 0;
        int run = 0, offSchedule = 0, gemDenser = 0, returned = 0, outOfRange = 0;
        foreach (var (s, every, k) in cases)
        {
            var config = new GemMinerConfig
            {
                Density = s, Epochs = 10, FreezeEvery = every, Lambda = 0.2, LearningRate = 0.05, BatchSize = 64, FineTuneEpochs = 0,
            };
            var trace = SyntheticTask.Trace(Widths, config, context.DeriveSeed($"rg.invariants.{k}"), rule, device: context.Device.ToTorch());
            int freezes = IterativeFreezing.FreezeCount(config.Epochs, every);
            string at = $"s={s},T={every},run={k}";
            int j = 0;
            for (int e = 0; e < config.Epochs; e++)
            {
                if (IterativeFreezing.FreezesAfter(e, every) && j < freezes) j++;
                long expected = IterativeFreezing.TargetActive(trace.Size, s, j, freezes);
                long gap = Math.Abs(trace.Active(e) - expected);
                worstGap = Math.Max(worstGap, gap);
                if (gap != 0) offSchedule++;
                double flagsDensity = (double)trace.Active(e) / trace.Size;
                if (!Tolerance.AtMost(DensitySlack).Accepts(flagsDensity, trace.GemDensity[e])) gemDenser++;
            }
            if (trace.AnyFrozenReturned()) returned++;
            if (!trace.ScoresInUnitInterval()) outOfRange++;
            long zeros = trace.Scores[^1].LongCount(p => p == 0);
            // exactly round(d·s) active at the end of every run
            obs.Expect($"{at}.final-active", trace.Active(config.Epochs - 1), Math.Round(trace.Size * s), Tolerance.Absolute(0));
            obs.Measure($"{at}.scores-at-zero", zeros);
            context.Report(++run / (double)cases.Count);
        }
        // the schedule holds at every epoch of every run; the invariants hold throughout
        obs.Expect("worst-count-gap", worstGap, 0, Tolerance.Absolute(0));
        obs.Expect("epochs-off-schedule", offSchedule == 0, $"{offSchedule} (run, epoch) pairs off the schedule");
        obs.Expect("gem-never-denser-than-q", gemDenser == 0, $"{gemDenser} (run, epoch) pairs");
        obs.Expect("no-frozen-entry-returns", returned == 0, $"{returned} runs");
        obs.Expect("scores-in-unit-interval", outOfRange == 0, $"{outOfRange} runs");
        obs.Measure("runs", cases.Count);
        return obs.Conclude($"in all {cases.Count} runs the active count followed the schedule exactly, no frozen entry returned, scores stayed in [0,1]");
    }
}
