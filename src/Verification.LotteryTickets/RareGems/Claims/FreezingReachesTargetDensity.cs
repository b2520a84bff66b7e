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

        /// <summary>GEM-MINER's configuration of one run.</summary>
        public GemMinerConfig Config(double density, int freezeEvery) => new()
        {
            Density = density, Epochs = Epochs, FreezeEvery = freezeEvery, Lambda = Lambda, LearningRate = LearningRate,
            BatchSize = BatchSize, FineTuneEpochs = 0,
        };

        /// <summary>Every (density, T, run) of the check, run-major.</summary>
        public List<(double Density, int Every, long Run)> Cases()
        {
            var cases = new List<(double, int, long)>();
            for (int k = 0; k < Runs; k++)
                foreach (var s in Densities)
                    foreach (var t in FreezeEvery)
                        cases.Add((s, t, k));
            return cases;
        }
    }

    public const double DensitySlack = 1e-12;

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
        var obs = new Observations();
        var cases = settings.Cases();
        long worstGap = 0;
        int run = 0, offSchedule = 0, gemDenser = 0, returned = 0, outOfRange = 0;
        foreach (var (s, every, k) in cases)
        {
            var config = settings.Config(s, every);
            var trace = SyntheticTask.Trace(settings.Widths, config, context.DeriveSeed($"rg.invariants.{k}"), rule, settings.Samples, context.Device.ToTorch());
            int freezes = IterativeFreezing.FreezeCount(config.Epochs, every);
            string at = $"s={s},t={every},run={k}";
            int j = 0;
            for (int e = 0; e < config.Epochs; e++)
            {
                if (IterativeFreezing.FreezesAfter(e, every) && j < freezes) j++;
                long expected = IterativeFreezing.TargetActive(trace.Size, s, j, freezes);
                long gap = Math.Abs(trace.Active(e) - expected);
                worstGap = Math.Max(worstGap, gap);
                if (gap != 0) offSchedule++;
                double flagsDensity = (double)trace.Active(e) / trace.Size;
                if (!Tolerance.AtMost(settings.DensitySlack).Accepts(flagsDensity, trace.GemDensity[e])) gemDenser++;
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
