// Not from the paper: a workaround for the thread count of TorchSharp's OpenMP back end.
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>
/// <see cref="TorchRuntime.Initialize"/> sets the intra-op thread count once, on the thread that calls it; OpenMP's
/// thread count is a per-thread setting, so tensor ops on another thread (a test runner's worker) still start teams
/// of one thread per core, whose spin-waiting multiplies the CPU time on a loaded machine. Every Rare Gems entry
/// point calls <see cref="Pin"/> on its own thread first.
/// </summary>
public static class TorchThreads
{
    [ThreadStatic] private static bool pinned;

    public static void Pin()
    {
        if (pinned) return;
        TorchRuntime.Initialize();
        set_num_threads(TorchRuntime.ThreadCount());
        pinned = true;
    }
}
