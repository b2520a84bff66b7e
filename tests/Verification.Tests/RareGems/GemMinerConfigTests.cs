using Verification.LotteryTickets.RareGems;

namespace Verification.Tests.RareGems;

/// <summary>Bad input is refused with a typed exception that names the field and its valid range.</summary>
public class GemMinerConfigTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void DensityOutsideZeroOneIsRefused(double density)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GemMinerConfig { Density = density }.Validate());
        Assert.Equal("Density", e.ParamName);
        Assert.Contains("(0, 1]", e.Message);
    }

    [Theory]
    [InlineData(-1e-6)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NegativeOrNonFiniteLambdaIsRefused(double lambda)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GemMinerConfig { Lambda = lambda }.Validate());
        Assert.Equal("Lambda", e.ParamName);
        Assert.Contains("≥ 0", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NonPositiveFreezePeriodIsRefused(int every)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GemMinerConfig { FreezeEvery = every }.Validate());
        Assert.Equal("FreezeEvery", e.ParamName);
    }

    [Fact]
    public void FreezePeriodWithNoFreezeBeforeTheEndIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GemMinerConfig { Epochs = 5, FreezeEvery = 5 }.Validate());
        Assert.Contains("T must be < E", e.Message);
    }

    [Fact]
    public void DensityOneAndLambdaZeroAreValid()
    {
        new GemMinerConfig { Density = 1, Lambda = 0 }.Validate();
        Assert.Equal(0.02, new GemMinerConfig().Validate().Density);
    }
}
