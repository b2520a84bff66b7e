using System.CommandLine;
using Spectre.Console;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>
/// <c>verify compare BASE NEW [--format text|markdown]</c>: what changed between two runs (run folders or
/// results.json files, schema 3 or the older 2). Exit 1 when a verdict changed, 0 otherwise, 2 on bad input (one line
/// on stderr): a file that is not a results.json, a folder without one, runs at different scales.
/// </summary>
public static class CompareCommand
{
    public static Command Build(IAnsiConsole console)
    {
        var baseArg = new Argument<string>("BASE") { Description = "The earlier run: its folder or its results.json." }.OfPaths();
        var newArg = new Argument<string>("NEW") { Description = "The later run: its folder or its results.json." }.OfPaths();
        var format = new Option<string>("--format") { Description = "text | markdown (a table for a pull-request comment)", DefaultValueFactory = _ => "text" }
            .ParsedBy(text => text is "text" or "markdown" ? text : throw new UsageException($"--format: must be text or markdown (got '{text}')"));
        var command = new Command("compare", "Compare two runs: verdict and control changes, appeared and disappeared claims, measurements that moved beyond their tolerance.")
        {
            baseArg, newArg, format,
        };
        command.SetAction(r => Run(r.GetValue(baseArg)!, r.GetValue(newArg)!, r.GetValue(format)!, console));
        return command;
    }

    public static int Run(string basePath, string newPath, string format, IAnsiConsole console)
    {
        ResultsDocument before, after;
        IReadOnlyList<Change> changes;
        try
        {
            before = ResultsJson.Load(basePath);
            after = ResultsJson.Load(newPath);
            changes = RunComparison.Compare(before, after);
        }
        catch (Exception e) when (e is InvalidDataException or RunComparison.NotComparableException)
        {
            throw new UsageException(e.Message);
        }
        var text = format == "markdown"
            ? RunComparison.Markdown(before, after, changes)
            : RunComparison.Text(before, after, changes);
        // Written raw (not as markup) and unwrapped, so the output can be pasted or piped as it is.
        console.Profile.Out.Writer.Write(text);
        console.Profile.Out.Writer.Flush();
        return RunComparison.ExitCode(changes);
    }
}
