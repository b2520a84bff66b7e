using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Tests.Claims;

/// <summary>
/// The check API's quantifier, precondition and early stop: a check over many cases compares its worst case (and the
/// report shows which), a failed precondition makes a claim inconclusive rather than refuted, and stopping early is
/// recorded in the outcome. Each test has the sabotage that the rule must catch.
/// </summary>
public sealed class QuantifiedCheckTests
{
    private static readonly (string, double, double)[] Errors = [("a", 1e-13, 0), ("b", 4e-13, 0), ("c", 2e-13, 0)];

    [Fact]
    public void ExpectAllComparesTheWorstCaseAndNamesIt()
    {
        var outcome = new Observations().ExpectAll("max-err", Errors, Tolerance.Absolute(1e-12)).Conclude("ok");
        var check = Assert.Single(outcome.Checks);
        Assert.Equal(Verdict.Holds, outcome.Verdict);
        Assert.Equal(4e-13, check.Measured);
        Assert.Equal("b", check.Worst);
        Assert.Equal(3, check.Over);
        Assert.Equal(0, check.Failing);
        Assert.Equal(4e-13, outcome.Measured["max-err"]);
    }

    [Fact]
    public void ExpectAllFailsWhenOneCaseFailsAndCountsTheFailures()
    {
        (string, double, double)[] cases = [.. Errors, ("d", 3e-12, 0), ("e", 2e-12, 0)];
        var outcome = new Observations().ExpectAll("max-err", cases, Tolerance.Absolute(1e-12)).Conclude("ok");
        var check = Assert.Single(outcome.Checks);
        Assert.Equal(Verdict.Refuted, outcome.Verdict);
        Assert.Equal(("d", 2), (check.Worst, check.Failing));
        Assert.Contains("worst of 5 (2 failing): d", outcome.Reason);
    }

    [Theory]
    [InlineData(ToleranceKind.AtMost, new[] { 0.1, 0.4, 0.3 }, 0.4)]      // closest to the bound from below
    [InlineData(ToleranceKind.AtLeast, new[] { 0.97, 0.951, 0.99 }, 0.951)]
    [InlineData(ToleranceKind.AtLeast, new[] { 0.97, double.NaN, 0.99 }, double.NaN)]   // NaN is the worst
    public void TheWorstCaseIsTheOneClosestToFailingForEveryKind(ToleranceKind kind, double[] values, double worst)
    {
        var bound = kind == ToleranceKind.AtMost ? 0.5 : 0.95;
        var outcome = new Observations().ExpectAll("x", values.Select((v, i) => ($"i={i}", v, bound)), new Tolerance(kind, 0)).Conclude("ok");
        Assert.Equal(worst, outcome.Checks[0].Measured);
    }

    [Fact]
    public void AQuantifierOverNoCaseFails()
    {
        var outcome = new Observations().ExpectAll("x", Array.Empty<(string, double, double)>(), Tolerance.Absolute(1)).Conclude("ok");
        Assert.Equal(Verdict.Refuted, outcome.Verdict);
        Assert.Contains("over no case", outcome.Reason);
        var facts = new Observations().ExpectAll("y", Array.Empty<(string, bool)>()).Conclude("ok");
        Assert.Equal(Verdict.Refuted, facts.Verdict);
    }

    [Fact]
    public void AStructuralQuantifierNamesTheFirstCaseThatDoesNotHold()
    {
        var outcome = new Observations().ExpectAll("ends-in-basin", [("s1", true), ("s2", false), ("s3", false)]).Conclude("ok");
        var check = Assert.Single(outcome.Checks);
        Assert.Equal(Verdict.Refuted, outcome.Verdict);
        Assert.Equal(("s2", 2, 3), (check.Worst, check.Failing, check.Over));
    }

    [Fact]
    public void AFailedAssumptionMakesTheClaimInconclusiveUnlessAnotherCheckFailed()
    {
        var undecided = new Observations().Expect("err", 0.1, 0, Tolerance.Absolute(1))
            .AssumeAll("converged", [("s1", true), ("s2", false)]).Conclude("ok");
        Assert.Equal(Verdict.Inconclusive, undecided.Verdict);
        Assert.Contains("could not decide", undecided.Reason);
        Assert.True(undecided.Checks[1].Assumption);

        var refuted = new Observations().Expect("err", 3, 0, Tolerance.Absolute(1)).Assume("optimal", false).Conclude("ok");
        Assert.Equal(Verdict.Refuted, refuted.Verdict);

        var holds = new Observations().Expect("err", 0.1, 0, Tolerance.Absolute(1)).Assume("optimal", true).Conclude("ok");
        Assert.Equal(Verdict.Holds, holds.Verdict);
    }

    [Fact]
    public void StoppingEarlyIsOnlyPossibleOnceRefutedAndIsReported()
    {
        var obs = new Observations().Expect("seed=1", 0.1, 0, Tolerance.Absolute(1));
        Assert.False(obs.StopOnceRefuted("seeds 2-5"));
        obs.Expect("seed=2", 3, 0, Tolerance.Absolute(1));
        Assert.True(obs.StopOnceRefuted("seeds 3-5"));
        var outcome = obs.Conclude("ok");
        Assert.Equal(Verdict.Refuted, outcome.Verdict);
        Assert.Equal("seeds 3-5", outcome.StoppedEarly);
        Assert.Contains("stopped early, not run: seeds 3-5", outcome.Reason);

        var assumptionOnly = new Observations().Assume("optimal", false);
        Assert.False(assumptionOnly.StopOnceRefuted("the rest"));   // an unmet precondition is not a refutation
    }

    private sealed record Cell(double Accuracy, int[] Layers, string Note);

    [Fact]
    public void TypedSubUnitsRoundTripThroughTheStoreExactly()
    {
        var store = new MemorySubUnitStore();
        var part = new ClaimContext(Scale.Ci, 1, Verification.Core.Runtime.ComputeDevice.Cpu, subUnits: SubUnitPlan.OnlyPart(store, 1, 1));
        var cell = new Cell(0.1 + 0.2, [3, 4], "n");
        Assert.Equal(cell.Accuracy, part.SubUnit("k", () => cell, new Cell(double.NaN, [], "")).Accuracy);
        var assembly = new ClaimContext(Scale.Ci, 1, Verification.Core.Runtime.ComputeDevice.Cpu, subUnits: SubUnitPlan.Assemble(store));
        var read = assembly.SubUnit<Cell>("k", () => throw new InvalidOperationException("must be read, not computed"), null!);
        Assert.Equal(BitConverter.DoubleToInt64Bits(cell.Accuracy), BitConverter.DoubleToInt64Bits(read.Accuracy));
        Assert.Equal(cell.Layers, read.Layers);
        Assert.Equal(0, store.ComputedOnAssembly);

        var otherPart = new ClaimContext(Scale.Ci, 1, Verification.Core.Runtime.ComputeDevice.Cpu, subUnits: SubUnitPlan.OnlyPart(new MemorySubUnitStore(), 1, 2));
        var key = Enumerable.Range(0, 50).Select(i => $"k{i}").First(k => SubUnitStore.Owner(k, 2) == 2);
        Assert.True(double.IsNaN(otherPart.SubUnit(key, () => cell, new Cell(double.NaN, [], "")).Accuracy));   // not this part's cell: the placeholder
    }
}
