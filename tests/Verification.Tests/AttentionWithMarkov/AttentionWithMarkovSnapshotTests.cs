using Snapshooter;
using Snapshooter.Xunit;
using Verification.Core.Reporting;
using Verification.Tests.Support;
using Verification.Transformers.AttentionWithMarkov;

namespace Verification.Tests.AttentionWithMarkov;

/// <summary>
/// Deterministic series behind AM figures, rounded to 6 significant digits, against the committed snapshots under
/// snapshots/AttentionWithMarkov: the exact loss on the path θ_π → θ* (float64, fixed seeds) and the paper's
/// learning-rate schedule.
/// </summary>
public class AttentionWithMarkovSnapshotTests
{
    [Fact]
    public void LossOnThePathFromUnigramPointToGlobalMinimum()
    {
        var figure = LandscapePath.Figure(0.5, 0.8, new LandscapeSizes(2, 4, 4), seed: 1);
        var rounded = figure.Series.Select(s => new
        {
            s.Name,
            Points = s.X.Zip(s.Y).Select(p => new[] { Significant.Round(p.First), Significant.Round(p.Second) }).ToArray(),
        }).ToArray();
        Snapshot.Match(rounded, new SnapshotFullName("path-theta-pi-to-theta-star.snap", RepoPaths.Snapshots("AttentionWithMarkov")));
    }

    [Fact]
    public void PaperLearningRateSchedule()
    {
        var config = TrainingConfig.Paper;
        var points = Enumerable.Range(0, config.Iterations).Where(i => i % 20 == 0 || i < 10 || i == config.Iterations - 1)
            .Select(i => new[] { i, Significant.Round(config.LearningRate(i)) }).ToArray();
        Snapshot.Match(points, new SnapshotFullName("learning-rate-schedule.snap", RepoPaths.Snapshots("AttentionWithMarkov")));
    }
}
