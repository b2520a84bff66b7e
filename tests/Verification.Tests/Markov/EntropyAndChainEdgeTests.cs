using Verification.Core.Information;
using Verification.Core.Markov;
using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.Tests.Support;

namespace Verification.Tests.Markov;

/// <summary>Edge cases found by mutation testing (Stryker) of Entropy and BinaryMarkovChain.</summary>
public class EntropyAndChainEdgeTests
{
    [Fact]
    public void EntropyOfAVectorSumsItsTerms()
    {
        Assertions.Close(Math.Log(2), Entropy.Of([0.5, 0.5]), Tolerance.Rel(1e-15));
        Assertions.Close(Math.Log(3), Entropy.Of([1 / 3.0, 1 / 3.0, 1 / 3.0]), Tolerance.Rel(1e-15));
        Assert.Equal(0, Entropy.Of([1.0, 0.0]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void ProbabilitiesOutsideTheUnitIntervalAreRejected(double bad)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Entropy.Of([0.5, bad]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Entropy.Binary(bad));
    }

    [Fact]
    public void PlugInEstimateCountsTransitionsExactly()
    {
        // transitions 00, 01, 11, 10: from 0 half go to 1, from 1 half go to 0 → ln 2.
        Assertions.Close(Math.Log(2), Entropy.PlugInConditional([0, 0, 1, 1, 0]), Tolerance.Rel(1e-15));
        Assert.Equal(0, Entropy.PlugInConditional([0, 1]));   // two symbols are enough
    }

    [Fact]
    public void ANonBinarySymbolIsReportedAtItsPosition()
    {
        Assert.Contains("position 2", Assert.Throws<ArgumentException>(() => Entropy.PlugInConditional([0, 1, 2])).Message);
        Assert.Contains("position 0", Assert.Throws<ArgumentException>(() => Entropy.PlugInConditional([2, 1, 0])).Message);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(0.5, 0)]
    [InlineData(1, 1)]
    [InlineData(1, 0.3)]
    public void BoundaryProbabilitiesAreValidChains(double p, double q)
    {
        var chain = new BinaryMarkovChain(p, q);
        Assertions.Close(1, chain.Pi0 + chain.Pi1, Tolerance.Abs(1e-15));
    }

    [Fact]
    public void TheFirstSymbolIsDrawnFromTheStationaryDistribution()
    {
        var chain = new BinaryMarkovChain(0.1, 0.9);   // π1 = 0.1
        var rng = new Rng(9);
        double ones = 0;
        const int n = 20_000;
        for (int i = 0; i < n; i++) ones += chain.Sample(1, rng)[0];
        Assert.InRange(ones / n, 0.09, 0.11);
    }
}
