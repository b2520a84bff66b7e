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

    /// <param name="environment">Reads an environment variable (for <c>--shard auto</c>); the process environment when null.</param>
    /// <param name="registry">The claims (tests add their own); <see cref="ClaimCatalog.Create"/> when null.</param>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellation = default,
        Action<Verification.Core.Reporting.ClaimRecord>? afterEach = null, Func<string, string?>? environment = null,
        ClaimRegistry? registry = null)
    {
        registry ??= ClaimCatalog.Create();
        var root = new RootCommand("Verification: the theorems of five ML-theory papers as falsifiable checks.");
        root.Subcommands.Add(VerifyCommand(registry, console, cancellation, afterEach, environment ?? Environment.GetEnvironmentVariable));
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
        Action<Verification.Core.Reporting.ClaimRecord>? afterEach, Func<string, string?> environment)
    {
        var paper = new Option<string[]>("--paper") { Description = "Only this paper's claims (MC, PC, AM, LG, SS, RG); repeatable." };
        var claim = new Option<string[]>("--claim") { Description = "Only this claim (id); repeatable." };
        var scale = new Option<string>("--scale") { Description = "smoke | ci | paper", DefaultValueFactory = _ => "ci" };
        var seed = new Option<int[]>("--seed") { Description = "Run seed (non-negative, default 1); repeatable: the work list is claims × seeds." };
        var output = new Option<string?>("--out") { Description = "Output folder (default artifacts/verify/<timestamp>)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in DIR: reuse items whose configuration hash matches, run the rest." };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only shard i/n of the (claim × seed) work list (1-based); auto: i/n from the scheduler " +
                          "(SLURM_ARRAY_TASK_*, JOB_COMPLETION_INDEX, VERIFY_SHARD_INDEX/COUNT, CI_NODE_INDEX/TOTAL).",
        };
        var shards = new Option<int?>("--shards") { Description = "With --shard auto: the shard count n (needed for Kubernetes' JOB_COMPLETION_INDEX)." };
        var device = new Option<string>("--device") { Description = "cpu | cuda", DefaultValueFactory = _ => "cpu" };
        var split = new Option<bool>("--split")
        {
            Description = "Split long claims into sub-units (AM grid cells, SS experiment 2 variants) that shard and resume on their own; " +
                          "with several shards `verify merge` assembles them. The evidence equals the unsplit run's.",
        };
        var list = new Option<bool>("--list") { Description = "List every claim with its statement and exit." };

        var command = new Command("verify", "Run the claims and write report.md, figures, results.json and CSVs.")
        {
            paper, claim, scale, seed, output, resume, shard, shards, device, split, list,
        };
        command.SetAction(r =>
        {
            if (r.GetValue(list))
            {
                foreach (var c in registry.All)
                    console.WriteLine($"{c.Id}\t{c.Paper.Id}\t{string.Join(",", c.Scales.Select(s => s.ToCli()))}\t{c.Statement}");
                return 0;
            }
            var options = VerifyOptions.Parse(r.GetValue(paper) ?? [], r.GetValue(claim) ?? [], r.GetValue(scale)!,
                r.GetValue(seed) ?? [], r.GetValue(output), r.GetValue(resume), r.GetValue(shard), r.GetValue(device)!,
                registry, DateTimeOffset.UtcNow, r.GetValue(shards), environment) with { Split = r.GetValue(split) };
            if (options.ShardSource is not null) console.WriteLine($"--shard auto: shard {options.Shard} ({options.ShardSource})");
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
