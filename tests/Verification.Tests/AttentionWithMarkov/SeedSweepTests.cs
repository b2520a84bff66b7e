using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Transformers.AttentionWithMarkov;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>The one sweep over seeds: its explicit stop rule, what a stopped sweep reports, and the grid's reference.</summary>
public class SeedSweepTests
{
    [Fact]
    public void ASweepStopsOnceItsRequirementIsUnreachableAndSaysWhichSeedsItSkipped()
    {
        var trained = new List<int>();
        var sweep = SeedSweep.Run(5, i => { trained.Add(i); return i == 2; }, SeedSweep.OnceDecided<bool>(5, 4, hit => hit));
        Assert.Equal([0, 1], trained);                     // after two misses, 3 seeds left cannot make 4 hits
        Assert.Equal("requirement unreachable", sweep.StoppedBecause);
        Assert.Equal("seeds 2–4 (requirement unreachable)", sweep.Skipped);
        Assert.Equal(" (stopped after 2 of 5: requirement unreachable)", sweep.Note);
    }

    [Fact]
    public void ASweepAskedToStopOnceMetStopsThereAndIsNotRecordedAsRefuted()
    {
        var sweep = SeedSweep.Run(3, _ => true, SeedSweep.OnceDecided<bool>(3, 2, hit => hit, orMet: true));
        Assert.Equal(2, sweep.Runs.Count);
        Assert.Equal("seed 2 (requirement met)", sweep.Skipped);
        var obs = new Observations().ExpectAtLeast("hits", 2, 2);
        sweep.ReportStop(obs, "arm");
        Assert.Null(obs.Conclude("met").StoppedEarly);     // a check that holds was not stopped early
    }

    [Fact]
    public void AStoppedRefutedSweepIsReportedThroughStopOnceRefuted()
    {
        var sweep = SeedSweep.Run(3, _ => false, SeedSweep.OnceDecided<bool>(3, 3, hit => hit));
        var obs = new Observations().ExpectAtLeast("hits", 0, 3);
        sweep.ReportStop(obs, "arm");
        var outcome = obs.Conclude("never");
        Assert.Equal(Verdict.Refuted, outcome.Verdict);
        Assert.Equal("arm seeds 1–2 (requirement unreachable)", outcome.StoppedEarly);
    }

    [Fact]
    public void ASweepWithoutARuleRunsEverySeed()
    {
        var sweep = SeedSweep.Run(4, i => i);
        Assert.Equal([0, 1, 2, 3], sweep.Runs);
        Assert.Null(sweep.Skipped);
        Assert.Equal("", sweep.Note);
    }

    [Theory]
    [InlineData(false, 0.5, 0.8, 0.40, 0.8)]    // untied: always the kernel q
    [InlineData(true, 0.2, 0.3, 0.55, 0.3)]     // tied, p+q < 1: the kernel q
    [InlineData(true, 0.5, 0.8, 0.40, 0.6153846153846154)]   // tied, p+q > 1, nearer π0 = 0.615…: π0
    [InlineData(true, 0.5, 0.8, 0.79, 0.8)]     // tied, p+q > 1, nearer q
    public void AGridRunIsJudgedAgainstTheKernelOrTheNearerOfKernelAndUnigramPoint(bool tied, double p, double q, double p01, double expected) =>
        Assert.Equal(expected, new GridRun("cell", new BinaryMarkovChain(p, q), tied, p01).Expected, 12);
}
