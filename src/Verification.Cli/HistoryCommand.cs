using System.CommandLine;
using Spectre.Console;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>
/// <c>verify history DIR… [--format text|markdown|html] [--claim ID]…</c>: per claim, the verdict and each check's
/// measured value in every run read (run folders, results.json files, folders of runs such as results/paper), oldest
/// first (<see cref="RecordedRuns"/>), with each verdict change and each value that moved beyond its check's tolerance
/// flagged (<see cref="ClaimHistory"/>). Exit 0; 2 on bad input (one line on stderr).
/// </summary>
public static class HistoryCommand
{
    public static readonly string[] Formats = ["text", "markdown", "html"];

    public static Command Build(IAnsiConsole console)
    {
        var inputs = new Argument<string[]>("DIR")
        {
            Description = "Runs to read: run folders (finished or stopped), results.json files, or folders holding runs (e.g. results/paper).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            HelpName = "format",
            Description = "text | markdown (for a pull request) | html (one self-contained page with a plot per claim)",
            DefaultValueFactory = _ => "text",
        }.ParsedBy(text => Formats.FirstOrDefault(f => f == text.Trim().ToLowerInvariant())
            ?? throw new UsageException($"--format: must be one of {string.Join(", ", Formats)} (got '{text}')"));
        var claim = new Option<string[]>("--claim") { HelpName = "id", Description = "Only this claim's history; repeatable." };
        var command = new Command("history", "Each claim's verdict and checked values across runs, oldest first, with changes beyond tolerance flagged.")
        {
            inputs, format, claim,
        };
        command.SetAction(r => Run(r.GetValue(inputs)!, r.GetValue(format)!, r.GetValue(claim) ?? [], console));
        return command;
    }

    public static int Run(IReadOnlyList<string> inputs, string format, IReadOnlyList<string> claims, IAnsiConsole console)
    {
        IReadOnlyList<RecordedRun> runs;
        try
        {
            runs = RecordedRuns.Read(inputs);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        var histories = ClaimHistory.Of(runs).Where(h => claims.Count == 0 || claims.Contains(h.Id)).ToList();
        if (claims.FirstOrDefault(id => histories.All(h => h.Id != id)) is { } missing)
            throw new UsageException($"--claim: no run read has a record of '{missing}'");
        if (claims.Count > 0) runs = runs.Where(run => run.Claims.Any(c => claims.Contains(c.Id))).ToList();
        var text = format switch
        {
            "markdown" => HistoryReport.Markdown(runs, histories),
            "html" => HistoryHtml.Render(runs, histories),
            _ => HistoryReport.Text(runs, histories),
        };
        // Raw and unwrapped, so that it can be piped into a file or a pull-request comment as it is.
        console.Profile.Out.Writer.Write(text);
        console.Profile.Out.Writer.Flush();
        return 0;
    }
}
