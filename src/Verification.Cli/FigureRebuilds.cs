using System.Text.Json;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.LotteryTickets.RareGems.Claims;
using Verification.Transformers.AttentionWithMarkov;

namespace Verification.Cli;

/// <summary>
/// Figures that can be rebuilt from what a run wrote — the figure's CSV, its claim's record (parameters) and the
/// claim's tables — by the builder the claim itself uses, so a finished run's figures can be drawn again in the
/// current style without running the claim again (<c>verify render-figures</c>). The paper-scale RG and AM grid
/// figures are the ones that need it; a figure without a rebuild here keeps its PNG.
/// </summary>
public static class FigureRebuilds
{
    /// <summary>What a rebuild reads: the figure's CSV, the record, and a claim's table by name (null when absent).</summary>
    public delegate Figure Rebuild(FigureCsv.Contents csv, ClaimRecord record, Func<string, DataTable?> table);

    public static IReadOnlyDictionary<string, Rebuild> ByName { get; } = new Dictionary<string, Rebuild>
    {
        ["rg-accuracy-vs-density"] = RgAccuracyVsDensity,
        ["rg-accuracy-by-method"] = RgAccuracyByMethod,
        [PqGridFigures.MeanName(tied: true)] = (csv, record, _) => PqGridFigures.Mean(true, Grid(csv), Cells(csv), How(record)),
        [PqGridFigures.MeanName(tied: false)] = (csv, record, _) => PqGridFigures.Mean(false, Grid(csv), Cells(csv), How(record)),
        [PqGridFigures.PlateauName] = (csv, record, _) => PqGridFigures.Plateau(Grid(csv), Cells(csv), How(record)),
    };

    // Series "<method> after" and "<method> before", x the densities in %, y the mean over seeds.
    private static Figure RgAccuracyVsDensity(FigureCsv.Contents csv, ClaimRecord record, Func<string, DataTable?> _)
    {
        var methods = csv.Series.Where(s => s.Name.EndsWith(" after", StringComparison.Ordinal)).Select(s => s.Name[..^" after".Length]).ToList();
        if (methods.Count == 0) throw new InvalidDataException("no '<method> after' series");
        return GemFigures.AccuracyVsDensity(methods, csv[methods[0] + " after"].X,
            methods.ToDictionary(m => m, m => csv[m + " after"].Y), methods.ToDictionary(m => m, m => csv[m + " before"].Y), Seeds(record));
    }

    // From the claim's table rg-finetuned: density_pct, then per method "<m> after mean", "<m> after sd", "<m> before mean", "<m> before sd".
    private static Figure RgAccuracyByMethod(FigureCsv.Contents csv, ClaimRecord record, Func<string, DataTable?> table)
    {
        var t = table("rg-finetuned") ?? throw new InvalidDataException("the claim's table rg-finetuned is missing");
        var methods = t.Columns.Where(c => c.EndsWith(" after mean", StringComparison.Ordinal)).Select(c => c[..^" after mean".Length]).ToList();
        Dictionary<string, double[]> Column(string suffix) =>
            methods.ToDictionary(m => m, m => t.Rows.Select(r => r[t.Columns.ToList().IndexOf(m + suffix)]).ToArray());
        return GemFigures.AccuracyByMethod(methods, [.. t.Rows.Select(r => r[0])], Column(" after mean"), Column(" after sd"),
            Column(" before mean"), Column(" before sd"), Seeds(record));
    }

    // The seeds per density: a parameter of the claim's settings, or of the hand-written parameters of runs before them.
    private static int Seeds(ClaimRecord record) =>
        (record.Parameters.TryGetValue("experiment.seeds", out var v) || record.Parameters.TryGetValue("paired seeds", out v)) ? v.GetInt32()
            : throw new InvalidDataException("the record has no parameter 'experiment.seeds' (or 'paired seeds')");

    private static string How(ClaimRecord record) => PqGridFigures.How(Parameter(record, "sampled").GetBoolean(),
        Parameter(record, "config.length").GetInt32(), Parameter(record, "seedsPerCell").GetInt32());

    private static double[] Grid(FigureCsv.Contents csv) => [.. csv.Heatmap.Select(c => c.X).Distinct().Order()];

    // Cells as written: rows q (Values[row, col] at (grid[col], grid[row])).
    private static double[,] Cells(FigureCsv.Contents csv)
    {
        var grid = Grid(csv);
        var values = new double[grid.Length, grid.Length];
        foreach (var (x, y, v) in csv.Heatmap)
        {
            int row = Array.IndexOf(grid, y), col = Array.IndexOf(grid, x);
            if (row < 0) throw new InvalidDataException($"heatmap cell at q = {y} is off the grid of p values (not a square grid)");
            values[row, col] = v;
        }
        return values;
    }

    private static JsonElement Parameter(ClaimRecord record, string name) =>
        record.Parameters.TryGetValue(name, out var v) ? v : throw new InvalidDataException($"the record has no parameter '{name}'");
}
