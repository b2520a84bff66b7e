using Verification.Transformers.LocalToGlobal;

namespace Verification.Tests.LocalToGlobal;

/// <summary>The probe behind the optimal-bias claim, on the closed-form b* and on a b* that is off by a constant.</summary>
public class OptimalBiasSearchTests
{
    [Fact]
    public void ClosedFormBiasIsWithinTheSearchResolution()
    {
        var model = new CanonicalModel(0.5, 0.8);
        var probe = OptimalBiasSearch.Probe(model, 1.2, -1.0, model.OptimalBias(1.2, -1.0), true, 30, 1e-11, 1e-6, 4);
        Assert.True(probe.Searched);
        Assert.True(probe.Gradient < 1e-12, $"|∂L/∂b| = {probe.Gradient}");
        Assert.True(probe.Distance < probe.Resolution, $"|b* − argmin| = {probe.Distance} vs {probe.Resolution}");
        Assert.True(probe.LossAboveArgmin <= 4, $"L(b*) − L(argmin) = {probe.LossAboveArgmin} ε|L|");
    }

    [Fact]
    public void ShiftedBiasIsFarFromTheMinimiser()
    {
        var model = new CanonicalModel(0.5, 0.8);
        double shifted = model.OptimalBias(1.2, -1.0) + 0.5;
        var probe = OptimalBiasSearch.Probe(model, 1.2, -1.0, shifted, true, 30, 1e-11, 1e-6, 4);
        Assert.True(probe.Gradient > 1e-3, $"|∂L/∂b| = {probe.Gradient}");
        Assert.True(probe.Distance > 100 * probe.Resolution, $"|b* − argmin| = {probe.Distance} vs {probe.Resolution}");
        Assert.True(probe.LossAboveArgmin > 4, $"L(b*) − L(argmin) = {probe.LossAboveArgmin} ε|L|");
    }

    [Fact]
    public void UnsearchedPointReportsStationarityOnly()
    {
        var model = new CanonicalModel(0.5, 0.8);
        var probe = OptimalBiasSearch.Probe(model, 100, 2, model.OptimalBias(100, 2), false, 30, 1e-11, 1e-6, 4);
        Assert.False(probe.Searched);
        Assert.True(double.IsFinite(probe.BStar));
        Assert.True(double.IsNaN(probe.Distance));
        Assert.Equal("p=0.5,q=0.8,e=100,w=2", probe.Label);
    }
}
