using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Tests.Claims;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// Figures a reader trusts at a glance, measured on the rendered images (<see cref="FigureRenderer.Inspect"/>): no
/// title, label or tick label runs off the image or into another panel, no legend covers a plotted point or line, no
/// legend lists more than <see cref="Figure.MaxLegendEntries"/> entries, every figure has its one-line caption. Every
/// figure the claims make at smoke scale, at CI scale (the claims that do not run at smoke), and the paper-scale RG
/// density and AM grid figures drawn from their committed CSVs.
/// </summary>
public class FigureLayoutTests
{
    [Theory, MemberData(nameof(SmokeScaleRun.Ids), MemberType = typeof(SmokeScaleRun))]
    public void EveryFigureAtSmokeScaleIsReadable(string id)
    {
        foreach (var figure in SmokeScaleRun.Of(id).Figures) AssertReadable($"{id} (smoke)", figure);
    }

    [Theory, MemberData(nameof(RegisteredClaimsTests.Ids), MemberType = typeof(RegisteredClaimsTests))]
    public void EveryFigureAtCiScaleIsReadable(string id)
    {
        foreach (var figure in CiScaleRun.Of(id).Figures) AssertReadable($"{id} (ci)", figure);
    }

    public static TheoryData<string, string> PaperFigures()
    {
        var data = new TheoryData<string, string>();
        foreach (var (run, record, png) in PaperRuns.Figures().Where(f => FigureRebuilds.ByName.ContainsKey(PaperRuns.NameOf(f.Record, f.Png))))
            data.Add(run, png);
        return data;
    }

    /// <summary>The committed paper-scale figures that can be drawn from their CSVs (RG density, AM grid), drawn as verify render-figures draws them.</summary>
    [Theory, MemberData(nameof(PaperFigures))]
    public void PaperFiguresDrawnFromTheirCommittedCsvsAreReadable(string run, string png)
    {
        var figure = PaperRuns.Rebuild(run, png);
        AssertReadable($"{run}/{png}", figure);
    }

    [Fact]
    public void TheCommittedRgDensityAndAmGridFiguresAreAmongThem()
    {
        var names = PaperFigures().Select(row => (string)row[1]).ToList();
        Assert.Contains(names, n => n.EndsWith(".rg-accuracy-vs-density.png", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith(".am-grid-tied-plateau.png", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRgDensityFigureHasALogAxisInPercentAndOnePanelPerMethod()
    {
        var layout = FigureRenderer.Inspect(SyntheticFigures.RgAccuracyVsDensity());
        Assert.Equal(SyntheticFigures.Methods.Count, layout.Panels.Count);
        foreach (var panel in layout.Panels)
        {
            Assert.Equal(["0.5", "1", "1.4", "2", "5"], panel.XTickLabels);
            Assert.Equal("target density (%), log scale", panel.XLabel);
            Assert.Equal(2, panel.LegendEntries);
        }
        Assert.True(layout.Defects().Count == 0, string.Join("\n", layout.Defects()));
    }

    [Fact]
    public void TheAmGridHeatmapHasATickOnEveryGridValueAndATitleThatFits()
    {
        var layout = FigureRenderer.Inspect(SyntheticFigures.AmGridPlateau());
        Assert.Equal(["0.1", "0.3", "0.5", "0.7", "0.9"], Assert.Single(layout.Panels).XTickLabels);
        Assert.InRange(layout.TitleLines.Count, 2, 2);   // wrapped, not cut
        Assert.True(layout.Defects().Count == 0, string.Join("\n", layout.Defects()));
    }

    // The two defects of the issue, reintroduced by switching the safeguards off: the inspection must see them.

    [Fact]
    public void ATitleLeftUnwrappedIsReportedAsRunningOffTheImage()
    {
        var figure = SyntheticFigures.AmGridPlateau();
        var defects = FigureRenderer.Inspect(figure, options: new FigureOptions(FitTitle: false)).Defects();
        Assert.Contains(defects, d => d.StartsWith("title:", StringComparison.Ordinal) && d.Contains("outside its area"));
    }

    [Fact]
    public void ALegendLeftInTheUpperRightIsReportedAsCoveringTheCurves()
    {
        // The RG density figure as it was: one plot, eighteen series, the legend in the upper right.
        var figure = SyntheticFigures.RgAccuracyVsDensity();
        var crowded = figure with { Series = [.. figure.Series.Select(s => s with { Panel = null })] };
        var defects = FigureRenderer.Inspect(crowded, options: new FigureOptions(PlaceLegends: false)).Defects();
        Assert.Contains(defects, d => d.Contains("legend") && d.Contains("covers"));
        Assert.Contains(defects, d => d.Contains("legend entries"));
        // Placed, the legend of the same plot covers nothing (it may go outside the data area).
        Assert.DoesNotContain(FigureRenderer.Inspect(crowded).Defects(), d => d.Contains("covers"));
    }

    [Fact]
    public void TheMeasuredLegendBoxIsWhereTheLegendIsDrawn()
    {
        // The legend's outline is drawn in black: the measured box's edges must lie on it.
        var figure = FigureRendererTests.TrainingFigure();
        var box = Assert.Single(FigureRenderer.Inspect(figure).Panels).Legend!.Value;
        using var bitmap = SkiaSharp.SKBitmap.Decode(FigureRenderer.Png(figure));
        // anti-aliased: a half-pixel edge is two grey pixels (127), so "dark" is below 160 within a pixel of the edge
        bool Dark(float x, float y) => bitmap.GetPixel((int)Math.Floor(x), (int)Math.Floor(y)) is var c && c.Red < 160 && c.Green < 160 && c.Blue < 160;
        bool Near(Func<float, bool> dark, float at) => dark(at - 1) || dark(at) || dark(at + 1);
        var top = Enumerable.Range(0, 20).Select(i => box.Left + (box.Right - box.Left) * (i + 0.5f) / 20).Count(x => Near(y => Dark(x, y), box.Top));
        var left = Enumerable.Range(0, 20).Select(i => box.Top + (box.Bottom - box.Top) * (i + 0.5f) / 20).Count(y => Near(x => Dark(x, y), box.Left));
        Assert.True(top >= 18 && left >= 18, $"legend outline not found at the measured box {box} (top {top}/20, left {left}/20)");
    }

    internal static void AssertReadable(string what, Figure figure)
    {
        Assert.False(string.IsNullOrWhiteSpace(figure.Caption), $"{what}: figure {figure.Name} has no caption");
        Assert.DoesNotContain('\n', figure.Caption!);
        var defects = FigureRenderer.Inspect(figure).Defects();
        Assert.True(defects.Count == 0, $"{what}: figure {figure.Name}:\n  " + string.Join("\n  ", defects));
    }
}
