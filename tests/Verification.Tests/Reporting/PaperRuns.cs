using Verification.Cli;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>The committed paper-scale runs under results/paper/ and the figures their records list.</summary>
public static class PaperRuns
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "results", "paper");

    /// <summary>(run folder name, record, PNG as the record lists it) for every finished committed run.</summary>
    public static IEnumerable<(string Run, ClaimRecord Record, string Png)> Figures() =>
        from dir in Directory.GetDirectories(Folder).Order(StringComparer.Ordinal)
        where RunDirectory.IsFinishedRun(dir)
        from record in ResultsJson.Load(dir).Claims
        from png in record.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal))
        select (Path.GetFileName(dir), record, png);

    public static string NameOf(ClaimRecord record, string png) => RenderFiguresCommand.FigureName(record, png);

    /// <summary>The figure of <paramref name="png"/> in run <paramref name="run"/>, rebuilt from its committed CSV.</summary>
    public static Figure Rebuild(string run, string png)
    {
        var (_, record, _) = Figures().Single(f => f.Run == run && f.Png == png);
        return RenderFiguresCommand.Rebuild(RunDirectory.ForReading(Path.Combine(Folder, run)), record, png)
               ?? throw new InvalidOperationException($"no rebuild for {png}");
    }
}
