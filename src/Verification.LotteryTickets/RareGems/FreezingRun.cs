// Rare Gems (arXiv 2202.12002), §3 Algorithm 1 (iterative freezing), spec §1 and §5 claim 1, pitfall 3: one traced
// mining run of RG.freezing-reaches-target-density, and what it is checked on, epoch by epoch.
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>One GEM-MINER run on the synthetic task at target density s and freeze period T, traced after every epoch.</summary>
public sealed record FreezingRun(double Density, int Every, long Run, GemMinerConfig Config, MiningTrace Trace)
{
    public string Label => $"s={Density},t={Every},run={Run}";

    /// <summary>Mines with <paramref name="rule"/> on the teacher task of <paramref name="seed"/> and traces every epoch.</summary>
    public static FreezingRun Of(IReadOnlyList<int> widths, GemMinerConfig config, long run, long seed, FreezeRule rule, int samples, Device? device) =>
        new(config.Density, config.FreezeEvery, run, config, SyntheticTask.Trace(widths, config, seed, rule, samples, device));

    /// <summary>Per epoch: |active − round(d·s^{j/N})| with j the freezes done by then (the schedule says 0).</summary>
    public IEnumerable<(string Case, double Measured, double Expected)> ScheduleGaps()
    {
        int freezes = IterativeFreezing.FreezeCount(Config.Epochs, Every), j = 0;
        for (int e = 0; e < Config.Epochs; e++)
        {
            if (IterativeFreezing.FreezesAfter(e, Every) && j < freezes) j++;
            long expected = IterativeFreezing.TargetActive(Trace.Size, Density, j, freezes);
            yield return ($"{Label},epoch={e}", Math.Abs(Trace.Active(e) - expected), 0);
        }
    }

    /// <summary>Per epoch: the gem r(p)⊙q's density against the density of the flags q (never above it).</summary>
    public IEnumerable<(string Case, double Measured, double Expected)> GemVersusFlags() =>
        Enumerable.Range(0, Config.Epochs).Select(e => ($"{Label},epoch={e}", Trace.GemDensity[e], (double)Trace.Active(e) / Trace.Size));

    /// <summary>Active entries after the last epoch, and round(d·s), what the schedule ends at.</summary>
    public (long Active, double Target) Final => (Trace.Active(Config.Epochs - 1), Math.Round(Trace.Size * Density));

    /// <summary>Scores clamped to exactly 0 at the end (the ties the threshold rule over-freezes on).</summary>
    public long ScoresAtZero => Trace.Scores[^1].LongCount(p => p == 0);
}
