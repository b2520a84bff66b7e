using Verification.Core.Claims;

namespace Verification.Tests.Claims;

/// <summary>
/// The report's parameters are read off a claim's settings record (<see cref="ClaimSettings.ParametersOf"/>): one entry
/// per property, nested records under dotted names, so a size or tolerance that runs is a size or tolerance reported.
/// </summary>
public class ClaimSettingsTests
{
    private sealed record Sizes(int Dim, double LearningRate);

    private sealed record Example(Sizes Model, double[] Rates, (double P, double Q)[] Chains, bool Tied, string Note, int Seeds = 3)
        : IClaimSettings<Example>
    {
        public static Example For(Scale scale) => new(new(scale == Scale.Paper ? 8 : 4, 2e-3), [0.2, 0.5], [(0.5, 0.8)], true, "exact");

        /// <summary>Computed properties are reported too (a fixed value read from where it is used).</summary>
        public double Derived => 2 * Model.LearningRate;
    }

    [Fact]
    public void ParametersAreThePropertiesOfTheRecordWithNestedRecordsFlattened()
    {
        var parameters = ClaimSettings.ParametersOf(Example.For(Scale.Ci));
        Assert.Equal(
            ["chains", "derived", "model.dim", "model.learningRate", "note", "rates", "seeds", "tied"],
            parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, parameters["model.dim"]);
        Assert.Equal(2e-3, parameters["model.learningRate"]);
        Assert.Equal("0.2 0.5", parameters["rates"]);
        Assert.Equal("(0.5,0.8)", parameters["chains"]);
        Assert.Equal(true, parameters["tied"]);
        Assert.Equal(3, parameters["seeds"]);
        Assert.Equal(4e-3, parameters["derived"]);
    }

    [Fact]
    public void AClaimOfASettingsRecordReportsThePresetOfEachScale()
    {
        var claim = new Scripted();
        Assert.Equal(4, claim.Parameters(Scale.Ci)["model.dim"]);
        Assert.Equal(8, claim.Parameters(Scale.Paper)["model.dim"]);
        Assert.Equal(Verdict.Holds, claim.Evaluate(Scale.Paper, 1, Core.Runtime.ComputeDevice.Cpu).Verdict);
    }

    /// <summary>Holds when its check received the preset of the context's scale (refuted on the control).</summary>
    private sealed class Scripted : Claim<Example>
    {
        public override string Id => "MC.settings-scripted";
        public override PaperRef Paper => PaperRef.MarkovMachinery;
        public override string Section => "test";
        public override string Statement => "The check receives the preset of its scale.";
        public override string NegativeControl => "a check that expects another preset";

        protected override Outcome Check(ClaimContext context, Example settings, Construction construction) =>
            new Observations()
                .Expect("dim", settings.Model.Dim, construction == Construction.Faithful ? Example.For(context.Scale).Model.Dim : -1,
                    Core.Numerics.Tolerance.Absolute(0))
                .Conclude("the preset of the scale");
    }
}
