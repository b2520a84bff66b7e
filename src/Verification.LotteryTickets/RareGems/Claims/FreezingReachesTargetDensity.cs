// Rare Gems (arXiv 2202.12002), §3 Algorithm 1 (iterative freezing), spec §1 and §5 claim 1, pitfall 3: after the
// N freezes the active fraction equals the target density (exact-k selection), frozen entries never come back,
// scores stay in [0,1], and the gem r(p)⊙q is never denser than q.
using Verification.Core.Runtime;
using Verification.Core.Claims;

namespace Verification.LotteryTickets.RareGems.Claims;

public sealed class FreezingReachesTargetDensity : Claim
{
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

    protected override Outcome Check(ClaimContext ctx, Construction construction)
    {
        TorchRuntime.Initialize();
        var rule = construction == Construction.Faithful ? FreezeRule.SmallestScores : FreezeRule.ThresholdWithTies;
        var obs = new Observations();
        var failures = new List<string>();
        var cases = Cases(ctx.Scale);
        long worstGap = 0;
        int run = 0;
        foreach (var (s, every, k) in cases)
        {
            var config = new GemMinerConfig
            {
                Density = s, Epochs = 10, FreezeEvery = every, Lambda = 0.2, LearningRate = 0.05, BatchSize = 64, FineTuneEpochs = 0,
            };
            var trace = SyntheticTask.Trace(Widths, config, ctx.DeriveSeed($"rg.invariants.{k}"), rule, device: ctx.Device.ToTorch());
            int freezes = IterativeFreezing.FreezeCount(config.Epochs, every);
            string at = $"s={s},T={every},run={k}";
            int j = 0;
            for (int e = 0; e < config.Epochs; e++)
            {
                if (IterativeFreezing.FreezesAfter(e, every) && j < freezes) j++;
                long expected = IterativeFreezing.TargetActive(trace.Size, s, j, freezes);
                long gap = Math.Abs(trace.Active(e) - expected);
                worstGap = Math.Max(worstGap, gap);
                if (gap != 0) failures.Add($"{at}: epoch {e} has {trace.Active(e)} active, schedule says {expected}");
                double flagsDensity = (double)trace.Active(e) / trace.Size;
                if (trace.GemDensity[e] > flagsDensity + 1e-12) failures.Add($"{at}: gem denser than q at epoch {e}");
            }
            if (trace.AnyFrozenReturned()) failures.Add($"{at}: a frozen entry came back");
            if (!trace.ScoresInUnitInterval()) failures.Add($"{at}: a score left [0,1]");
            long zeros = trace.Scores[^1].LongCount(p => p == 0);
            obs.Measure($"{at}.final_active", trace.Active(config.Epochs - 1), Math.Round(trace.Size * s), 0);
            obs.Measure($"{at}.scores_at_zero", zeros);
            ctx.Report(++run / (double)cases.Count);
        }
        obs.Measure("worst_count_gap", worstGap, 0, 0);
        obs.Measure("runs", cases.Count);
        return obs.Decide(failures.Count == 0,
            $"in all {cases.Count} runs the active count followed the schedule exactly, no frozen entry returned, scores stayed in [0,1]",
            $"{failures.Count} violations, first: {string.Join("; ", failures.Take(3))}");
    }
}
