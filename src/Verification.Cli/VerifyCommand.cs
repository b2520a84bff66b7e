using System.CommandLine;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>
/// <c>verify</c> and its subcommands <c>merge</c> and <c>compare</c>. Each option is typed and parsed by
/// System.CommandLine (<see cref="OptionParsing"/>), so a bad value is a parse error before anything runs;
/// <see cref="VerifyOptions.Resolve"/> then turns the parsed <see cref="VerifyRequest"/> into a run.
/// </summary>
public static class VerifyCommand
{
    /// <param name="commandLine">The command line as run, quoted (for the report's provenance).</param>
    /// <param name="environment">Reads an environment variable (for <c>--shard auto</c>).</param>
    public static Command Build(ClaimRegistry registry, IAnsiConsole console, CancellationToken cancellation,
        Action<ClaimRecord>? afterEach, string commandLine, Func<string, string?> environment)
    {
        var paper = new Option<PaperId[]>("--paper")
        {
            HelpName = "id",
            Description = $"Only this paper's claims ({string.Join(", ", PaperRef.All.Select(p => p.Id))}); repeatable.",
        }.EachParsedBy(PaperOf);
        var claim = new Option<string[]>("--claim") { HelpName = "id", Description = "Only this claim (id); repeatable." }
            .EachParsedBy(id => registry.TryGet(id, out _) ? id
                : throw new UsageException($"--claim: unknown claim '{id}'; {ClaimCatalog.DidYouMean(id, registry)}"));
        var scale = new Option<Scale?>("--scale") { HelpName = "smoke|ci|paper", Description = "smoke | ci | paper (default ci)" }
            .ParsedBy(text => ScaleNames.TryParse(text, out var s) ? s
                : throw new UsageException($"--scale: must be one of smoke, ci, paper (got '{text}')"));
        var seed = new Option<int[]>("--seed")
        {
            HelpName = "n",
            Description = "Run seed (non-negative integer, default 1); repeatable: the work list is claims × seeds.",
        }.EachParsedBy(text => OptionParsing.Integer("--seed", text, 0, "a non-negative integer"));
        var seeds = new Option<int[]>("--seeds")
        {
            HelpName = "list",
            Description = "Run seeds as a range or list: 1-5, 1,3,7 or 1-3,9 (adds to --seed); the report aggregates over them.",
        }.ParsedBy(text => [.. SeedRange.Parse(text)]);
        var output = new Option<string?>("--out")
        {
            HelpName = "DIR",
            Description = "Output folder, new or empty (default artifacts/verify/<timestamp>). The run writes into <out>.partial and renames it to <out> when it finishes.",
        }.ParsedBy(text => OptionParsing.PathValue("--out", text));
        var resume = new Option<string?>("--resume")
        {
            HelpName = "DIR",
            Description = "Continue the unfinished run of output folder DIR (options not given are the run's own; given ones must match it).",
        }.ParsedBy(text => OptionParsing.PathValue("--resume", text));
        var device = new Option<ComputeDevice?>("--device") { HelpName = "cpu|cuda", Description = "cpu | cuda (default cpu)" }
            .ParsedBy(text => text.Trim().ToLowerInvariant() is "cpu" or "cuda" ? ComputeDevice.Parse(text)
                : throw new UsageException($"--device: must be cpu or cuda (got '{text}')"));
        var shards = new Option<int?>("--shards")
        {
            HelpName = "n",
            Description = "With --shard auto: the shard count n (needed for Kubernetes' JOB_COMPLETION_INDEX).",
        }.ParsedBy(text => OptionParsing.Integer("--shards", text, 1, "a positive integer"));
        var shard = new Option<ShardRequest?>("--shard")
        {
            HelpName = "i/n|auto",
            Description = "Run only shard i/n of the (claim × seed) work list (1-based); auto: i/n from the scheduler " +
                          "(SLURM_ARRAY_TASK_*, JOB_COMPLETION_INDEX, VERIFY_SHARD_INDEX/COUNT, CI_NODE_INDEX/TOTAL).",
        }.ParsedBy(ShardRequest.Parse);
        var split = new Option<bool>("--split")
        {
            Description = "Split long claims into sub-units (AM grid cells, RG densities × seeds, SS experiment 2 variants) that shard and resume on their own; " +
                          "with several shards `verify merge` assembles them. The evidence equals the unsplit run's.",
        };
        var list = new Option<bool>("--list") { Description = "List every claim with its statement and exit (one line per claim, or --format)." };
        var format = new Option<string>("--format")
        {
            HelpName = "format",
            Description = $"With --list: {string.Join(" | ", ClaimList.Formats)} (markdown is docs/CLAIMS.md).", DefaultValueFactory = _ => "text",
        }.ParsedBy(text => ClaimList.Formats.FirstOrDefault(f => f == text.Trim().ToLowerInvariant())
            ?? throw new UsageException($"--format: unknown format '{text}'; valid formats: {string.Join(", ", ClaimList.Formats)}"));
        var jobs = new Option<int?>("--jobs")
        {
            HelpName = "n",
            Description = "Work items run at once (default: the number of cores); results do not depend on it.",
        }.ParsedBy(text => OptionParsing.Integer("--jobs", text, 1, "a positive whole number"));

        var exclude = new Option<string[]>("--exclude") { HelpName = "id", Description = "Leave out this claim (id); repeatable." }
            .EachParsedBy(id => registry.TryGet(id, out _) ? id
                : throw new UsageException($"--exclude: unknown claim '{id}'; {ClaimCatalog.DidYouMean(id, registry)}"));
        var libtorch = LibTorchChoice.Option();
        var sourceLink = SourceLinkOption();

        var command = new Command("verify", "Run the claims and write report.md, figures, results.json and CSVs.")
        {
            paper, claim, exclude, scale, seed, seeds, output, resume, shard, shards, device, split, list, format, jobs, libtorch, sourceLink,
        };
        command.SetAction(r =>
        {
            if (r.GetValue(list))
            {
                // The console's own writer: no wrapping at the terminal width, so a redirected list has one line per claim.
                var writer = console.Profile.Out.Writer;
                writer.Write(ClaimList.Render(registry, r.GetValue(format)!));
                writer.Flush();
                return 0;
            }
            var request = new VerifyRequest
            {
                Papers = r.GetValue(paper) ?? [],
                Claims = r.GetValue(claim) ?? [],
                Exclude = r.GetValue(exclude) ?? [],
                Scale = r.GetValue(scale),
                Seeds = [.. (r.GetValue(seed) ?? []).Concat(r.GetValue(seeds) ?? []).Distinct()],
                OutDir = r.GetValue(output),
                ResumeDir = r.GetValue(resume),
                Device = r.GetValue(device),
                Shard = r.GetValue(shard),
                Shards = r.GetValue(shards),
                Jobs = r.GetValue(jobs),
                Split = r.GetValue(split),
            };
            var options = VerifyOptions.Resolve(request, registry, VerifyRunner.CodeVersion(), DateTimeOffset.UtcNow, environment)
                with { SourceLink = SourceLinkOf(r.GetValue(sourceLink), environment) };
            LibTorchChoice.Apply(r.GetValue(libtorch), environment);
            if (options.ShardSource is not null) VerifyRunner.Line(console, $"--shard auto: shard {options.Shard} ({options.ShardSource})");
            return VerifyRunner.Run(options, registry, console, cancellation, afterEach, commandLine);
        });

        command.Subcommands.Add(MergeCommand(registry, console, commandLine, environment));
        command.Subcommands.Add(DeviceCommand(console, environment));
        command.Subcommands.Add(CompareCommand.Build(console));
        command.Subcommands.Add(ExplainCommand.Build(registry, console));
        command.Subcommands.Add(HistoryCommand.Build(console));
        command.Subcommands.Add(RenderFiguresCommand.Build(console));
        command.Subcommands.Add(DocsCommand.Build(registry, console));
        command.Subcommands.Add(CostHintsCommand.Build(registry, console));
        return command;
    }

