using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>
/// <c>verify</c>: runs the registered claims and writes the report. Exit codes: 0 every claim holds, 1 some claim
/// is refuted or inconclusive, 2 bad usage or bad input (one line on stderr, prefixed with the subcommand), 130
/// interrupted by Ctrl-C, SIGINT or SIGTERM (resumable).
/// </summary>
public static partial class Program
{
    public static int Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        // Ctrl-C in a terminal, `kill -INT`, and `kill -TERM` (job runners, IDEs, `timeout`) all stop the run the same
        // way: after the running claim's next progress report, keeping the finished items. A second signal is not
        // cancelled and ends the process at once (the records on disk are whole either way).
        void Stop(PosixSignalContext context)
        {
            context.Cancel = !cts.IsCancellationRequested;
            cts.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return Run(args, AnsiConsole.Console, Console.Error, cts.Token);
    }

    /// <param name="environment">Reads an environment variable (for <c>--shard auto</c>); the process environment when null.</param>
    /// <param name="registry">The claims (tests add their own); <see cref="ClaimCatalog.Create"/> when null.</param>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellation = default,
        Action<ClaimRecord>? afterEach = null, Func<string, string?>? environment = null, ClaimRegistry? registry = null)
    {
        registry ??= ClaimCatalog.Create();
        var root = new RootCommand("Verification: the theorems of five ML-theory papers as falsifiable checks.");
        var commandLine = Verification.Core.Reporting.Provenance.Quote([Environment.ProcessPath ?? "Verification.Cli", .. args]);
        root.Subcommands.Add(VerifyCommand(registry, console, cancellation, afterEach, commandLine, environment ?? Environment.GetEnvironmentVariable));
        root.Subcommands.Add(RdCommand.Build(console));

        var parsed = root.Parse(args);
        var where = CommandPath(parsed.CommandResult.Command);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"{where}: error: {Plain(parsed.Errors[0].Message)}");
            return 2;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"{where}: error: {e.Message}");
            return 2;
        }
    }

    private static int? ParseJobs(string? text) =>
        text is null ? null
        : int.TryParse(text, out var n) && n >= 1 ? n
        : throw new UsageException($"--jobs: must be a positive whole number (got '{text}')");

    /// <summary>"verify", "verify merge", "rd": the subcommand an error belongs to.</summary>
    private static string CommandPath(Command command) => command switch
    {
        RootCommand => "verify",
        { Name: "merge" } => "verify merge",
        { Name: "compare" } => "verify compare",
        _ => command.Name,
    };

    /// <summary>A parser message without .NET type names ("as expected type 'System.Int32'" → "as an integer").</summary>
    private static string Plain(string message) => TypeName().Replace(message, m => m.Groups[1].Value switch
    {
        "System.Int32" or "System.Int64" => "as an integer",
        "System.Double" => "as a number",
        "System.Boolean" => "as true or false",
        _ => "as a value of this option",
    });

    [GeneratedRegex(@"as expected type '([^']+)'")]
    private static partial Regex TypeName();

    private static Command VerifyCommand(ClaimRegistry registry, IAnsiConsole console, CancellationToken cancellation,
        Action<ClaimRecord>? afterEach, string commandLine, Func<string, string?> environment)
    {
        var paper = new Option<string[]>("--paper") { Description = $"Only this paper's claims ({string.Join(", ", PaperRef.All.Select(p => p.Id))}); repeatable." };
        var claim = new Option<string[]>("--claim") { Description = "Only this claim (id); repeatable." };
        var scale = new Option<string?>("--scale") { Description = "smoke | ci | paper (default ci)" };
        var seed = new Option<string[]>("--seed") { Description = "Run seed (non-negative integer, default 1); repeatable: the work list is claims × seeds." };
        var seeds = new Option<string?>("--seeds") { Description = "Run seeds as a range or list: 1-5, 1,3,7 or 1-3,9 (adds to --seed); the report aggregates over them." };
        var output = new Option<string?>("--out") { Description = "Output folder, new or empty (default artifacts/verify/<timestamp>). The run writes into <out>.partial and renames it to <out> when it finishes." };
        var resume = new Option<string?>("--resume") { Description = "Continue the unfinished run of output folder DIR (options not given are the run's own; given ones must match it)." };
        var device = new Option<string?>("--device") { Description = "cpu | cuda (default cpu)" };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only shard i/n of the (claim × seed) work list (1-based); auto: i/n from the scheduler " +
                          "(SLURM_ARRAY_TASK_*, JOB_COMPLETION_INDEX, VERIFY_SHARD_INDEX/COUNT, CI_NODE_INDEX/TOTAL).",
        };
        var shards = new Option<int?>("--shards") { Description = "With --shard auto: the shard count n (needed for Kubernetes' JOB_COMPLETION_INDEX)." };
        var split = new Option<bool>("--split")
        {
            Description = "Split long claims into sub-units (AM grid cells, RG densities × seeds, SS experiment 2 variants) that shard and resume on their own; " +
                          "with several shards `verify merge` assembles them. The evidence equals the unsplit run's.",
        };
        var list = new Option<bool>("--list") { Description = "List every claim with its statement and exit (one line per claim, or --format)." };
        var format = new Option<string>("--format")
        {
            Description = $"With --list: {string.Join(" | ", ClaimList.Formats)} (markdown is docs/CLAIMS.md).", DefaultValueFactory = _ => "text",
        };
        var jobs = new Option<string?>("--jobs") { Description = "Work items run at once (default: the number of cores); results do not depend on it." };

        var command = new Command("verify", "Run the claims and write report.md, figures, results.json and CSVs.")
        {
            paper, claim, scale, seed, seeds, output, resume, shard, shards, device, split, list, format, jobs,
        };
        command.SetAction(r =>
        {
            if (r.GetValue(list))
            {
                // The console's own writer: no wrapping at the terminal width, so a redirected list has one line per claim.
                var writer = console.Profile.Out.Writer;
                writer.Write(ClaimList.Render(registry, r.GetValue(format)!.Trim().ToLowerInvariant()));
                writer.Flush();
                return 0;
            }
            var options = VerifyOptions.Parse(r.GetValue(paper) ?? [], r.GetValue(claim) ?? [], r.GetValue(scale),
                r.GetValue(seed) ?? [], r.GetValue(output), r.GetValue(resume), r.GetValue(shard), r.GetValue(device),
                registry, VerifyRunner.CodeVersion(), DateTimeOffset.UtcNow, r.GetValue(seeds), ParseJobs(r.GetValue(jobs)),
                r.GetValue(shards), environment, r.GetValue(split));
            if (options.ShardSource is not null) VerifyRunner.Line(console, $"--shard auto: shard {options.Shard} ({options.ShardSource})");
            return VerifyRunner.Run(options, registry, console, cancellation, afterEach, commandLine);
        });

        var inputs = new Argument<string[]>("DIR") { Description = "Finished verify output folders (e.g. the shards of one run).", Arity = ArgumentArity.OneOrMore };
        var mergeOut = new Option<string?>("--out") { Description = "Output folder of the merged report, new or empty (default artifacts/verify/merged-<timestamp>)." };
        var merge = new Command("merge", "Merge the outputs of several runs (shards) into one report.") { inputs, mergeOut };
        merge.SetAction(r =>
        {
            var outDir = r.GetValue(mergeOut) ?? Path.Combine("artifacts", "verify", "merged-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));
            var (records, scale) = ShardMerger.Merge(r.GetValue(inputs)!, outDir, registry, commandLine);
            VerifyRunner.WriteSummary(console, records, scale);
            VerifyRunner.Line(console, $"Report: {Path.Combine(outDir, "report.md")}");
            return records.All(x => x.AsRecorded) ? 0 : 1;
        });
        command.Subcommands.Add(merge);
        command.Subcommands.Add(CompareCommand.Build(console));
        return command;
    }
}
