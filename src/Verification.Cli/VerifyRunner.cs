using System.Reflection;
using System.Text.Json;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>
/// Runs the selected work items on <see cref="VerifyOptions.Jobs"/> workers (<see cref="ConcurrentItems"/>; the records
/// and the report are in work-list order whatever the number of workers), shows progress and a summary table, saves
/// each finished item at once and writes the report at the end. Exit code 0 when every item that ran has its recorded
/// verdict (holds, or refuted for a documented finding), 1 when any differs (a refutation, an inconclusive check), 130 when interrupted (the finished items stay; <c>--resume DIR</c> goes on).
/// </summary>
public static class VerifyRunner
{
    public const int Interrupted = 130;

    /// <param name="afterEach">Called after each finished item (tests use it to interrupt a run).</param>
    public static int Run(VerifyOptions options, ClaimRegistry registry, IAnsiConsole console,
        CancellationToken cancellation = default, Action<ClaimRecord>? afterEach = null, string commandLine = "")
    {
        var claims = registry.Select(options.Papers, options.Claims);
        var items = WorkList.Slice(WorkList.Build(claims, options.Seeds), options.Shard);
        try
        {
            options.Device.EnsureAvailable();
        }
        catch (DeviceUnavailableException e)
        {
            throw new UsageException(e.Message);
        }
        RunDirectory dir;
        try
        {
            dir = RunDirectory.Open(options.OutDir);
        }
        catch (IOException e)
        {
            throw new UsageException($"--out: {e.Message}");
        }
        var run = new RunInfo(options.Scale, options.Seeds, options.Device.Name, CodeVersion(), DateTimeOffset.UtcNow)
            { CommandLine = commandLine, Claims = ClaimMeta.Of(registry.All) };
        if (options.Shard != Shard.Whole)
            AtomicFile.WriteAllText(dir.PathOf(ShardFile), JsonSerializer.Serialize(new { shard = options.Shard.ToString(), items = items.Select(i => i.Key) }) + "\n");

        var hints = CostHints.Load(options.Scale);
        var saveGate = new object();
        var reused = new bool[items.Count];
        ClaimRecord RunAt(int k, IProgress<double>? progress)
        {
            var item = items[k];
            if (options.Resume && TryReuse(item, options, run, dir) is { } stored)
            {
                reused[k] = true;
                return stored;
            }
            var evidence = item.Claim.Evaluate(options.Scale, item.Seed, options.Device, progress, cancellation);
            lock (saveGate) return dir.Save(evidence, run.CodeVersion);   // figures are rendered one at a time
        }
        double? Hint(int k) => hints.TryGetValue(items[k].Claim.Id, out var s) ? s : null;

        (ClaimRecord?[] Results, bool Cancelled) outcome;
        int done = 0;
        if (console.Profile.Capabilities.Interactive)
        {
            (ClaimRecord?[], bool) result = ([], false);
            console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var tasks = items.Select(i => ctx.AddTask(Markup.Escape(i.Key), autoStart: false, maxValue: 1)).ToList();
                    result = ConcurrentItems.Run(items.Count, options.Jobs, Hint, k =>
                    {
                        var task = tasks[k];
                        task.StartTask();
                        var record = RunAt(k, new Progress(f => task.Value = f));
                        task.Value = 1;
                        task.StopTask();
                        return record;
                    }, (_, record) => afterEach?.Invoke(record), cancellation);
                });
            outcome = result;
        }
        else
        {
            outcome = ConcurrentItems.Run(items.Count, options.Jobs, Hint, k => RunAt(k, null), (k, record) =>
            {
                console.WriteLine($"[{++done}/{items.Count}] {record.Key}: {record.Verdict}{(reused[k] ? " (reused)" : "")} ({record.ElapsedSeconds:F1} s)");
                afterEach?.Invoke(record);
            }, cancellation);
        }
        if (outcome.Cancelled)
        {
            int finished = outcome.Results.Count(r => r is not null);
            console.WriteLine($"Interrupted after {finished} of {items.Count} items; no report was written. " +
                              $"Finished items are kept: resume with --resume {options.OutDir}");
            return Interrupted;
        }
        var records = outcome.Results.Select(r => r!).ToList();
        CostHints.Save(options.Scale, records.Where((r, k) => !reused[k] && r.ElapsedSeconds > 0).Select(r => (r.Id, r.ElapsedSeconds)));

        dir.Finish(run, records);
        console.Write(Summary(records));
        // Unwrapped, so that each line can be copied and run as it is.
        foreach (var r in records.Where(r => !r.AsRecorded))
            console.Profile.Out.Writer.WriteLine($"Replay {r.Key}: {Replay.Command(r)}");
        console.WriteLine($"Report: {dir.PathOf("report.md")}");
        return records.All(r => r.AsRecorded) ? 0 : 1;
    }

    public const string ShardFile = "shard.json";

    private static ClaimRecord? TryReuse(WorkItem item, VerifyOptions o, RunInfo run, RunDirectory dir) =>
        dir.TryLoad(item.Key) is { } stored &&
        stored.ConfigHash == ClaimRecord.ConfigHashOf(item.Claim.Id, item.Claim.Parameters(o.Scale), o.Scale, item.Seed, o.Device.Name, run.CodeVersion)
            ? stored
            : null;

    public static Table Summary(IReadOnlyList<ClaimRecord> records)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("claim", "seed", "paper", "measured vs reference", "verdict", "control", "time (s)");
        foreach (var r in records)
        {
            var headline = string.Join("; ", r.Measured.Where(kv => r.Reference.ContainsKey(kv.Key)).Take(2)
                .Select(kv => $"{kv.Key}: {Significant.Format(kv.Value)} vs {Significant.Format(r.Reference[kv.Key])}"));
            table.AddRow(Markup.Escape(r.Id), r.Seed.ToString(), r.Paper, Markup.Escape(headline), Colored(r.Verdict == "refuted" && r.Recorded == "refuted" ? "refuted (recorded finding)" : r.Verdict),
                Markup.Escape(r.NegativeControl?.Verdict ?? "—"), r.ElapsedSeconds.ToString("F1"));
        }
        return table;
    }

    private static string Colored(string verdict) => verdict switch
    {
        "holds" => "[green]holds[/]",
        "refuted" => "[red]refuted[/]",
        "refuted (recorded finding)" => "[blue]refuted (recorded finding)[/]",
        "inconclusive" => "[yellow]inconclusive[/]",
        _ => "[grey]not run[/]",
    };

    /// <summary>The build's informational version (with the git commit when built from a checkout).</summary>
    public static string CodeVersion() =>
        typeof(VerifyRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