    /// <summary><c>--source-link TEMPLATE</c>: how report.html links each check to its line (<see cref="SourceLink"/>).</summary>
    private static Option<string?> SourceLinkOption() => new Option<string?>("--source-link")
    {
        HelpName = "TEMPLATE",
        Description = "report.html's link for a check's source line, with {path}, {line} and {commit}, e.g. " +
                      $"https://github.com/OWNER/REPO/blob/{{commit}}/{{path}}#L{{line}} (default ${SourceLink.Variable}, else a relative link into this checkout).",
    }.ParsedBy(text =>
    {
        try
        {
            return SourceLink.Validate(text);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--source-link: {e.Message}");
        }
    });

    private static string? SourceLinkOf(string? given, Func<string, string?> environment)
    {
        if (given is not null) return given;
        var fromEnvironment = environment(SourceLink.Variable);
        if (string.IsNullOrWhiteSpace(fromEnvironment)) return null;
        try
        {
            return SourceLink.Validate(fromEnvironment);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{SourceLink.Variable}: {e.Message}");
        }
    }

    /// <summary><c>verify device</c>: the device check (<see cref="DeviceCheck"/>); exit 0 when it passes, 1 when not.</summary>
    private static Command DeviceCommand(IAnsiConsole console, Func<string, string?> environment)
    {
        var device = new Option<ComputeDevice?>("--device") { HelpName = "cpu|cuda", Description = "cpu | cuda (default cuda)" }
            .ParsedBy(text => text.Trim().ToLowerInvariant() is "cpu" or "cuda" ? ComputeDevice.Parse(text)
                : throw new UsageException($"--device: must be cpu or cuda (got '{text}')"));
        var libtorch = LibTorchChoice.Option();
        var command = new Command("device", "Check a device: a tensor on it, a matrix product against the host's, determinism.") { device, libtorch };
        command.SetAction(r =>
        {
            LibTorchChoice.Apply(r.GetValue(libtorch), environment);
            DeviceCheckResult result;
            try
            {
                result = DeviceCheck.Run(r.GetValue(device) ?? ComputeDevice.Cuda);
            }
            catch (DeviceUnavailableException e)
            {
                throw new UsageException(e.Message);
            }
            var lib = result.Libtorch;
            VerifyRunner.Line(console, $"libtorch: {lib.Path ?? "bundled (TorchSharp-cpu)"}{(lib.Version is null ? "" : $" {lib.Version}")}{(lib.Cuda is null ? "" : $", CUDA {lib.Cuda}")}");
            VerifyRunner.Line(console, $"device: {result.Device}{(result.Gpu is null ? "" : $" ({result.Gpu})")}");
            VerifyRunner.Line(console, $"matmul (256×512)·(512×384) float32 vs the host: max relative error {result.MatmulMaxRelativeError:G3} (tolerance {DeviceCheckResult.MatmulTolerance:G1})");
            VerifyRunner.Line(console, $"same product twice on the device: {(result.RepeatIdentical ? "bit-identical" : "DIFFERENT")}");
            VerifyRunner.Line(console, $"deterministic algorithms: {(result.DeterministicAlgorithms ? "on" : "off")}");
            VerifyRunner.Line(console, result.Passed ? "device check passed" : "device check FAILED");
            return result.Passed ? 0 : 1;
        });
        return command;
    }

