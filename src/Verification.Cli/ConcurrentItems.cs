using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>
/// Runs independent work items on <c>jobs</c> worker threads. Every item keeps its own seeds and runs TorchSharp with
/// one intra-op thread (<see cref="TorchRuntime.Initialize"/> on each worker), and its result lands at the item's own
/// index, so what a run produces does not depend on the number of workers or on timing — only how long it takes.
/// Items start longest-first by <paramref name="costHint"/> (seconds from an earlier run; unknown items first, in list
/// order), which keeps the longest claim from starting last.
/// </summary>
public static class ConcurrentItems
{
    /// <summary>
    /// Runs <paramref name="run"/> for every index; <paramref name="finished"/> is called (serialised) as each item
    /// completes. A cancellation stops workers at their item's next progress report; the finished results stay.
    /// Returns the results by index (null where an item did not finish) and whether the run was cancelled.
    /// The first exception other than a cancellation is rethrown after all workers stopped.
    /// </summary>
    public static (T?[] Results, bool Cancelled) Run<T>(int count, int jobs, Func<int, double?> costHint, Func<int, T> run,
        Action<int, T> finished, CancellationToken cancellation) where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var results = new T?[count];
        var order = Enumerable.Range(0, count)
            .OrderByDescending(i => costHint(i) ?? double.PositiveInfinity)
            .ThenBy(i => i)
            .ToArray();
        int next = -1;
        bool cancelled = false;
        Exception? failure = null;
        var gate = new object();
        void Worker()
        {
            TorchRuntime.Initialize();
            while (true)
            {
                int k = Interlocked.Increment(ref next);
                if (k >= order.Length || Volatile.Read(ref failure) is not null) return;
                int index = order[k];
                try
                {
                    cancellation.ThrowIfCancellationRequested();
                    var result = run(index);
                    lock (gate)
                    {
                        results[index] = result;
                        finished(index, result);
                    }
                }
                catch (OperationCanceledException)
                {
                    lock (gate) cancelled = true;
                    return;
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    return;
                }
            }
        }
        int threads = Math.Min(jobs, Math.Max(1, count));
        if (threads == 1)
        {
            Worker();
        }
        else
        {
            // Dedicated threads (not the pool): each carries its own TorchSharp thread settings and dispose scopes.
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(Worker, 16 * 1024 * 1024) { IsBackground = true }).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return (results, cancelled || cancellation.IsCancellationRequested && results.Any(r => r is null));
    }
}
