using System.Reflection;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>
/// Runs the selected claims one after another (deterministic order), shows progress and a summary table, and writes
/// the report. Exit code 0 when every claim that ran holds, 1 when any is refuted or inconclusive.
/// </summary>
public static class VerifyRunner
{
    public static int Run(VerifyOptions options, ClaimRegistry registry, IAnsiConsole console)
    {
        var claims = registry.Select(options.Papers, options.Claims);
        try
        {
            ReportWriter.EnsureWritable(options.OutDir);
        }
        catch (IOException e)
        {
            throw new UsageException($"--out: {e.Message}");
        }
        try
        {
            options.Device.EnsureAvailable();
        }
        catch (DeviceUnavailableException e)
        {
            throw new UsageException(e.Message);
        }

        var run = new RunInfo(options.Scale, options.Seed, options.Device.Name, CodeVersion(), DateTimeOffset.UtcNow);
        var evidence = console.Profile.Capabilities.Interactive
            ? WithProgressBars(claims, options, console)
            : WithLines(claims, options, console);

        ReportWriter.Write(options.OutDir, run, evidence);
        console.Write(Summary(evidence));
        console.MarkupLine($"Report: [bold]{Markup.Escape(Path.Combine(options.OutDir, "report.md"))}[/]");
        return evidence.All(e => e.Verdict is Verdict.Holds or Verdict.NotRun) ? 0 : 1;
    }

    private static List<Evidence> WithProgressBars(IReadOnlyList<Claim> claims, VerifyOptions o, IAnsiConsole console)
    {
        var evidence = new List<Evidence>();
        console.Progress().AutoClear(false).Columns(
                new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = claims.Select(c => ctx.AddTask(Markup.Escape(c.Id), autoStart: false, maxValue: 1)).ToList();
                for (int i = 0; i < claims.Count; i++)
                {
                    tasks[i].StartTask();
                    var task = tasks[i];
                    evidence.Add(claims[i].Evaluate(o.Scale, o.Seed, o.Device, new Progress(f => task.Value = f)));
                    task.Value = 1;
                    task.StopTask();
                }
            });
        return evidence;
    }

    private static List<Evidence> WithLines(IReadOnlyList<Claim> claims, VerifyOptions o, IAnsiConsole console)
    {
        var evidence = new List<Evidence>();
        for (int i = 0; i < claims.Count; i++)
        {
            var e = claims[i].Evaluate(o.Scale, o.Seed, o.Device);
            evidence.Add(e);
            console.WriteLine($"[{i + 1}/{claims.Count}] {e.ClaimId}: {ResultsJson.VerdictName(e.Verdict)} ({e.ElapsedSeconds:F1} s)");
        }
        return evidence;
    }

    private static Table Summary(IReadOnlyList<Evidence> evidence)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("claim", "paper", "measured vs reference", "verdict", "control", "time (s)");
        foreach (var e in evidence)
        {
            var headline = string.Join("; ", e.Measured.Where(kv => e.Reference.ContainsKey(kv.Key)).Take(2)
                .Select(kv => $"{kv.Key}: {Significant.Format(kv.Value)} vs {Significant.Format(e.Reference[kv.Key])}"));
            table.AddRow(
                Markup.Escape(e.ClaimId), e.Paper.Id.ToString(), Markup.Escape(headline), Colored(e.Verdict),
                e.NegativeControl is { } c ? Markup.Escape(ResultsJson.VerdictName(c.Verdict)) : "—",
                e.ElapsedSeconds.ToString("F1"));
        }
        return table;
    }

    private static string Colored(Verdict v) => v switch
    {
        Verdict.Holds => "[green]holds[/]",
        Verdict.Refuted => "[red]refuted[/]",
        Verdict.Inconclusive => "[yellow]inconclusive[/]",
        _ => "[grey]not run[/]",
    };

    public static string CodeVersion() =>
        typeof(VerifyRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
