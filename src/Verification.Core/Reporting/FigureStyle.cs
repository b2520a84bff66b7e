using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>How one series is drawn: palette colour index, marker shape index, line pattern index.</summary>
public sealed record SeriesLook(int Colour, int Marker, int Pattern, bool IsReferenceLine);

/// <summary>
/// Gives each series of a figure a look a reader can tell apart: series of one <see cref="Series.Group"/> share a
/// colour (a curve and its dashed counterpart, the seeds of one arm) and a horizontal reference line has a colour of
/// its own; every series gets a marker shape that no other series
/// of the same colour has (so no two series share colour <em>and</em> marker, also when the palette wraps), and
/// series sharing a colour also differ in line pattern where they are lines. A reference line
/// (<see cref="SeriesStyle.Reference"/>, or a dashed series with one y value over several x) is labelled where it ends,
/// on the plot, and has no legend entry.
/// </summary>
public static class FigureStyle
{
    /// <summary>The palette size (ScottPlot's Category10).</summary>
    public const int Colours = 10;

    /// <summary>Marker shapes in order of use; also the most series one colour can carry distinguishably.</summary>
    public const int Markers = 10;

    /// <summary>Line patterns in order of use: solid, dashed, dotted, densely dashed.</summary>
    public const int Patterns = 4;

    public static IReadOnlyList<SeriesLook> Assign(Figure figure)
    {
        var colourOf = new Dictionary<string, int>();
        var usedInColour = new Dictionary<int, int>();
        var looks = new List<SeriesLook>();
        foreach (var s in figure.Series)
        {
            // A reference line gets its own colour: two references (entropy rate, H(π)) must not look alike.
            var key = IsReferenceLine(s) ? "reference: " + s.Name : s.Group ?? s.Name;
            if (!colourOf.TryGetValue(key, out var colour)) colourOf[key] = colour = colourOf.Count % Colours;
            int k = usedInColour.GetValueOrDefault(colour);
            usedInColour[colour] = k + 1;
            int basePattern = s.Style is SeriesStyle.Dashed or SeriesStyle.Reference ? 1 : 0;
            looks.Add(new SeriesLook(colour, k % Markers, (basePattern + k) % Patterns, IsReferenceLine(s)));
        }
        return looks;
    }

    /// <summary>
    /// A reference line: a series of style <see cref="SeriesStyle.Reference"/>, or a dashed series whose y is one value
    /// over several x (a horizontal reference: ε, H(π), a bound).
    /// </summary>
    public static bool IsReferenceLine(Series s) =>
        s.Style == SeriesStyle.Reference
        || (s.Style == SeriesStyle.Dashed && s.Y.Count >= 2 && s.Y.All(y => y.Equals(s.Y[0])) && s.X.Distinct().Count() >= 2);

    /// <summary>Whether the figure's x axis has a single value: drawn as bars, not as a curve.</summary>
    public static bool HasSingleX(Figure figure) =>
        figure.Heatmap is null && figure.Series.Count > 0 && figure.Series.All(s => s.X.Count > 0)
        && figure.Series.SelectMany(s => s.X).Distinct().Count() == 1;
}
