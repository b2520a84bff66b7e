using Verification.Core.Claims;
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

    private static Outcome Holds() => new Observations().Measure("x", 1, 1, 0).Holds("ok");
    private static Outcome Refuted() => new Observations().Measure("x", 2, 1, 0).Refuted("off");

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
}