    private static PaperId PaperOf(string text) =>
        !int.TryParse(text, out _) && Enum.TryParse<PaperId>(text, ignoreCase: true, out var id) && Enum.IsDefined(id)
            ? id
            : throw new UsageException($"--paper: unknown paper '{text}'; valid papers: {string.Join(", ", Enum.GetNames<PaperId>())}");

    private static Command MergeCommand(ClaimRegistry registry, IAnsiConsole console, string commandLine, Func<string, string?> environment)
    {
        var libtorch = LibTorchChoice.Option();
        var inputs = new Argument<string[]>("DIR") { Description = "Finished verify output folders (e.g. the shards of one run).", Arity = ArgumentArity.OneOrMore }.OfPaths();
        var mergeOut = new Option<string?>("--out") { HelpName = "DIR", Description = "Output folder of the merged report, new or empty (default artifacts/verify/merged-<timestamp>)." }
            .ParsedBy(text => OptionParsing.PathValue("--out", text));
        var sourceLink = SourceLinkOption();
        var merge = new Command("merge", "Merge the outputs of several runs (shards) into one report.") { inputs, mergeOut, libtorch, sourceLink };
        merge.SetAction(r =>
        {
            LibTorchChoice.Apply(r.GetValue(libtorch), environment);
            var outDir = r.GetValue(mergeOut) ?? Path.Combine("artifacts", "verify", "merged-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));
            var (records, scale) = ShardMerger.Merge(r.GetValue(inputs)!, outDir, registry, commandLine, SourceLinkOf(r.GetValue(sourceLink), environment));
            VerifyRunner.WriteSummary(console, records, scale);
            VerifyRunner.Line(console, $"Report: {Path.Combine(outDir, "report.md")}");
            return records.All(x => x.AsRecorded) ? 0 : 1;
        });
        return merge;
    }
}
