using System.CommandLine;
using Spectre.Console;
using Verification.Core.Claims;

namespace Verification.Cli;

/// <summary>
/// <c>verify</c>: runs the registered claims and writes the report. Exit codes: 0 every claim holds, 1 some claim
/// is refuted or inconclusive, 2 bad usage or bad input (one line on stderr), 130 interrupted (resumable).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl-C: stop after the running claim's next progress report, keep finished items.
            e.Cancel = !cts.IsCancellationRequested;
            cts.Cancel();
        };
        return Run(args, AnsiConsole.Console, Console.Error, cts.Token);
    }

    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellation = default,
        Action<Verification.Core.Reporting.ClaimRecord>? afterEach = null)
    {
        var registry = ClaimCatalog.Create();
        var root = new RootCommand("Verification: the theorems of five ML-theory papers as falsifiable checks.");
        root.Subcommands.Add(VerifyCommand(registry, console, cancellation, afterEach));
        root.Subcommands.Add(RdCommand.Build(console));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"verify: error: {parsed.Errors[0].Message}");
            return 2;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"verify: error: {e.Message}");
            return 2;
        }
    }

    private static Command VerifyCommand(ClaimRegistry registry, IAnsiConsole console, CancellationToken cancellation,
        Action<Verification.Core.Reporting.ClaimRecord>? afterEach)
    {
        var paper = new Option<string[]>("--paper") { Description = $"Only this paper's claims ({string.Join(", ", PaperRef.All.Select(p => p.Id))}); repeatable." };
        var claim = new Option<string[]>("--claim") { Description = "Only this claim (id); repeatable." };
        var scale = new Option<string>("--scale") { Description = "smoke | ci | paper", DefaultValueFactory = _ => "ci" };
        var seed = new Option<int[]>("--seed") { Description = "Run seed (non-negative, default 1); repeatable: the work list is claims × seeds." };
        var output = new Option<string?>("--out") { Description = "Output folder (default artifacts/verify/<timestamp>)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in DIR: reuse items whose configuration hash matches, run the rest." };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i/n of the (claim × seed) work list (1-based)." };
        var device = new Option<string>("--device") { Description = "cpu | cuda", DefaultValueFactory = _ => "cpu" };
        var list = new Option<bool>("--list") { Description = "List every claim with its statement and exit (one line per claim, or --format)." };
        var format = new Option<string>("--format")
        {
            Description = $"With --list: {string.Join(" | ", ClaimList.Formats)} (markdown is docs/CLAIMS.md).", DefaultValueFactory = _ => "text",
        };

        var command = new Command("verify", "Run the claims and write report.md, figures, results.json and CSVs.")
        {
            paper, claim, scale, seed, output, resume, shard, device, list, format,
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
            var options = VerifyOptions.Parse(r.GetValue(paper) ?? [], r.GetValue(claim) ?? [], r.GetValue(scale)!,
                r.GetValue(seed) ?? [], r.GetValue(output), r.GetValue(resume), r.GetValue(shard), r.GetValue(device)!,
                registry, DateTimeOffset.UtcNow);
            return VerifyRunner.Run(options, registry, console, cancellation, afterEach);
        });

        var inputs = new Argument<string[]>("DIR") { Description = "Complete verify output folders (e.g. the shards of one run).", Arity = ArgumentArity.OneOrMore };
        var mergeOut = new Option<string?>("--out") { Description = "Output folder of the merged report (default artifacts/verify/merged-<timestamp>)." };
        var merge = new Command("merge", "Merge the outputs of several runs (shards) into one report.") { inputs, mergeOut };
        merge.SetAction(r =>
        {
            var outDir = r.GetValue(mergeOut) ?? Path.Combine("artifacts", "verify", "merged-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));
            var records = ShardMerger.Merge(r.GetValue(inputs)!, outDir, registry);
            console.Write(VerifyRunner.Summary(records));
            console.WriteLine($"Report: {Path.Combine(outDir, "report.md")}");
            return records.All(x => x.AsRecorded) ? 0 : 1;
        });
        command.Subcommands.Add(merge);
        return command;
    }
}
