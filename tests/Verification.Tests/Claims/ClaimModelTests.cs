using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Tests.Claims;

public class ClaimModelTests
{
    /// <summary>A claim whose faithful and sabotaged checks are scripted, to test the evaluation rules.</summary>
    private sealed class Scripted(Func<Construction, Outcome> check, Scale[]? scales = null, string id = "MC.scripted",
        Verdict recorded = Verdict.Holds) : Claim
    {
        public override Verdict Recorded => recorded;
        public override string Id => id;
        public override PaperRef Paper => PaperRef.MarkovMachinery;
        public override string Section => "test";
        public override string Statement => "scripted";
        public override string NegativeControl => "scripted sabotage";
        public override IReadOnlyCollection<Scale> Scales => scales ?? [Scale.Smoke, Scale.Ci, Scale.Paper];
        protected override Outcome Check(ClaimContext context, Construction construction) => check(construction);
    }

    private static Outcome Holds() => new Observations().Expect("x", 1, 1, Tolerance.Absolute(0)).Conclude("ok");
    private static Outcome Refuted() => new Observations().Expect("x", 2, 1, Tolerance.Absolute(0)).Conclude("ok");

    [Fact]
    public void HoldsWhenFaithfulHoldsAndControlIsRefuted()
    {
        var e = new Scripted(k => k == Construction.Faithful ? Holds() : Refuted()).Evaluate(Scale.Ci, 3, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Holds, e.Verdict);
        Assert.Equal(Verdict.Refuted, e.NegativeControl!.Verdict);
        Assert.Equal(1, e.Measured["x"]);
        Assert.Equal(2, e.NegativeControl.Measured["x"]);
        Assert.Equal(3, e.Seed);
    }

    [Fact]
    public void ACheckThatCannotFailIsInconclusive()
    {
        var e = new Scripted(_ => Holds()).Evaluate(Scale.Ci, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Inconclusive, e.Verdict);
        Assert.Contains("negative control was not refuted", e.Reason);
    }

    [Fact]
    public void ARecordedFindingIsRefutedWithAPositiveControlThatHolds()
    {
        var e = new Scripted(k => k == Construction.Faithful ? Refuted() : Holds(), recorded: Verdict.Refuted)
            .Evaluate(Scale.Ci, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Refuted, e.Verdict);
        Assert.Equal(Verdict.Refuted, e.Recorded);
        Assert.Equal(Verdict.Holds, e.NegativeControl!.Verdict);
    }

    /// <summary>A claim refuted at paper scale only: its controls follow the recorded verdict of the scale.</summary>
    private sealed class RefutedAtPaper(Func<Scale, Construction, Outcome> check) : Claim
    {
        public override string Id => "MC.refuted-at-paper";
        public override PaperRef Paper => PaperRef.MarkovMachinery;
        public override string Section => "test";
        public override string Statement => "scripted";
        public override string NegativeControl => "scripted sabotage";
        public override Verdict RecordedAt(Scale scale) => scale == Scale.Paper ? Verdict.Refuted : Recorded;
        public override string ControlAt(Scale scale) => scale == Scale.Paper ? "scripted positive control" : NegativeControl;
        protected override Outcome Check(ClaimContext context, Construction construction) => check(context.Scale, construction);
    }

    [Fact]
    public void ARecordedVerdictPerScaleDecidesWhichControlMustHold()
    {
        // CI: holds with a refuted negative control; paper: refuted with a holding positive control. Both as recorded.
        var claim = new RefutedAtPaper((scale, k) => (scale, k) switch
        {
            (Scale.Paper, Construction.Faithful) => Refuted(),
            (Scale.Paper, _) => Holds(),
            (_, Construction.Faithful) => Holds(),
            _ => Refuted(),
        });
        Assert.True(claim.RecordedPerScale);
        var ci = claim.Evaluate(Scale.Ci, 1, ComputeDevice.Cpu);
        Assert.Equal((Verdict.Holds, Verdict.Holds, "scripted sabotage"), (ci.Verdict, ci.Recorded, ci.NegativeControl!.Description));
        var paper = claim.Evaluate(Scale.Paper, 1, ComputeDevice.Cpu);
        Assert.Equal((Verdict.Refuted, Verdict.Refuted, "scripted positive control"), (paper.Verdict, paper.Recorded, paper.NegativeControl!.Description));
        Assert.True(ClaimRecord.From(paper, "test", []).AsRecorded);

        // The sabotage: the same claim whose paper control cannot hold (the check cannot pass there) is not as recorded.
        var cannotPass = new RefutedAtPaper((_, k) => k == Construction.Faithful ? Refuted() : Refuted());
        var e = cannotPass.Evaluate(Scale.Paper, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Inconclusive, e.Verdict);
        Assert.Contains("positive control did not hold", e.Reason);
    }

