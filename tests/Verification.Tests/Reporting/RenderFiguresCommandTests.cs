using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Reporting;

/// <summary>
/// <c>verify render-figures DIR</c> on a copy of a committed paper run (old layout): it redraws the figures it can
/// rebuild from their CSVs and touches nothing else; bad input is one line on stderr, exit 2, nothing written.
/// </summary>
public class RenderFiguresCommandTests
{
    private const string Run = "k-0d46c27";   // AM (p, q) grid: three heatmaps, all rebuildable

    [Fact]
    public void RedrawsTheRebuildableFiguresAndLeavesEverythingElseAsItWas()
    {
        using var dir = new TempDir();
        var copy = Copy(dir);
        // The PNGs as an older style drew them: anything but what this version draws.
        foreach (var png in Directory.GetFiles(copy, "*.png")) File.WriteAllBytes(png, [1, 2, 3]);
        var before = Snapshot(copy);

        var (code, output, err) = CliRun.Run("verify", "render-figures", copy);
        Assert.True(code == 0, err);
        Assert.Contains("3 figure(s) drawn again, 0 kept", output);
        var after = Snapshot(copy);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var changed = before.Keys.Where(f => !before[f].SequenceEqual(after[f])).Order().ToList();
        Assert.Equal(3, changed.Count);
        Assert.All(changed, f => Assert.EndsWith(".png", f, StringComparison.Ordinal));

        // Drawn again from the same CSVs: the same bytes (the drawing is deterministic).
        Assert.Equal(0, CliRun.Run("verify", "render-figures", copy).Code);
        Assert.All(Snapshot(copy), kv => Assert.Equal(after[kv.Key], kv.Value));
    }

    [Fact]
    public void AnUnreadableCsvIsOneLineExitTwoAndNothingIsRedrawn()
    {
        using var dir = new TempDir();
        var copy = Copy(dir);
        var csv = Directory.GetFiles(copy, "*.am-grid-untied.csv").Single();
        File.WriteAllText(csv, "series,x,y\nheatmap,0.1,not-a-number\n");
        var before = Snapshot(copy);

        var (code, _, err) = CliRun.Run("verify", "render-figures", copy);
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.All(Snapshot(copy), kv => Assert.Equal(before[kv.Key], kv.Value));
    }

    [Fact]
    public void AFolderThatIsNotAFinishedRunIsExitTwo()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run("verify", "render-figures", dir.Path);
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
    }

    private static string Copy(TempDir dir)
    {
        var source = Path.Combine(PaperRuns.Folder, Run);
        var copy = dir[Run];
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        return copy;
    }

    private static Dictionary<string, byte[]> Snapshot(string run) =>
        Directory.GetFiles(run, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(run, f), File.ReadAllBytes);
}
