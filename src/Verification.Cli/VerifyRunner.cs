using System.Reflection;
using System.Text.Json;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>
/// Runs the selected work items on <see cref="VerifyOptions.Jobs"/> workers (<see cref="ConcurrentItems"/>: records
/// and report are in work-list order whatever the number of workers), shows progress and a summary, saves each
/// finished item at once into the staging folder <c>&lt;out&gt;.partial</c>, and at the end writes the report there and
/// renames the folder to <c>&lt;out&gt;</c>. Exit code 0 when every item that ran has its recorded verdict (holds, or
/// refuted for a documented finding), 1 when any differs (a refutation, an inconclusive check), 130 when interrupted
/// and 74 when a file could not be written (a full disk): in both cases the finished items stay in the staging folder
/// and <c>verify --resume &lt;out&gt;</c> goes on.
/// </summary>
public static partial class VerifyRunner
{
    public const int Interrupted = 130;

    /// <summary>A file of the run could not be written (disk full, quota, I/O error); 74 is EX_IOERR of sysexits.h.</summary>
    public const int WriteFailed = 74;

    public const string ShardFile = "shard.json";

    /// <summary>What one work item gave: its record, or null for a part of a split claim (stored as sub-units).</summary>
    private sealed record ItemResult(ClaimRecord? Record);

    /// <summary>Where the sub-units of a split claim at a seed are stored (<c>subunits/&lt;id&gt;@&lt;seed&gt;/</c>).</summary>
    public const string SubUnitsFolder = "subunits";

    /// <summary>The sub-unit store of <paramref name="claim"/> at <paramref name="seed"/> in run folder <paramref name="dir"/>, keyed by the item's configuration hash.</summary>
    public static DirectorySubUnitStore SubUnitStoreOf(string dir, Claim claim, int seed, Scale scale, string device, string codeVersion) =>
        new(Path.Combine(dir, SubUnitsFolder, ClaimRecord.WorkKey(claim.Id, seed)),
            ClaimRecord.ConfigHashOf(claim.Id, claim.Parameters(scale), scale, seed, device, codeVersion));

    /// <param name="afterEach">Called after each finished item (tests use it to interrupt a run).</param>
    public static int Run(VerifyOptions options, ClaimRegistry registry, IAnsiConsole console,
        CancellationToken cancellation = default, Action<ClaimRecord>? afterEach = null, string commandLine = "")
    {
        var claims = options.Select(registry);
        var all = WorkList.Build(claims, options.Seeds, options.Scale, options.Split);
        var items = WorkList.Slice(all, options.Shard);
        var atMerge = WorkList.AssembledAtMerge(all, options.Shard);
        try
        {
            options.Device.EnsureAvailable();
        }
        catch (DeviceUnavailableException e)
        {
            throw new UsageException(e.Message);
        }
        var run = new RunInfo(options.Scale, options.Seeds, options.Device.Name, CodeVersion(), DateTimeOffset.UtcNow)
            { CommandLine = commandLine, Claims = ClaimMeta.Of(registry.All), Native = LibTorchChoice.Native(options.Device), SourceLink = options.SourceLink };
        if (options.Resume && RunDirectory.IsFinishedRun(options.OutDir))
            return ReportFinished(options, run, items.Where(i => i.Part is null).ToList(), console);

        var staging = RunDirectory.StagingPathOf(options.OutDir);
        RunDirectory dir;
        try
        {
            if (!options.Resume) RunDirectory.EnsureWritable(options.OutDir);
            dir = RunDirectory.Open(staging);
        }
        catch (FileWriteException e)
        {
            throw new WriteFailedException(Kept(e, staging, options));
        }
        catch (IOException e)
        {
            throw new UsageException($"--out: {e.Message}");
        }
        try
        {
            return RunIn(dir, options, registry, console, run, items, atMerge, claims, cancellation, afterEach);
        }
        catch (FileWriteException e)
        {
            throw new WriteFailedException(Kept(e, staging, options));
        }
    }