    [Fact]
    public void ARecordedFindingWhoseCheckCannotPassIsInconclusive()
    {
        var e = new Scripted(_ => Refuted(), recorded: Verdict.Refuted).Evaluate(Scale.Ci, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Inconclusive, e.Verdict);
        Assert.Contains("positive control did not hold", e.Reason);
    }

    [Fact]
    public void RefutedFaithfulStaysRefuted()
    {
        var e = new Scripted(_ => Refuted()).Evaluate(Scale.Ci, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Refuted, e.Verdict);
    }

    [Fact]
    public void UnsupportedScaleIsNotRunNeverPassed()
    {
        var e = new Scripted(_ => Holds(), [Scale.Ci, Scale.Paper]).Evaluate(Scale.Smoke, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.NotRun, e.Verdict);
        Assert.Contains("not run at scale smoke", e.Reason);
    }

    [Fact]
    public void ACrashIsInconclusiveWithItsCause()
    {
        var e = new Scripted(_ => throw new InvalidOperationException("boom")).Evaluate(Scale.Ci, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Inconclusive, e.Verdict);
        Assert.Contains("boom", e.Reason);
    }

    [Fact]
    public void ADeclaredInconclusiveCheckKeepsItsReason()
    {
        var e = new Scripted(_ => throw new ClaimInconclusiveException("loss went NaN at step 12"))
            .Evaluate(Scale.Ci, 1, ComputeDevice.Cpu);
        Assert.Equal(Verdict.Inconclusive, e.Verdict);
        Assert.Equal("loss went NaN at step 12", e.Reason);
    }

