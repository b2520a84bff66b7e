using System.Reflection;
using System.Text.Json;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>
/// Runs the selected work items one after another (deterministic order), shows progress and a summary, saves each
/// finished item at once into the staging folder <c>&lt;out&gt;.partial</c>, and at the end writes the report there and
/// renames the folder to <c>&lt;out&gt;</c>. Exit code 0 when every item that ran has its recorded verdict (holds, or
/// refuted for a documented finding), 1 when any differs (a refutation, an inconclusive check), 130 when interrupted
/// (the finished items stay in the staging folder; <c>verify --resume &lt;out&gt;</c> goes on).
/// </summary>
public static class VerifyRunner
{
    public const int Interrupted = 130;

    public const string ShardFile = "shard.json";

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
        var run = new RunInfo(options.Scale, options.Seeds, options.Device.Name, CodeVersion(), DateTimeOffset.UtcNow);
        if (options.Resume && RunDirectory.IsFinishedRun(options.OutDir))
            return ReportFinished(options, run, items, console);

        var staging = RunDirectory.StagingPathOf(options.OutDir);
        RunDirectory dir;
        try
        {
            if (!options.Resume) RunDirectory.EnsureWritable(options.OutDir);
            dir = RunDirectory.Open(staging);
        }
        catch (IOException e)
        {
            throw new UsageException($"--out: {e.Message}");
        }
        if (!options.Resume)
        {
            AtomicFile.WriteAllText(dir.PathOf(RunManifest.FileName), new RunManifest(options.Scale.ToCli(), options.Seeds,
                claims.Select(c => c.Id).ToList(), options.Device.Name, options.Shard.ToString(), run.CodeVersion).ToJson());
            if (options.Shard != Shard.Whole)
                AtomicFile.WriteAllText(dir.PathOf(ShardFile), JsonSerializer.Serialize(new { shard = options.Shard.ToString(), items = items.Select(i => i.Key) }) + "\n");
        }

