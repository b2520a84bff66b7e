using System.CommandLine;
using System.IO.Compression;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>
/// <c>verify render-figures DIR</c>: draws a finished run's figures again, in this version's style, from the CSVs the
/// run wrote (a CSV kept gzipped as <c>.csv.gz</c> is read as well), for the figures <see cref="FigureRebuilds"/> can
/// rebuild; each PNG is replaced where the run's records list it, so results.json and the reports stay as they are.
/// Other figures keep their PNG. Exit 0; 2 (one line on stderr) for a folder that is not a finished run or a CSV that
/// cannot be read, with nothing written.
/// </summary>
public static class RenderFiguresCommand
{
    public static Command Build(IAnsiConsole console)
    {
        var dir = new Argument<string>("DIR") { Description = "A finished verify output folder (with results.json)." };
        var command = new Command("render-figures", "Draw a finished run's figures again in the current style, from the CSVs it wrote.") { dir };
        command.SetAction(r => Run(r.GetValue(dir)!, console));
        return command;
    }

    public static int Run(string path, IAnsiConsole console)
    {
        ResultsDocument results;
        try
        {
            results = ResultsJson.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        var run = RunDirectory.ForReading(Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Every figure is rebuilt and rendered before any PNG is replaced: bad input leaves the folder as it was.
        var drawn = new List<(string File, byte[] Png)>();
        var kept = new List<string>();
        foreach (var record in results.Claims)
            foreach (var png in record.Files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            {
                try
                {
                    if (Rebuild(run, record, png) is { } figure) drawn.Add((png, FigureRenderer.Png(figure)));
                    else kept.Add(png);
                }
                catch (InvalidDataException e)
                {
                    throw new UsageException($"{png}: {e.Message}");
                }
            }
        foreach (var (file, bytes) in drawn)
        {
            AtomicFile.WriteAllBytes(run.PathOf(file), bytes);
            VerifyRunner.Line(console, $"drawn again: {file}");
        }
        VerifyRunner.Line(console, $"{drawn.Count} figure(s) drawn again, {kept.Count} kept as they were (no rebuild from CSV for them)");
        return 0;
    }

    /// <summary>The figure name of a PNG a record lists (<c>&lt;id&gt;@&lt;seed&gt;.&lt;name&gt;.png</c>, in any folder of the run).</summary>
    public static string FigureName(ClaimRecord record, string png) => Path.GetFileName(png)[(record.Key.Length + 1)..^".png".Length];

    /// <summary>
    /// The figure of <paramref name="png"/> rebuilt from the CSV beside it (and the record, and the claim's tables), or
    /// null when <see cref="FigureRebuilds"/> has no rebuild for it; an unreadable CSV is <see cref="InvalidDataException"/>.
    /// </summary>
    public static Figure? Rebuild(RunDirectory run, ClaimRecord record, string png)
    {
        if (!FigureRebuilds.ByName.TryGetValue(FigureName(record, png), out var rebuild)) return null;
        var csvFile = png[..^".png".Length] + ".csv";
        return rebuild(FigureCsv.Read(ReadText(run, csvFile), csvFile), record, table => Table(run, record, table));
    }

    private static DataTable? Table(RunDirectory run, ClaimRecord record, string name)
    {
        var file = record.Files.FirstOrDefault(f => Path.GetFileName(f) == $"{record.Key}.{name}.csv");
        return file is null ? null : FigureCsv.ReadTable(name, ReadText(run, file), file);
    }

    /// <summary>A file of the run as text; a CSV over 1 MB is committed gzipped beside its name (<c>.gz</c>).</summary>
    private static string ReadText(RunDirectory run, string file)
    {
        var plain = run.PathOf(file);
        if (File.Exists(plain)) return File.ReadAllText(plain);
        if (!File.Exists(plain + ".gz")) throw new InvalidDataException($"neither {file} nor {file}.gz is in the run folder");
        using var gz = new GZipStream(File.OpenRead(plain + ".gz"), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd();
    }
}