    private static int RunIn(RunDirectory dir, VerifyOptions options, ClaimRegistry registry, IAnsiConsole console, RunInfo run,
        IReadOnlyList<WorkItem> items, IReadOnlyList<WorkItem> atMerge, IReadOnlyList<Claim> claims,
        CancellationToken cancellation, Action<ClaimRecord>? afterEach)
    {
        var staging = dir.Path;
        if (!options.Resume)
        {
            AtomicFile.WriteAllText(dir.PathOf(RunManifest.FileName), new RunManifest(options.Scale.ToCli(), options.Seeds,
                claims.Select(c => c.Id).ToList(), options.Device.Name, options.Shard.ToString(), run.CodeVersion) { Split = options.Split }.ToJson());
            if (options.Shard != Shard.Whole)
                AtomicFile.WriteAllText(dir.PathOf(ShardFile), JsonSerializer.Serialize(atMerge.Count == 0
                    ? (object)new { shard = options.Shard.ToString(), items = items.Select(i => i.Key) }
                    : new { shard = options.Shard.ToString(), items = items.Select(i => i.Key), assembleAtMerge = atMerge.Select(i => i.Key) }) + "\n");
        }

        if (options.Resume) ReportDamaged(dir, items, console);
        var hints = CostHints.Load(options.Scale);
        var saveGate = new object();
        var reused = new bool[items.Count];
        // A write failure (a full disk) stops the other workers too: their items could not be saved either.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ItemResult RunAt(int k, IProgress<double>? progress)
        {
            try
            {
                return RunItem(k, progress);
            }
            catch (FileWriteException)
            {
                stop.Cancel();
                throw;
            }
        }
        ItemResult RunItem(int k, IProgress<double>? progress)
        {
            var item = items[k];
            bool split = options.Split && item.Claim.Scales.Contains(options.Scale) && item.Claim.Parts(options.Scale) > 1;
            var store = split ? SubUnitStoreOf(dir.Path, item.Claim, item.Seed, options.Scale, options.Device.Name, run.CodeVersion) : null;
            if (item.Part is { } part)
            {
                // A part of a split claim: its cells go to the sub-unit store, not to a record.
                var done = Path.Combine(store!.Directory, $"part-{part}.done");
                reused[k] = options.Resume && File.Exists(done) && File.ReadAllText(done).Trim() == store.ConfigHash;
                if (reused[k]) return new ItemResult(null);
                item.Claim.EvaluatePart(options.Scale, item.Seed, options.Device, store, part.Index, part.Count, stop.Token);
                AtomicFile.WriteAllText(done, store.ConfigHash + "\n");
                return new ItemResult(null);
            }
            if (options.Resume && dir.TryLoad(item.Key) is { } stored && stored.ConfigHash == ConfigHash(item, options, run))
            {
                reused[k] = true;
                return new ItemResult(stored);
            }
            var evidence = item.Claim.Evaluate(options.Scale, item.Seed, options.Device, progress, stop.Token,
                store is null ? null : SubUnitPlan.Assemble(store));
            lock (saveGate) return new ItemResult(dir.Save(evidence, run.CodeVersion));   // figures are rendered one at a time
        }
        double? Hint(int k) => hints.TryGetValue(items[k].Claim.Id, out var s) ? s : null;
        // Parts of split claims run before the items that assemble them (two phases), each phase on all workers.
        var phases = new[] { Enumerable.Range(0, items.Count).Where(k => items[k].Part is not null).ToArray(),
                             Enumerable.Range(0, items.Count).Where(k => items[k].Part is null).ToArray() };
        (ItemResult?[] Results, bool Cancelled) RunPhases(Func<int, ItemResult> runItem, Action<int, ItemResult> finished)
        {
            var results = new ItemResult?[items.Count];
            foreach (var phase in phases.Where(p => p.Length > 0))
            {
                var (r, cancelled) = ConcurrentItems.Run(phase.Length, options.Jobs, i => Hint(phase[i]),
                    i => runItem(phase[i]), (i, result) => finished(phase[i], result), stop.Token);
                for (int i = 0; i < phase.Length; i++) results[phase[i]] = r[i];
                if (cancelled) return (results, true);
            }
            return (results, false);
        }

        (ItemResult?[] Results, bool Cancelled) outcome = ([], false);
        int done = 0;
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var tasks = items.Select(i => context.AddTask(Markup.Escape(i.Key), autoStart: false, maxValue: 1)).ToList();
                    outcome = RunPhases(k =>
                    {
                        var task = tasks[k];
                        task.StartTask();
                        var result = RunAt(k, new Progress(f => task.Value = f));
                        task.Value = 1;
                        task.StopTask();
                        return result;
                    }, (_, result) => { if (result.Record is { } record) afterEach?.Invoke(record); });
                });
        }
        else
        {
            outcome = RunPhases(k => RunAt(k, null), (k, result) =>
            {
                if (result.Record is not { } record)
                {
                    Line(console, $"[{++done}/{items.Count}] {items[k].Key}: sub-units stored{(reused[k] ? " (reused)" : "")}");
                    return;
                }
                Line(console, $"[{++done}/{items.Count}] {record.Key}: {ReportText.Verdict(record)}{(reused[k] ? " (reused)" : "")} ({record.ElapsedSeconds:F1} s)");
                afterEach?.Invoke(record);
            });
        }
        if (outcome.Cancelled)
        {
            int finished = outcome.Results.Count(r => r is not null);
            Line(console, $"Interrupted after {finished} of {items.Count} items; no report was written. The finished items are kept in {staging}");
            Line(console, $"Continue with: verify --resume {options.OutDir}");
            return Interrupted;
        }
        var ran = outcome.Results.Select((r, k) => (r!.Record, Reused: reused[k])).Where(x => x.Record is not null).ToList();
        CostHints.Save(options.Scale, ran.Where(x => !x.Reused && x.Record!.ElapsedSeconds > 0).Select(x => (x.Record!.Id, x.Record.ElapsedSeconds)));
        var records = ran.Select(x => x.Record!).ToList();

        dir.Finish(run with { EndedAt = DateTimeOffset.UtcNow }, records);
        try
        {
            dir = dir.Publish(options.OutDir);
        }
        catch (IOException e)
        {
            throw new UsageException($"--out: {e.Message}");
        }
        WriteSummary(console, records, options.Scale);
        // Unwrapped, so that each line can be copied and run as it is.
        foreach (var r in records.Where(r => !r.AsRecorded)) Line(console, $"Replay {r.Key}: {Replay.Command(r)}");
        Line(console, $"Report: {dir.PathOf("report.md")}");
        return records.All(r => r.AsRecorded) ? 0 : 1;
    }

    /// <summary>
    /// <c>--resume</c> of a finished run (same settings, checked by <see cref="VerifyOptions.Resolve"/>): nothing runs and
    /// nothing is written; the summary is shown again from the stored records.
    /// </summary>
    private static int ReportFinished(VerifyOptions options, RunInfo run, IReadOnlyList<WorkItem> items, IAnsiConsole console)
    {
        var dir = RunDirectory.ForReading(options.OutDir);
        var records = new List<ClaimRecord>();
        foreach (var item in items)
        {
            var stored = dir.TryLoad(item.Key, out var damage);
            if (stored is null || stored.ConfigHash != ConfigHash(item, options, run))
                throw new UsageException($"--resume: '{options.OutDir}' is a finished run, but the record of {item.Key} is " +
                                         $"{(damage is not null ? $"damaged ({damage})" : stored is null ? "missing" : "of another configuration")}; " +
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
            var headline = string.Join("; ", r.Checks.Where(c => c.Tolerance.Kind != Verification.Core.Numerics.ToleranceKind.IsTrue).Take(2)
                .Select(c => $"{c.Name}: {Significant.Text(c.Measured)} ({ReportText.Expected(c)})"));
            table.AddRow(Markup.Escape(r.Id), r.Seed.ToString(), r.Paper, Markup.Escape(headline), Colored(r),
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

    private static string Colored(ClaimRecord r) => $"[{r.Verdict switch
    {
        Verdict.Holds => "green",
        Verdict.Refuted => r.Recorded == Verdict.Refuted ? "blue" : "red",
        Verdict.Inconclusive => "yellow",
        _ => "grey",
    }}]{Markup.Escape(ReportText.Verdict(r))}[/]";

    /// <summary>The build's informational version (with the git commit when built from a checkout).</summary>
    public static string CodeVersion() =>
        typeof(VerifyRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
