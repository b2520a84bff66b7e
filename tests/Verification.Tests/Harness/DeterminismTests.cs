using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>
/// `verify --scale smoke --seed 7` twice over every registered claim, once with one worker and once with two
/// (<c>--jobs</c>): byte-identical results.json.
/// </summary>
public class DeterminismTests
{
    [Fact]
    public void SmokeRunTwiceWithTheSameSeedGivesByteIdenticalResultsForOneOrTwoWorkers()
    {
        using var dir = new TempDir();
        var first = CliRun.Run("verify", "--scale", "smoke", "--seed", "7", "--jobs", "1", "--out", dir["a"]);
        var second = CliRun.Run("verify", "--scale", "smoke", "--seed", "7", "--jobs", "2", "--out", dir["b"]);
        Assert.True(first.Code is 0 or 1, first.Err);
        Assert.Equal(first.Code, second.Code);
        Assert.Equal(File.ReadAllBytes(dir["a/results.json"]), File.ReadAllBytes(dir["b/results.json"]));
    }

    [Fact]
    public void ADifferentSeedGivesDifferentMeasurements()
    {
        using var dir = new TempDir();
        CliRun.Run("verify", "--claim", "MC.plug-in-entropy-rate-converges", "--scale", "smoke", "--seed", "7", "--out", dir["a"]);
        CliRun.Run("verify", "--claim", "MC.plug-in-entropy-rate-converges", "--scale", "smoke", "--seed", "8", "--out", dir["b"]);
        Assert.NotEqual(File.ReadAllText(dir["a/results.json"]), File.ReadAllText(dir["b/results.json"]));
    }
}