    [Fact]
    public void CancellationPropagates()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var claim = new Scripted(_ => Holds());
        Assert.ThrowsAny<OperationCanceledException>(() =>
            claim.Evaluate(Scale.Ci, 1, ComputeDevice.Cpu, new Progress<double>(), cts.Token).ToString());
    }

    [Theory]
    [InlineData("AM.unigram-is-local-min", PaperId.AM, true)]
    [InlineData("MC.x1", PaperId.MC, true)]
    [InlineData("AM.unigram-is-local-min", PaperId.LG, false)]
    [InlineData("AM.Unigram", PaperId.AM, false)]
    [InlineData("AM.unigram--min", PaperId.AM, false)]
    [InlineData("XX.thing", PaperId.AM, false)]
    [InlineData("AM.", PaperId.AM, false)]
    public void ClaimIdsHaveThePaperKebabForm(string id, PaperId paper, bool valid) =>
        Assert.Equal(valid, Claim.IsValidId(id, paper));

    [Fact]
    public void RegistryRejectsDuplicateAndMalformedIds()
    {
        var ok = new Scripted(_ => Holds());
        Assert.Throws<ArgumentException>(() => new ClaimRegistry([ok, new Scripted(_ => Holds())]));
        Assert.Throws<ArgumentException>(() => new ClaimRegistry([new Scripted(_ => Holds(), id: "AM.wrong-paper")]));
        var e = Assert.Throws<UnknownClaimException>(() => new ClaimRegistry([ok]).Get("MC.nope"));
        Assert.Contains("MC.scripted", e.Message);
    }

    [Fact]
    public void RegistrySelectsByPaperOrIdInRegistryOrder()
    {
        var a = new Scripted(_ => Holds(), id: "MC.a");
        var b = new Scripted(_ => Holds(), id: "MC.b");
        var registry = new ClaimRegistry([a, b]);
        Assert.Equal([a, b], registry.Select([], []));
        Assert.Equal([b], registry.Select([], ["MC.b"]));
        Assert.Equal([a, b], registry.Select([PaperId.MC], []));
        Assert.Empty(registry.Select([PaperId.AM], []));
        Assert.Throws<UnknownClaimException>(() => registry.Select([], ["MC.c"]));
    }

    [Fact]
    public void ObservationsRefuseARecordedNameTwice()
    {
        var o = new Observations().Measure("a", 1);
        Assert.Throws<InvalidOperationException>(() => o.Measure("a", 2));
    }

    [Fact]
    public void TheVerdictFollowsFromTheChecksAndARefutationNamesTheFirstFailures()
    {
        var obs = new Observations();
        using (obs.Case("p=0.5"))
        {
            obs.Expect("gap", 0.1, 0, Tolerance.Absolute(1e-3));
            obs.ExpectAtLeast("coverage", 0.97, 0.95);
        }
        obs.ExpectFraction("hits", 3, 4, 0.75).Expect("ordered", true);
        var outcome = obs.Conclude("never said");
        Assert.Equal(Verdict.Refuted, outcome.Verdict);
        Assert.StartsWith("1 of 4 checks failed: p=0.5.gap: measured 0.1, expected 0", outcome.Reason);
        Assert.Equal(["p=0.5.gap", "p=0.5.coverage", "hits", "ordered"], outcome.Checks.Select(c => c.Key));
        Assert.Equal(0.75, outcome.Measured["hits"]);
        Assert.False(outcome.Measured.ContainsKey("ordered"));
    }

    [Fact]
    public void AllChecksPassingHolds()
    {
        var outcome = new Observations().ExpectAtMost("err", 0.01, 0.02).Expect("fact", true).Conclude("fine");
        Assert.Equal(Verdict.Holds, outcome.Verdict);
        Assert.Equal("fine", outcome.Reason);
    }

    [Fact]
    public void AVerdictThatDisagreesWithItsChecksCannotBeProduced()
    {
        var failed = new Check("x", 2, 1, Tolerance.Absolute(0.5));
        var passed = new Check("x", 1, 1, Tolerance.Absolute(0.5));
        var none = new Dictionary<string, double>();
        Assert.Throws<ArgumentException>(() => new Outcome(Verdict.Holds, "claims to hold", none, [failed], [], []));
        Assert.Throws<ArgumentException>(() => new Outcome(Verdict.Holds, "no checks", none, [], [], []));
        Assert.Throws<ArgumentException>(() => new Outcome(Verdict.Refuted, "claims refuted", none, [passed], [], []));
        Assert.Throws<ArgumentException>(() => new Outcome(Verdict.NotRun, "a check never returns not-run", none, [], [], []));
        Assert.Equal(Verdict.Inconclusive, new Outcome(Verdict.Inconclusive, "NaN", none, [failed], [], []).Verdict);
        Assert.Throws<InvalidOperationException>(() => new Observations().Measure("x", 1).Conclude("nothing checked"));
    }

    [Fact]
    public void ACheckComparesTheValueMeasuredUnderItsNameAndIsMadeOnce()
    {
        var o = new Observations().Measure("a", 1).Expect("a", 1, 1, Tolerance.Absolute(0));
        Assert.Throws<InvalidOperationException>(() => o.Expect("a", 1, 1, Tolerance.Absolute(0)));
        Assert.Throws<InvalidOperationException>(() => new Observations().Measure("b", 1).Expect("b", 2, 2, Tolerance.Absolute(0)));
        var c = new Observations();
        using (c.Case("one")) Assert.Throws<InvalidOperationException>(() => c.Case("two"));
    }

    [Theory]
    [InlineData(ToleranceKind.Absolute, 1e-3, 1.0, 1.0009, true)]
    [InlineData(ToleranceKind.Absolute, 1e-3, 1.0, 1.0011, false)]
    [InlineData(ToleranceKind.Relative, 1e-2, 100.0, 100.9, true)]
    [InlineData(ToleranceKind.Relative, 1e-2, 100.0, 101.1, false)]
    [InlineData(ToleranceKind.AtMost, 0.0, 0.5, 0.5, true)]
    [InlineData(ToleranceKind.AtMost, 0.0, 0.5, 0.51, false)]
    [InlineData(ToleranceKind.AtLeast, 0.0, 0.95, 0.95, true)]
    [InlineData(ToleranceKind.AtLeast, 0.0, 0.95, 0.94, false)]
    [InlineData(ToleranceKind.AtLeast, 0.0, 0.95, double.NaN, false)]
    [InlineData(ToleranceKind.Absolute, 1.0, 0.0, double.PositiveInfinity, false)]
    public void ToleranceKindsCompareAsTheyDescribe(ToleranceKind kind, double value, double expected, double measured, bool accepted) =>
        Assert.Equal(accepted, new Tolerance(kind, value).Accepts(expected, measured));

    [Fact]
    public void ResultsJsonListsTheChecksThatDecidedTheVerdict()
    {
        var claim = new Scripted(k => k == Construction.Faithful
            ? new Observations().Measure("plain", 3).ExpectAtLeast("coverage", 0.97, 0.95).Conclude("covered")
            : Refuted());
        var e = claim.Evaluate(Scale.Ci, 1, ComputeDevice.Cpu);
        var json = ResultsJson.Results(new RunInfo(Scale.Ci, [1], "cpu", "test", DateTimeOffset.UnixEpoch),
            [ClaimRecord.From(e, "test", [])]);
        Assert.Contains("\"schema\": \"verification-results/3\"", json);
        Verification.Tests.Reporting.ResultsSchema.AssertValid(json, "results.json");
        Assert.Contains("\"name\": \"coverage\"", json);
        Assert.Contains("\"kind\": \"at-least\"", json);
        Assert.DoesNotContain("\"reference\"", json);
        var record = ClaimRecord.Parse(ClaimRecord.From(e, "test", []).ToJson(), "test");
        Assert.Equal(e.Checks.Count, record.Checks.Count);
        Assert.True(record.Checks[0].Passed);
    }
}
