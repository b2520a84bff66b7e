using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Verification.Stress;

public sealed record StressOptions(int Iterations, string[] Scenarios, int Threads, bool GcStress, int Seed)
{
    public static StressOptions Parse(string[] args)
    {
        int iterations = 50, threads = 1, seed = 1;
        bool gc = true;
        var scenarios = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--iterations": iterations = int.Parse(args[++i]); break;
                case "--threads": threads = int.Parse(args[++i]); break;
                case "--seed": seed = int.Parse(args[++i]); break;
                case "--no-gc-stress": gc = false; break;
                case "--scenario": scenarios.Add(args[++i]); break;
                default: throw new ArgumentException($"unknown option {args[i]} (use --iterations N --threads K --scenario rg|am|pc --no-gc-stress --seed S)");
            }
        }
        if (scenarios.Count == 0) scenarios.AddRange(Verification.Stress.Scenarios.All.Keys);
        foreach (var s in scenarios)
            if (!Verification.Stress.Scenarios.All.ContainsKey(s)) throw new ArgumentException($"unknown scenario '{s}' (known: {string.Join(", ", Verification.Stress.Scenarios.All.Keys)})");
        return new StressOptions(iterations, [.. scenarios], threads, gc, seed);
    }

    public override string ToString() =>
        $"{Iterations} iterations × scenarios [{string.Join(", ", Scenarios)}] on {Threads} thread(s), GC stress {(GcStress ? "on" : "off")}, seed {Seed}";
}

public sealed record StressResult(int Runs, int Failures, IReadOnlyDictionary<string, int> ByMessage, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Runs} runs, {Failures} failures ({(Runs == 0 ? 0 : 100.0 * Failures / Runs):F1}%) in {Elapsed.TotalSeconds:F0} s" +
        string.Concat(ByMessage.OrderByDescending(kv => kv.Value).Select(kv => $"\n  {kv.Value} × {kv.Key}"));
}

public static class StressRunner
{
    public static StressResult Run(StressOptions options)
    {
        TorchRuntime.Initialize();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var collector = options.GcStress ? StartCollector(stop.Token) : null;
        long progressTicks = 0;
        var progress = new Thread(() => { while (!stop.IsCancellationRequested) { Interlocked.Increment(ref progressTicks); Thread.Sleep(5); } }) { IsBackground = true };
        progress.Start();

        int runs = 0, failures = 0;
        var messages = new ConcurrentDictionary<string, int>();
        var work = new ConcurrentQueue<(int Iteration, string Scenario)>(
            Enumerable.Range(0, options.Iterations).SelectMany(i => options.Scenarios.Select(s => (i, s))));
        var workers = Enumerable.Range(0, options.Threads).Select(_ => new Thread(() =>
        {
            TorchRuntime.Initialize();
            while (work.TryDequeue(out var item))
            {
                try
                {
                    Verification.Stress.Scenarios.All[item.Scenario](options.Seed * 100_000L + item.Iteration);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref failures);
                    var key = $"{item.Scenario}: {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
                    messages.AddOrUpdate(key, 1, (_, n) => n + 1);
                    Console.Error.WriteLine($"[{item.Scenario} #{item.Iteration}] {key}");
                    var frames = (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("at ")).Take(4).Select(l => l[3..].Split('(')[0]);
                    Console.Error.WriteLine("    " + string.Join(" < ", frames));
                }
                int done = Interlocked.Increment(ref runs);
                if (done % 10 == 0) Console.WriteLine($"  {done} runs, {failures} failures, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }, 64 * 1024 * 1024)).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        stop.Cancel();
        collector?.Join();
        return new StressResult(runs, failures, messages, clock.Elapsed);
    }

    /// <summary>Forces full blocking collections and runs finalizers in a tight loop, as a loaded process would at random moments.</summary>
    private static Thread StartCollector(CancellationToken stop)
    {
        var t = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        t.Start();
        return t;
    }
}
