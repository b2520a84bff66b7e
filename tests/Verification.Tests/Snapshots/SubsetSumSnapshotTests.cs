using Snapshooter;
using Snapshooter.Xunit;
using Verification.Core.Reporting;
using Verification.Core.Seeding;
using Verification.LotteryTickets.SubsetSum;
using Verification.Tests.Support;

namespace Verification.Tests.Snapshots;

/// <summary>
/// The series behind the coverage figure of SS.coverage-threshold, at a small fixed size (seed 1, 40 trials, n ≤ 12,
/// U[−1,1]), rounded to 6 significant digits, against the committed snapshot under snapshots/SubsetSum.
/// </summary>
public class SubsetSumSnapshotTests
{
    [Fact]
    public void CoverageProbabilityVsNSeries()
    {
        var rng = new Rng(Seeds.Derive(1, "coverage-snapshot"));
        const int trials = 40, terms = 12;
        var d = Enumerable.Range(0, trials)
            .Select(_ => SubsetSumCoverage.WorstCaseDistances(Enumerable.Range(0, terms).Select(_ => rng.Uniform(-1, 1)).ToArray()))
            .ToArray();
        var series = new[] { 0.1, 0.03 }.Select(eps => new
        {
            Epsilon = eps,
            Points = Enumerable.Range(1, terms).Select(n => new[] { n, Significant.Round(d.Count(x => x[n - 1] <= eps) / (double)trials) }).ToArray(),
        }).ToArray();
        var medianD = Enumerable.Range(1, terms).Select(n => Significant.Round(d.Select(x => x[n - 1]).Order().ElementAt(trials / 2))).ToArray();
        Snapshot.Match(new { series, medianD }, new SnapshotFullName("coverage-vs-n.snap", RepoPaths.Snapshots("SubsetSum")));
    }
}