        var records = new List<ClaimRecord>();
        try
        {
            if (console.Profile.Capabilities.Interactive)
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
                    Line(console, $"[{k + 1}/{items.Count}] {record.Key}: {ReportText.Verdict(record)}{(reused ? " (reused)" : "")} ({record.ElapsedSeconds:F1} s)");
                    afterEach?.Invoke(record);
                }
            }
        }
        catch (OperationCanceledException)
        {
            Line(console, $"Interrupted after {records.Count} of {items.Count} items; no report was written. The finished items are kept in {staging}");
            Line(console, $"Continue with: verify --resume {options.OutDir}");
            return Interrupted;
        }

        dir.Finish(run, records);
        try
        {
            dir = dir.Publish(options.OutDir);
        }
        catch (IOException e)
        {
            throw new UsageException($"--out: {e.Message}");
        }
        WriteSummary(console, records, options.Scale);
        Line(console, $"Report: {dir.PathOf("report.md")}");
        return records.All(r => r.AsRecorded) ? 0 : 1;
    }

    /// <summary>
    /// <c>--resume</c> of a finished run (same settings, checked by <see cref="VerifyOptions.Parse"/>): nothing runs and
    /// nothing is written; the summary is shown again from the stored records.
    /// </summary>
    private static int ReportFinished(VerifyOptions options, RunInfo run, IReadOnlyList<WorkItem> items, IAnsiConsole console)
    {
        var dir = RunDirectory.ForReading(options.OutDir);
        var records = new List<ClaimRecord>();
        foreach (var item in items)
        {
            var stored = dir.TryLoad(item.Key);
            if (stored is null || stored.ConfigHash != ConfigHash(item, options, run))
                throw new UsageException($"--resume: '{options.OutDir}' is a finished run, but the record of {item.Key} is missing or damaged; " +
                                         "a finished run is never rewritten: start a new run with --out");
            records.Add(stored);
        }
        Line(console, $"'{options.OutDir}' is a finished run of these {items.Count} items: nothing was run or written.");
        WriteSummary(console, records, options.Scale);
        Line(console, $"Report: {dir.PathOf("report.md")}");
        return records.All(r => r.AsRecorded) ? 0 : 1;
    }

    private static string ConfigHash(WorkItem item, VerifyOptions o, RunInfo run) =>
        ClaimRecord.ConfigHashOf(item.Claim.Id, item.Claim.Parameters(o.Scale), o.Scale, item.Seed, o.Device.Name, run.CodeVersion);

    private static ClaimRecord RunOne(WorkItem item, VerifyOptions o, RunInfo run, RunDirectory dir,
        IProgress<double>? progress, CancellationToken cancellation, out bool reused)
    {
        cancellation.ThrowIfCancellationRequested();
        if (o.Resume && dir.TryLoad(item.Key) is { } stored && stored.ConfigHash == ConfigHash(item, o, run))
        {
            reused = true;
            return stored;
        }
        reused = false;
        var evidence = item.Claim.Evaluate(o.Scale, item.Seed, o.Device, progress, cancellation);
        return dir.Save(evidence, run.CodeVersion);
    }

    /// <summary>The summary, the totals line and (when some claims did not run at this scale) why.</summary>
    public static void WriteSummary(IAnsiConsole console, IReadOnlyList<ClaimRecord> records, Scale scale)
    {
        if (console.Profile.Capabilities.Interactive) console.Write(Summary(records));
        else foreach (var line in SummaryLines(records)) Line(console, line);
        Line(console, ReportText.Totals(records));
        if (ReportText.NotRunLine(records, scale.ToCli()) is { } notRun) Line(console, notRun);
    }

    /// <summary>For a terminal: a table with the headline measurements.</summary>
    public static Table Summary(IReadOnlyList<ClaimRecord> records)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("claim", "seed", "paper", "measured (expected)", "verdict", "control", "time (s)");
        foreach (var r in records)
        {
            var headline = string.Join("; ", r.Measured.Where(kv => r.Reference.ContainsKey(kv.Key)).Take(2)
                .Select(kv => $"{kv.Key}: {Significant.Text(kv.Value)} ({ReportText.Expected(r, kv.Key)})"));
            table.AddRow(Markup.Escape(r.Id), r.Seed.ToString(), r.Paper, Markup.Escape(headline), Colored(ReportText.Verdict(r)),
                Markup.Escape(r.NegativeControl is { } c ? ReportText.Verdict(c.Verdict) : "—"), r.ElapsedSeconds.ToString("F1"));
        }
        return table;
    }

    /// <summary>Not a terminal (a log, a pipe): one line per item, within 80 columns for the ids registered today (up to 52 characters with the seed).</summary>
    public static IEnumerable<string> SummaryLines(IReadOnlyList<ClaimRecord> records)
    {
        foreach (var r in records)
        {
            var control = r.NegativeControl is { } c ? $"  control {ReportText.Verdict(c.Verdict)}" : "";
            yield return $"{ReportText.Verdict(r),-8} {r.Key}{control}";
        }
    }

    /// <summary>A line as it is, never wrapped (Spectre wraps at the console width, which would break a path in two).</summary>
    public static void Line(IAnsiConsole console, string text) => console.Profile.Out.Writer.WriteLine(text);

    private static string Colored(string verdict) => verdict switch
    {
        "holds" => "[green]holds[/]",
        "refuted" => "[red]refuted[/]",
        "refuted (recorded finding)" => "[blue]refuted (recorded finding)[/]",
        "inconclusive" => "[yellow]inconclusive[/]",
        "not run" => "[grey]not run[/]",
        _ => Markup.Escape(verdict),
    };

    /// <summary>The build's informational version (with the git commit when built from a checkout).</summary>
    public static string CodeVersion() =>
        typeof(VerifyRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
