using Verification.Transformers.LocalToGlobal;

namespace Verification.Tests.LocalToGlobal;

/// <summary>The sweep behind the basin claims: which starts decide, what the map shows, how a start describes itself.</summary>
public class BasinGridTests
{
    [Fact]
    public void AxisKeepsBothEndsAndMissesTheInvariantAxes()
    {
        var axis = BasinGrid.Axis(29);
        Assert.Equal(BasinGrid.Low, axis[0]);
        Assert.Equal(BasinGrid.High, axis[^1], 12);
        Assert.DoesNotContain(0.0, axis);
    }

    [Fact]
    public void ExcludedStartsAreIntegratedOnlyWhenAsked()
    {
        var flow = new ReducedFlow(new CanonicalModel(0.5, 0.8));
        var axis = BasinGrid.Axis(7);
        var margin = 1.0;   // wide, so that some starts of a 7×7 grid are excluded
        var lean = BasinGrid.Sweep(flow, axis, margin, integrateExcluded: false);
        var full = BasinGrid.Sweep(flow, axis, margin, integrateExcluded: true);
        var excluded = lean.Cast<BasinStart>().Where(s => s.Excluded).ToList();
        Assert.NotEmpty(excluded);
        Assert.All(excluded, s => Assert.Null(s.Flow));
        Assert.All(full.Cast<BasinStart>(), s => Assert.NotNull(s.Flow));
        Assert.Equal(lean.Counted().Select(s => s.Flow!.End), full.Counted().Select(s => s.Flow!.End));
        Assert.Equal(49 - excluded.Count, lean.Counted().Count());
    }

    [Fact]
    public void MapShowsWhereEachStartEnded()
    {
        var flow = new ReducedFlow(new CanonicalModel(0.2, 0.3));
        var starts = BasinGrid.Sweep(flow, BasinGrid.Axis(5), BasinGrid.SeparatrixMargin, integrateExcluded: true);
        var map = starts.Map();
        for (int row = 0; row < 5; row++)
            for (int col = 0; col < 5; col++)
                Assert.Equal(starts[row, col].Flow!.End == FlowEnd.Global ? 1 : starts[row, col].Flow!.End == FlowEnd.Unigram ? 0 : 0.5, map[row, col]);
        Assert.All(starts.Counted(), s => Assert.True(s.EndsAsPredicted, s.Describe()));
    }

    [Fact]
    public void AStartThatEndsElsewhereSaysWhereAndWhatWasPredicted()
    {
        // the sabotaged flow of the basin claim: deep inside the separatrix, below the saddle, it reaches Γ* for p+q < 1
        var model = new CanonicalModel(0.2, 0.3).WithFlippedGapSign();
        var start = BasinGrid.Sweep(new ReducedFlow(model), [-2.35, -2.75], BasinGrid.SeparatrixMargin, integrateExcluded: false)[1, 0];
        Assert.True(start.Converged);
        Assert.False(start.EndsAsPredicted);
        Assert.Equal("p=0.2,q=0.3,e=-2.35,w=-2.75 ended Global (loss 0.5446), predicted Unigram", start.Describe());
    }
}
