using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Tests.Claims;

/// <summary>The one naming rule of measurements, checks, cases, figures and tables (<see cref="ReportName"/>).</summary>
public class ReportNameTests
{
    [Theory]
    [InlineData("loss")]
    [InlineData("max-abs-grad")]
    [InlineData("seed3.l2.escaped")]
    [InlineData("p=0.5,q=0.8")]
    [InlineData("p=0.5,q=0.8.h-pi")]
    [InlineData("tied.p+q>1.at-unigram")]
    [InlineData("p+q<1")]
    [InlineData("e0=-1.5,w0=1.5.max-abs-energy-drift")]
    [InlineData("r=0.2")]
    [InlineData("am-path-0.5-0.8")]
    [InlineData("0")]
    public void AcceptsConformingNames(string name)
    {
        Assert.True(ReportName.IsValid(name));
        Assert.Equal(name, ReportName.Require(name, "measurement"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("H(pi)")]
    [InlineData("H*")]
    [InlineData("max|b*-argmin|")]
    [InlineData("max|dE|")]
    [InlineData("max(g − D*)")]
    [InlineData("min(L(θ+δ)-L(θ))")]
    [InlineData("cp-sat.max(error-optimum)")]
    [InlineData("fit-in-log(d*l/eps).r2")]
    [InlineData("seed1.L2.escaped")]
    [InlineData("tied-L1-T256")]
    [InlineData("log.R=0.2")]
    [InlineData("max|w-w_hat|")]
    [InlineData("all-configurations-reach-90%")]
    [InlineData("parameters/lower-bound")]
    [InlineData("Selective Context.min-gap")]
    [InlineData("with space")]
    [InlineData("lambda_max")]
    [InlineData("σ=0.1")]
    [InlineData(".leading-dot")]
    [InlineData("trailing-dot.")]
    [InlineData("double..dot")]
    [InlineData(".")]
    public void RejectsOtherNames(string name)
    {
        Assert.False(ReportName.IsValid(name));
        var e = Assert.Throws<ArgumentException>(() => ReportName.Require(name, "measurement"));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains(ReportName.Rule, e.Message);
    }

    [Fact]
    public void NullIsNotAName() => Assert.False(ReportName.IsValid(null));

    [Fact]
    public void ObservationsRejectABadNameInEveryRecordingCall()
    {
        var t = Tolerance.Absolute(0);
        Assert.Contains("measurement name 'H*'", Assert.Throws<ArgumentException>(() => new Observations().Measure("H*", 1)).Message);
        Assert.Contains("check name 'max|x|'", Assert.Throws<ArgumentException>(() => new Observations().Expect("max|x|", 1, 1, t)).Message);
        Assert.Throws<ArgumentException>(() => new Observations().ExpectAtMost("Max", 1, 1));
        Assert.Throws<ArgumentException>(() => new Observations().ExpectAtLeast("a b", 1, 1));
        Assert.Throws<ArgumentException>(() => new Observations().ExpectFraction("90%", 1, 1, 0.5));
        Assert.Throws<ArgumentException>(() => new Observations().Expect("b*-finite", true));
        Assert.Contains("case name 'p=0.5, q=0.8'", Assert.Throws<ArgumentException>(() => new Observations().Case("p=0.5, q=0.8")).Message);
    }

    [Fact]
    public void ACaseAndANameThatConformGiveAConformingKey()
    {
        var obs = new Observations();
        using (obs.Case("p=0.5,q=0.8")) obs.Expect("h-pi", 1, 1, Tolerance.Absolute(0)).Measure("lambda-max", 2);
        var outcome = obs.Conclude("ok");
        Assert.All(outcome.Measured.Keys, k => Assert.True(ReportName.IsValid(k), k));
        Assert.Equal("p=0.5,q=0.8.h-pi", Assert.Single(outcome.Checks).Key);
    }

    [Fact]
    public void FiguresAndTablesFollowTheRule()
    {
        Assert.Equal("am-path-0.5-0.8", new Figure("am-path-0.5-0.8", "t", "x", "y", []).Name);
        Assert.Contains("figure name 'Fig 1'", Assert.Throws<ArgumentException>(() => new Figure("Fig 1", "t", "x", "y", [])).Message);
        var figure = new Figure("ok", "t", "x", "y", []);
        Assert.Throws<ArgumentException>(() => figure with { Name = "not_ok" });
        Assert.Equal("rg-finetuned", new DataTable("rg-finetuned", ["a"], []).Name);
        Assert.Contains("table name 'ss-coverage-A'", Assert.Throws<ArgumentException>(() => new DataTable("ss-coverage-A", ["a"], [])).Message);
    }

    [Theory]
    [InlineData("LLMLingua-2 (ideal labels)", "llm-lingua-2-ideal-labels")]
    [InlineData("Selective Context (trained LM)", "selective-context-trained-lm")]
    [InlineData("Adaptive QuerySelect (trained)", "adaptive-query-select-trained")]
    [InlineData("CountOnes", "count-ones")]
    [InlineData("Parity", "parity")]
    [InlineData("already-kebab", "already-kebab")]
    [InlineData("GEM-MINER", "gem-miner")]
    [InlineData("  spaced  out  ", "spaced-out")]
    public void KebabTurnsADisplayNameIntoASegment(string display, string expected)
    {
        Assert.Equal(expected, ReportName.Kebab(display));
        Assert.True(ReportName.IsValid(expected));
    }
}
