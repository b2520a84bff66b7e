using System.Reflection;
using System.Text.Json;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>
/// Runs the selected work items one after another (deterministic order), shows progress and a summary table, saves
/// each finished item at once and writes the report at the end. Exit code 0 when every item that ran has its recorded
/// verdict (holds, or refuted for a documented finding), 1 when any differs (a refutation, an inconclusive check), 130 when interrupted (the finished items stay; <c>--resume DIR</c> goes on).
/// </summary>
public static class VerifyRunner
{
    public const int Interrupted = 130;

    /// <param name="afterEach">Called after each finished item (tests use it to interrupt a run).</param>
    public static int Run(VerifyOptions options, ClaimRegistry registry, IAnsiConsole console,
        CancellationToken cancellation = default, Action<ClaimRecord>? afterEach = null)
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
        var run = new RunInfo(options.Scale, options.Seeds, options.Device.Name, CodeVersion(), DateTimeOffset.UtcNow);
        if (options.Shard != Shard.Whole)
            AtomicFile.WriteAllText(dir.PathOf(ShardFile), JsonSerializer.Serialize(new { shard = options.Shard.ToString(), items = items.Select(i => i.Key) }) + "\n");

        var records = new List<ClaimRecord>();
        try
        {
            var interactive = console.Profile.Capabilities.Interactive;
            if (interactive)
            {
                console.Progress().AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(ctx =>
                    {
                        var tasks = items.Select(i => ctx.AddTask(Markup.Escape(i.Key), autoStart: false, maxValue: 1)).ToList();
                        for (int k = 0; k < items.Count; k++)
                        {
                            var task = tasks[k];
                            task.StartTask();
                            records.Add(RunOne(items[k], options, run, dir, new Progress(f => task.Value = f), cancellation, out _));
                            task.Value = 1;
                            task.StopTask();
                            afterEach?.Invoke(records[^1]);
                        }
                    });
            }
            else
            {
                for (int k = 0; k < items.Count; k++)
                {
                    var record = RunOne(items[k], options, run, dir, null, cancellation, out var reused);
                    records.Add(record);
                    console.WriteLine($"[{k + 1}/{items.Count}] {record.Key}: {record.Verdict}{(reused ? " (reused)" : "")} ({record.ElapsedSeconds:F1} s)");
                    afterEach?.Invoke(record);
                }
            }
        }
        catch (OperationCanceledException)
        {
            console.WriteLine($"Interrupted after {records.Count} of {items.Count} items; no report was written. " +
                              $"Finished items are kept: resume with --resume {options.OutDir}");
            return Interrupted;
        }

        dir.Finish(run, records);
        console.Write(Summary(records));
        console.WriteLine($"Report: {dir.PathOf("report.md")}");
        return records.All(r => r.AsRecorded) ? 0 : 1;
    }

    public const string ShardFile = "shard.json";

    private static ClaimRecord RunOne(WorkItem item, VerifyOptions o, RunInfo run, RunDirectory dir,
        IProgress<double>? progress, CancellationToken cancellation, out bool reused)
    {
        cancellation.ThrowIfCancellationRequested();
        if (o.Resume && dir.TryLoad(item.Key) is { } stored &&
            stored.ConfigHash == ClaimRecord.ConfigHashOf(item.Claim.Id, item.Claim.Parameters(o.Scale), o.Scale, item.Seed, o.Device.Name, run.CodeVersion))
        {
            reused = true;
            return stored;
        }
        reused = false;
        var evidence = item.Claim.Evaluate(o.Scale, item.Seed, o.Device, progress, cancellation);
        return dir.Save(evidence, run.CodeVersion);
    }

    public static Table Summary(IReadOnlyList<ClaimRecord> records)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("claim", "seed", "paper", "measured vs reference", "verdict", "control", "time (s)");
        foreach (var r in records)
        {
            var headline = string.Join("; ", r.Checks.Where(c => c.Kind != "true").Take(2)
                .Select(c => $"{c.Name}: {Significant.Format(c.Measured)} vs {Significant.Format(c.Expected)}"));
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
