using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.LotteryTickets.SubsetSum;
using Verification.Tests.Support;

namespace Verification.Tests.SubsetSum;

/// <summary>Exact coverage (arXiv 2006.07990 §2, Lemma 1 and the counting bound of spec §1).</summary>
public class SubsetSumCoverageTests
{
    [Fact]
    public void WorstCaseDistanceOfKnownSets()
    {
        // {−1, 0, 0, 1}: the midpoints ±0.5 are 0.5 from the nearest sum
        Assertions.Close(0.5, SubsetSumCoverage.WorstCaseDistances([1.0, -1.0])[1], Tolerance.Abs(1e-15), "x = (1, −1)");
        // {0, 2}: z = −1 is 1 away
        Assertions.Close(1.0, SubsetSumCoverage.WorstCaseDistances([2.0])[0], Tolerance.Abs(1e-15), "x = (2)");
        // the grid −1, −3/4, …, 1 (step 1/4) is 1/8 from its midpoints
        Assertions.Close(0.125, SubsetSumCoverage.WorstCaseDistance(Enumerable.Range(0, 9).Select(k => -1 + k / 4.0).ToArray()),
            Tolerance.Abs(1e-15), "grid of step 1/4");
        // ends: sorted {−0.2, 0.3} on [−1, 1]: −1 is 0.8 away
        Assertions.Close(0.8, SubsetSumCoverage.WorstCaseDistance([-0.2, 0.3]), Tolerance.Abs(1e-15), "end of the interval");
        Assert.Equal(double.PositiveInfinity, SubsetSumCoverage.WorstCaseDistance([]));
    }

    [Fact]
    public void PrunedIncrementalDistancesEqualTheFullComputation()
    {
        var rng = new Rng(9);
        foreach (var dist in new[] { SummandDistribution.Uniform, SummandDistribution.ProductOfUniforms, SummandDistribution.NonNegativeUniform })
        {
            for (int t = 0; t < 5; t++)
            {
                var x = Enumerable.Range(0, 14).Select(_ => SubsetSumCoverage.Sample(dist, rng)).ToArray();
                var d = SubsetSumCoverage.WorstCaseDistances(x);
                for (int n = 1; n <= x.Length; n++)
                {
                    double full = SubsetSumCoverage.WorstCaseDistance(SubsetSumCoverage.SortedSubsetSums(x.Take(n).ToArray()));
                    Assertions.Close(full, d[n - 1], Tolerance.Abs(1e-15), $"{dist}, trial {t}, n = {n}");
                }
            }
        }
    }

    [Fact]
    public void EarlyStopKeepsEveryThresholdAboveItExact()
    {
        var rng = new Rng(3);
        var x = Enumerable.Range(0, 18).Select(_ => rng.Uniform(-1, 1)).ToArray();
        var full = SubsetSumCoverage.WorstCaseDistances(x);
        var stopped = SubsetSumCoverage.WorstCaseDistances(x, stopAt: 0.01);
        for (int n = 0; n < x.Length; n++)
            Assert.Equal(full[n] <= 0.01, stopped[n] <= 0.01);
    }

    [Fact]
    public void CountingBoundAndMinimumTerms()
    {
        Assertions.Close(1.0 / 1024, SubsetSumCoverage.CountingLowerBound(10), Tolerance.Abs(0), "2^-10");
        Assertions.Close(Math.Log2(100), SubsetSumCoverage.MinimumTerms(0.01), Tolerance.Rel(1e-15), "log2(1/ε)");
        Assert.Throws<ArgumentOutOfRangeException>(() => SubsetSumCoverage.MinimumTerms(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubsetSumCoverage.WorstCaseDistances(new double[27]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SubsetSumCoverage.WorstCaseDistances([0.5], radius: double.NaN));
        Assert.Throws<ArgumentException>(() => SubsetSumCoverage.WorstCaseDistance([0.0], 1, -1));
    }

    [Fact]
    public void LinearFitRecoversALineAndRejectsDegenerateInput()
    {
        var fit = LinearFit.Of([1, 2, 3, 4], [3, 5, 7, 9]);
        Assertions.Close(2, fit.Slope, Tolerance.Abs(1e-12), "slope");
        Assertions.Close(1, fit.Intercept, Tolerance.Abs(1e-12), "intercept");
        Assertions.Close(1, fit.RSquared, Tolerance.Abs(1e-12), "R²");
        Assert.Throws<ArgumentException>(() => LinearFit.Of([1, 1], [2, 3]));
        Assert.Throws<ArgumentException>(() => LinearFit.Of([1], [2]));
    }
}
