using Verification.LotteryTickets.RareGems;

namespace Verification.Tests.RareGems;

/// <summary>
/// The per-density λ rule (spec pitfall 6): the largest λ of the grid whose calibration gem keeps ≥ (1 − band)·s,
/// tried largest first. The trial is a table here (density as a function of λ), so the rule is checked without mining.
/// </summary>
public class LambdaSelectionTests
{
    private static readonly double[] Grid = [3e-4, 1e-4, 5e-5, 3e-5, 0];

    // At paper scale λ = 1e-4 gave ≈ 0.96% at the 2% target and 3e-5 gave 1.935% (docs/papers/RG.md).
    private static LambdaTrial Table(double lambda) => new(lambda, lambda switch
    {
        >= 3e-4 => 0.005, >= 1e-4 => 0.0096, >= 5e-5 => 0.0143, >= 3e-5 => 0.01935, _ => 0.02,
    }, 0.9);

    [Fact]
    public void TakesTheLargestLambdaThatKeepsTheTargetWithinTheBandAndTriesNoSmallerOne()
    {
        var tried = new List<double>();
        var choice = LambdaSelection.Choose(0.02, Grid, 0.05, l => { tried.Add(l); return Table(l); });
        Assert.Equal(3e-5, choice.Lambda);   // 1.935% ≥ 0.95 · 2%
        Assert.Equal([3e-4, 1e-4, 5e-5, 3e-5], tried);
        Assert.Equal(tried, choice.Trials.Select(t => t.Lambda));
        Assert.Equal(0.01935, choice.Chosen.GemDensity);
    }

    [Fact]
    public void ATighterBandMovesToASmallerLambda()
    {
        // 1.935% is 3.25% below 2%: outside a 2% band, so the rule goes on to λ = 0 (exactly at the target).
        Assert.Equal(0, LambdaSelection.Choose(0.02, Grid, 0.02, Table).Lambda);
        // A sparse target is kept by the first λ.
        Assert.Equal(3e-4, LambdaSelection.Choose(0.005, Grid, 0.05, Table).Lambda);
    }

    [Fact]
    public void WhenNoLambdaKeepsTheTargetTheSmallestIsReturnedAndItsDensityShowsIt()
    {
        var choice = LambdaSelection.Choose(0.05, Grid, 0.05, Table);
        Assert.Equal(0, choice.Lambda);
        Assert.Equal(Grid.Length, choice.Trials.Count);
        Assert.False(LambdaSelection.Keeps(choice.Chosen.GemDensity, 0.05, 0.05));
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 1e-5, 1e-4 })]
    [InlineData(new[] { 1e-4, 1e-4 })]
    public void AGridThatIsEmptyOrNotDecreasingIsRefused(double[] grid) =>
        Assert.Equal("grid", Assert.Throws<ArgumentException>(() => LambdaSelection.Choose(0.02, grid, 0.05, Table)).ParamName);

    [Fact]
    public void ABandOutsideTheUnitIntervalIsRefused() =>
        Assert.Equal("band", Assert.Throws<ArgumentOutOfRangeException>(() => LambdaSelection.Choose(0.02, Grid, 1, Table)).ParamName);
}
