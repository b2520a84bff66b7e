using Snapshooter;
using Snapshooter.Xunit;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;
using Verification.PromptCompression.Claims;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

/// <summary>
/// D*(R) of the synthetic validation split at seed 1 (both losses, agnostic and aware) at fixed rates, rounded to
/// 6 significant digits, against the committed snapshot under snapshots/PromptCompression.
/// </summary>
public class DistortionRateSnapshotTests
{
    [Fact]
    public void CurvesOfTheValidationSplitAtSeed1()
    {
        var experiment = new SyntheticExperiments().For(SyntheticSplit.Validation, new ClaimContext(Scale.Ci, 1, ComputeDevice.Cpu));
        var rates = Enumerable.Range(0, 17).Select(k => 0.2 + 0.05 * k).Append(1.0).ToArray();
        var curves = SyntheticExperiment.Tables.Select(t =>
        {
            var curve = experiment.Curve(t.Loss, t.Grouping);
            return new
            {
                Name = t.Name,
                R0 = Significant.Round(curve.MinimumRate),
                Breakpoints = curve.BreakRates.Count,
                Points = rates.Select(r => new[] { Significant.Round(r), Significant.Round(curve.Evaluate(Math.Min(1, r))) }).ToArray(),
            };
        }).ToArray();
        Snapshot.Match(curves, new SnapshotFullName("distortion-rate-seed1.snap", RepoPaths.Snapshots("PromptCompression")));
    }
}
