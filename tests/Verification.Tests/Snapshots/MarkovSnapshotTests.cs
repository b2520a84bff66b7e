using Snapshooter;
using Snapshooter.Xunit;
using Verification.Core.Markov.Claims;
using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Snapshots;

/// <summary>
/// The series behind the entropy figure, rounded to 6 significant digits, against the committed snapshot under
/// snapshots/Markov. In CI (SNAPSHOOTER_STRICT_MODE=true) a missing snapshot fails instead of being written.
/// </summary>
public class MarkovSnapshotTests
{
    [Fact]
    public void EntropyFigureSeries()
    {
        var figure = EntropyRateBelowStationaryEntropy.Figure();
        var rounded = figure.Series.Select(s => new
        {
            s.Name,
            Points = s.X.Zip(s.Y).Where((_, i) => i % 7 == 0)
                .Select(p => new[] { Significant.Round(p.First), Significant.Round(p.Second) }).ToArray(),
        }).ToArray();
        Snapshot.Match(rounded, new SnapshotFullName("entropy-vs-p.snap", RepoPaths.Snapshots("Markov")));
    }
}
