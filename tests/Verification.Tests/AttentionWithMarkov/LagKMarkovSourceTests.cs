using Verification.Core.Markov;
using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.Tests.Support;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>The lag-k source (spec §1), including the two bugs of the original generator it must not have.</summary>
public class LagKMarkovSourceTests
{
    [Fact]
    public void LagOneIsTheFirstOrderChain()
    {
        var lag = new LagKMarkovSource(0.3, 0.6, 1);
        var chain = new BinaryMarkovChain(0.3, 0.6);
        byte[] x = [1, 0, 0, 1, 1, 0];
        Assertions.Close(chain.ProbabilityOf(x), lag.ProbabilityOf(x), Tolerance.Rel(1e-14), "P(x)");
    }

    [Fact]
    public void ProbabilitiesOfAllSequencesSumToOneAndEveryPositionIsStationary()
    {
        var source = new LagKMarkovSource(0.2, 0.3, 2);
        const int n = 7;
        double total = 0;
        var marginal = new double[n];
        var x = new byte[n];
        for (int s = 0; s < 1 << n; s++)
        {
            for (int t = 0; t < n; t++) x[t] = (byte)((s >> t) & 1);
            double prob = source.ProbabilityOf(x);
            total += prob;
            for (int t = 0; t < n; t++) marginal[t] += x[t] * prob;
        }
        Assertions.Close(1, total, Tolerance.Abs(1e-14), "Σ P(x)");
        // π1 = p/(p+q) = 0.4 at every position; the original generator started with q/(p+q) = 0.6.
        for (int t = 0; t < n; t++) Assertions.Close(0.4, marginal[t], Tolerance.Abs(1e-14), $"P(x_{t + 1} = 1)");
    }

    [Fact]
    public void SamplesFollowTheLagKKernelUpToTheLastSymbol()
    {
        var source = new LagKMarkovSource(0.2, 0.3, 3);
        var rng = new Rng(5);
        int ones = 0, lastOnes = 0, transitions0 = 0, switches0 = 0;
        const int runs = 4000, length = 40;
        for (int r = 0; r < runs; r++)
        {
            var x = source.Sample(length, rng);
            ones += x[0];
            lastOnes += x[^1];
            for (int t = 3; t < length; t++)
                if (x[t - 3] == 0) { transitions0++; switches0 += x[t]; }
        }
        Assertions.Close(0.4, ones / (double)runs, Tolerance.Abs(0.03), "P(x_1 = 1)");
        Assertions.Close(0.4, lastOnes / (double)runs, Tolerance.Abs(0.03), "P(x_T = 1)");   // the original: always 0
        Assertions.Close(0.2, switches0 / (double)transitions0, Tolerance.Abs(0.01), "P(x_t = 1 | x_{t−3} = 0)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void NonPositiveLagIsRejected(int k)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LagKMarkovSource(0.2, 0.3, k));
        Assert.Equal("lag", e.ParamName);
    }
}
