using System.Globalization;
using CsvHelper;
using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// A figure's series as long-format CSV, <c>series,x,y</c>, a heatmap following as <c>heatmap,x,y,value</c> rows after
/// a comment line; a table as its columns. RFC 4180 as CsvHelper writes it, "\n" line ends, numbers that round-trip.
/// <see cref="Read"/> reads a figure CSV back (to re-render a figure from what a run wrote).
/// </summary>
public static class FigureCsv
{
    /// <summary>RFC 4180 as CsvHelper writes it (a field with a comma, quote or line break is quoted), "\n" line ends.</summary>
    private static readonly CsvWriterOptions Format =
        CsvWriterOptions.Default with { NewLine = "\n", CommentPrefix = '#', ValidateFieldCount = false };

    public static string Write(Figure figure) => Write(csv =>
    {
        csv.WriteRecord(["series", "x", "y"]);
        foreach (var s in figure.Series)
            for (int k = 0; k < s.X.Count; k++) csv.WriteRecord([s.Name, Significant.Exact(s.X[k]), Significant.Exact(s.Y[k])]);
        if (figure.Heatmap is not { } map) return;
        csv.WriteComment(" heatmap: x,y,value");
        for (int r = 0; r < map.Y.Count; r++)
            for (int c = 0; c < map.X.Count; c++)
                csv.WriteRecord(["heatmap", Significant.Exact(map.X[c]), Significant.Exact(map.Y[r]), Significant.Exact(map.Values[r, c])]);
    });

    public static string Write(DataTable table) => Write(csv =>
    {
        csv.WriteRecord([.. table.Columns]);
        foreach (var row in table.Rows) csv.WriteRecord([.. row.Select(Significant.Exact)]);
    });

    /// <summary>What a figure CSV holds: each series' points in file order, and the heatmap's cells (x, y, value), if any.</summary>
    public sealed record Contents(IReadOnlyList<(string Name, double[] X, double[] Y)> Series, IReadOnlyList<(double X, double Y, double Value)> Heatmap)
    {
        public (string Name, double[] X, double[] Y) this[string name] =>
            Series.FirstOrDefault(s => s.Name == name) is { Name: not null } s ? s : throw new InvalidDataException($"no series '{name}' in the figure's CSV");
    }

    /// <summary>Reads a figure CSV; anything that is not one is <see cref="InvalidDataException"/>.</summary>
    public static Contents Read(string text, string source)
    {
        var series = new List<(string Name, List<double> X, List<double> Y)>();
        var heatmap = new List<(double, double, double)>();
        using var reader = new StringReader(text);
        using var csv = CsvReader.Create(reader, CsvReaderOptions.Default with { HasHeader = false, CommentPrefix = '#' }, leaveOpen: true);
        bool header = true;
        while (csv.Read())
        {
            var row = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
            if (header)
            {
                if (row is not ["series", "x", "y"]) throw new InvalidDataException($"{source}: not a figure CSV (header '{string.Join(",", row)}')");
                header = false;
                continue;
            }
            if (row is ["heatmap", var hx, var hy, var hv]) { heatmap.Add((Number(hx, source), Number(hy, source), Number(hv, source))); continue; }
            if (row is not [var name, var x, var y]) throw new InvalidDataException($"{source}: record {csv.RowNumber}: expected series,x,y");
            if (series.Count == 0 || series[^1].Name != name) series.Add((name, [], []));
            series[^1].X.Add(Number(x, source));
            series[^1].Y.Add(Number(y, source));
        }
        if (header) throw new InvalidDataException($"{source}: empty file, not a figure CSV");
        return new Contents([.. series.Select(s => (s.Name, s.X.ToArray(), s.Y.ToArray()))], heatmap);
    }

    /// <summary>Reads a table CSV (<see cref="Write(DataTable)"/>): its columns and rows of numbers.</summary>
    public static DataTable ReadTable(string name, string text, string source)
    {
        using var reader = new StringReader(text);
        using var csv = CsvReader.Create(reader, CsvReaderOptions.Default with { HasHeader = false }, leaveOpen: true);
        string[]? columns = null;
        var rows = new List<IReadOnlyList<double>>();
        while (csv.Read())
        {
            var row = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
            if (columns is null) columns = row;
            else if (row.Length != columns.Length) throw new InvalidDataException($"{source}: record {csv.RowNumber} has {row.Length} fields, not {columns.Length}");
            else rows.Add([.. row.Select(f => Number(f, source))]);
        }
        return new DataTable(name, columns ?? throw new InvalidDataException($"{source}: empty file, not a table CSV"), rows);
    }

    private static double Number(string text, string source) => text switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new InvalidDataException($"{source}: '{text}' is not a number"),
    };

    private static string Write(Action<CsvWriter> write)
    {
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, Format, leaveOpen: true)) write(csv);
        return text.ToString();
    }
}
