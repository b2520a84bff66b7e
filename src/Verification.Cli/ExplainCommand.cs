using System.CommandLine;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>
/// <c>verify explain ID [--records DIR]… [--format text|markdown] [--source-link TEMPLATE]</c>: one claim on one page
/// (<see cref="ClaimExplanation"/>): what the registry knows (statement, section, dependencies, control, settings per
/// scale) and what the committed records say (the latest at each scale, each check's value, tolerance and source
/// line). The records are read from <c>results/</c> of the checkout the command runs in unless <c>--records</c> names
/// others. Exit 0; 2 for an unknown claim or unreadable records (one line on stderr).
/// </summary>
public static class ExplainCommand
{
    public static Command Build(ClaimRegistry registry, IAnsiConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The claim's id (verify --list shows them)." };
        var records = new Option<string[]>("--records")
        {
            HelpName = "DIR",
            Description = "Runs to read the records from (run folders, results.json files, folders of runs); repeatable. Default: results/ of this checkout.",
        };
        var format = new Option<string>("--format") { HelpName = "format", Description = "text | markdown (for a pull request)", DefaultValueFactory = _ => "text" }
            .ParsedBy(text => text.Trim().ToLowerInvariant() is "text" or "markdown" ? text.Trim().ToLowerInvariant()
                : throw new UsageException($"--format: must be text or markdown (got '{text}')"));
        var sourceLink = new Option<string?>("--source-link")
        {
            HelpName = "TEMPLATE",
            Description = $"With --format markdown: link each source line, with {{path}}, {{line}}, {{commit}} (default ${SourceLink.Variable}; else the path as code).",
        };
        var command = new Command("explain", "One claim's whole story: statement, section, dependencies, control, settings per scale, checks with tolerance and source line, latest records.")
        {
            id, records, format, sourceLink,
        };
        command.SetAction(r => Run(registry, r.GetValue(id)!, r.GetValue(records) ?? [], r.GetValue(format)!,
            r.GetValue(sourceLink) ?? Environment.GetEnvironmentVariable(SourceLink.Variable), console));
        return command;
    }

    public static int Run(ClaimRegistry registry, string id, IReadOnlyList<string> records, string format, string? sourceLink, IAnsiConsole console)
    {
        if (!registry.TryGet(id, out var claim))
            throw new UsageException($"unknown claim '{id}'; {ClaimCatalog.DidYouMean(id, registry)}");
        if (!string.IsNullOrWhiteSpace(sourceLink))
        {
            try
            {
                SourceLink.Validate(sourceLink);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--source-link: {e.Message}");
            }
        }
        var (runs, read) = Records(records);
        var page = new ClaimExplanation(claim, runs, read);
        var text = format == "markdown" ? page.Markdown(string.IsNullOrWhiteSpace(sourceLink) ? null : sourceLink) : page.Text();
        console.Profile.Out.Writer.Write(text);
        console.Profile.Out.Writer.Flush();
        return 0;
    }

    /// <summary>The runs of <paramref name="given"/>, or of results/ in the checkout around the current folder.</summary>
    private static (IReadOnlyList<RecordedRun> Runs, string Read) Records(IReadOnlyList<string> given)
    {
        var paths = given.ToList();
        if (paths.Count == 0)
        {
            var root = SourceLink.RepositoryRoot(Directory.GetCurrentDirectory());
            var results = root is null ? null : Path.Combine(root, "results");
            if (results is null || !Directory.Exists(results))
                return ([], "none read: not in a checkout with results/; give --records DIR");
            paths.Add(results);
        }
        try
        {
            var runs = RecordedRuns.Read(paths);
            // Folder names only: the page says the same wherever the records lie.
            var names = given.Count == 0 ? ["results/"] : given.Select(p => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))) + "/");
            return (runs, $"{runs.Count} run(s) read from {string.Join(", ", names)}");
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
