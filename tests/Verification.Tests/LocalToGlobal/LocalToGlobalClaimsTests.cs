using Snapshooter;
using Snapshooter.Xunit;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.Tests.Support;
using Verification.Transformers;
using Verification.Transformers.LocalToGlobal;
using Verification.Transformers.LocalToGlobal.Claims;

namespace Verification.Tests.LocalToGlobal;

/// <summary>
/// The LG claims at smoke scale (the CI-scale run is RegisteredClaimsTests), their determinism, and the snapshot of the
/// series behind Figure 1 and the fraction-vs-σ curve.
/// </summary>
public class LocalToGlobalClaimsTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var c in TransformerClaims.LocalToGlobal().Where(c => c.Scales.Contains(Scale.Smoke))) data.Add(c.Id);
        return data;
    }

    [Fact]
    public void TrainingClaimsAreReportedNotRunAtSmokeScaleNeverPassed()
    {
        var training = TransformerClaims.LocalToGlobal().Where(c => !c.Scales.Contains(Scale.Smoke)).ToList();
        Assert.Equal(4, training.Count);   // the two full-model training claims, the rank-one claim and the simplified-model escape times
        foreach (var c in training)
        {
            Assert.Contains(Scale.Ci, c.Scales);
            Assert.Equal(Verdict.NotRun, c.Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu).Verdict);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HoldsAtSmokeScaleWithItsControlRefuted(string id)
    {
        var claim = TransformerClaims.LocalToGlobal().Single(c => c.Id == id);
        Assert.Equal(PaperId.LG, claim.Paper.Id);
        var evidence = claim.Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu);
        Assert.True(evidence.Verdict == Verdict.Holds, $"{id}: {evidence.Verdict}: {evidence.Reason}");
        Assert.Equal(Verdict.Refuted, evidence.NegativeControl!.Verdict);
    }

    [Fact]
    public void SameSeedGivesIdenticalEvidence()
    {
        var claim = new SmallInitLearnsBigramOnlyBelowOne();
        var a = claim.Evaluate(Scale.Smoke, 7, ComputeDevice.Cpu);
        var b = claim.Evaluate(Scale.Smoke, 7, ComputeDevice.Cpu);
        Assert.Equal(a.Measured, b.Measured);
        var mc = new ClosedFormLossMatchesMonteCarlo();
        Assert.Equal(mc.Evaluate(Scale.Smoke, 3, ComputeDevice.Cpu).Measured, mc.Evaluate(Scale.Smoke, 3, ComputeDevice.Cpu).Measured);
        Assert.NotEqual(mc.Evaluate(Scale.Smoke, 3, ComputeDevice.Cpu).Measured, mc.Evaluate(Scale.Smoke, 4, ComputeDevice.Cpu).Measured);
    }

    [Fact]
    public void BasinClaimProducesBothPhasePortraits()
    {
        var evidence = new BasinTheoremHolds().Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu);
        Assert.Equal(2, evidence.Figures.Count);
        Assert.All(evidence.Figures, f => Assert.NotNull(f.Heatmap));
        Assert.Contains(evidence.Figures, f => f.Name.Contains("p0.5-q0.8"));
    }

    [Fact]
    public void MonteCarloLossRejectsTooFewSequences() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MonteCarloLoss.Estimate(
            new Verification.Core.Markov.BinaryMarkovChain(0.2, 0.3), 0, 1, 1, 10, new Rng(1)));

    /// <summary>Figure 1's closed-form curves and one trajectory for (0.5, 0.8), plus the predicate's fraction-vs-σ curve.</summary>
    [Fact]
    public void PhasePortraitAndFractionSeries()
    {
        var model = new CanonicalModel(0.5, 0.8);
        var axis = BasinGrid.Axis(5);
        var figure = BasinFigures.PhasePortrait(model, axis, new double[5, 5]);
        var series = figure.Series.Where(s => !s.Name.StartsWith("trajectory", StringComparison.Ordinal) || s.Name.Contains("(2.5, -2.2)"))
            .Select(s => new
            {
                s.Name,
                Points = s.X.Zip(s.Y).Where((_, i) => i % 20 == 0 || i == s.X.Count - 1)
                    .Select(p => new[] { Significant.Round(p.First), Significant.Round(p.Second) }).ToArray(),
            }).ToArray();
        var fractions = SmallInitLearnsBigramOnlyBelowOne.Settings.For(Scale.Smoke).CurveSigmas
            .Select(s => Significant.Round(SmallInitialisation.PredictedBigramFraction(1.3, s, 2000, new Rng(11)))).ToArray();
        Snapshot.Match(new { series, fractions }, new SnapshotFullName("lg-phase-portrait-and-fraction.snap", RepoPaths.Snapshots("LocalToGlobal")));
    }
}
