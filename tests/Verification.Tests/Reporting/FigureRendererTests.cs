using Verification.Core.Claims;
using Verification.Core.Reporting;

namespace Verification.Tests.Reporting;

/// <summary>Figures a reader can trust: series tell apart, references labelled, one x value drawn as bars.</summary>
public class FigureRendererTests
{
    private static readonly double[] Steps = Enumerable.Range(0, 200).Select(i => (double)i).ToArray();

    // The AM training figure: three seeds of each arm share the arm's colour; two horizontal references.
    internal static Figure TrainingFigure() => new("loss", "Training loss", "step", "loss",
    [
        .. Enumerable.Range(0, 3).Select(i => new Series($"tied seed {i}", Steps, Steps.Select(x => 0.7 - 0.04 * (1 - Math.Exp(-x / 40)) + 0.002 * i).ToArray(), Group: "tied")),
        .. Enumerable.Range(0, 3).Select(i => new Series($"untied seed {i}", Steps, Steps.Select(x => 0.7 - 0.08 * (1 - Math.Exp(-x / 30)) + 0.002 * i).ToArray(), Group: "untied")),
        new Series("entropy rate (0.5,0.8)", [0, 199], [0.619, 0.619], SeriesStyle.Dashed, "references"),
        new Series("H(π) (0.5,0.8)", [0, 199], [0.666, 0.666], SeriesStyle.Dashed, "references"),
    ]);

    // The PC Figure 1: twelve methods, more than the palette has colours.
    internal static Figure MethodsFigure() => new("fig1", "Distortion vs rate", "rate", "distortion",
        Enumerable.Range(0, 12).Select(m => new Series($"method {m}", [0.2, 0.4, 0.6], [1.0 - 0.05 * m, 0.8 - 0.05 * m, 0.6 - 0.05 * m], SeriesStyle.Markers)).ToList());

    // RG accuracy vs density at CI scale: one density.
    internal static Figure SingleDensityFigure() => new("acc", "Accuracy vs density", "density (%)", "accuracy (%)",
    [
        new Series("GEM-MINER after", [5], [91], SeriesStyle.LineWithMarkers, "GEM-MINER"),
        new Series("GEM-MINER before", [5], [88], SeriesStyle.Dashed, "GEM-MINER"),
        new Series("random after", [5], [70], SeriesStyle.LineWithMarkers, "random"),
        new Series("random before", [5], [10], SeriesStyle.Dashed, "random"),
    ]);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void NoTwoSeriesShareColourAndMarker(int which)
    {
        var figure = new[] { TrainingFigure(), MethodsFigure(), SingleDensityFigure() }[which];
        var looks = FigureStyle.Assign(figure);
        Assert.Equal(looks.Count, looks.Select(l => (l.Colour, l.Marker)).Distinct().Count());
    }

    [Fact]
    public void ReferenceLinesHaveColoursOfTheirOwnAndAreLabelled()
    {
        var figure = TrainingFigure();
        var looks = FigureStyle.Assign(figure);
        var refs = looks.Where(l => l.IsReferenceLine).ToList();
        Assert.Equal(2, refs.Count);
        Assert.NotEqual(refs[0].Colour, refs[1].Colour);
        Assert.DoesNotContain(looks.Where(l => !l.IsReferenceLine), l => refs.Any(r => r.Colour == l.Colour));
        // Seeds of one arm keep the arm's colour but differ in marker and line pattern.
        Assert.Equal(3, looks.Take(3).Select(l => (l.Marker, l.Pattern)).Distinct().Count());
        Assert.Single(looks.Take(3).Select(l => l.Colour).Distinct());
    }

    [Fact]
    public void AFigureWithOneXValueIsDrawnAsBars()
    {
        Assert.True(FigureStyle.HasSingleX(SingleDensityFigure()));
        Assert.False(FigureStyle.HasSingleX(MethodsFigure()));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, FigureRenderer.Png(SingleDensityFigure())[..4]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, FigureRenderer.Png(TrainingFigure())[..4]);
    }
}
