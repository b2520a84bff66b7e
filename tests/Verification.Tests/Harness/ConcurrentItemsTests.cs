using Verification.Cli;

namespace Verification.Tests.Harness;

public class ConcurrentItemsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void ResultsLandAtTheirIndexWhateverTheNumberOfWorkers(int jobs)
    {
        var finished = new List<int>();
        var (results, cancelled) = ConcurrentItems.Run(20, jobs, _ => null, k => $"item {k}", (k, _) => finished.Add(k), default);
        Assert.False(cancelled);
        Assert.Equal(Enumerable.Range(0, 20).Select(k => $"item {k}"), results);
        Assert.Equal(Enumerable.Range(0, 20), finished.Order());
    }

    [Fact]
    public void LongestKnownItemsStartFirstAndUnknownOnesBeforeThem()
    {
        var started = new List<int>();
        double?[] hints = [1, 5, null, 3];
        ConcurrentItems.Run(4, 1, k => hints[k], k => { started.Add(k); return "x"; }, (_, _) => { }, default);
        Assert.Equal([2, 1, 3, 0], started);
    }

    [Fact]
    public void ACancellationKeepsTheFinishedItems()
    {
        using var cts = new CancellationTokenSource();
        var (results, cancelled) = ConcurrentItems.Run(6, 1, _ => null, k =>
        {
            if (k == 3) cts.Cancel();
            cts.Token.ThrowIfCancellationRequested();
            return $"item {k}";
        }, (_, _) => { }, cts.Token);
        Assert.True(cancelled);
        Assert.Equal(new string?[] { "item 0", "item 1", "item 2", null, null, null }, results.AsEnumerable());
    }

    [Fact]
    public void AFailureIsRethrownAfterTheWorkersStop()
    {
        var e = Assert.Throws<IOException>(() => ConcurrentItems.Run<string>(8, 2, _ => null,
            k => k == 4 ? throw new IOException("disk full") : "ok", (_, _) => { }, default));
        Assert.Equal("disk full", e.Message);
    }

    [Fact]
    public void JobsMustBePositive()
    {
        var (code, _, err) = CliRun.Run("verify", "--claim", "MC.stationary-distribution-is-invariant", "--jobs", "0");
        Assert.Equal(2, code);
        Assert.Contains("--jobs", err);
        (code, _, err) = CliRun.Run("verify", "--claim", "MC.stationary-distribution-is-invariant", "--jobs", "two");
        Assert.Equal(2, code);
        Assert.Contains("--jobs: must be a positive whole number (got 'two')", err);
    }
}
