using System.Diagnostics;
using System.Runtime.InteropServices;
using Verification.Cli;
using Verification.Core.IO;
using Verification.Core.Reporting;
using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>
/// A full disk while a run writes a record, a figure, its CSV, the report or results.json: the run stops with exit code
/// 74 and one line naming the file and the cause, the staging folder holds only whole records, and once there is space
/// `verify --resume` finishes the run with results.json byte-identical to an uninterrupted run. The fault is injected
/// into the writes of this test only (<see cref="AtomicFile.InjectFault"/>), and, where the test runs as root on
/// Linux, produced for real by a small tmpfs filled up mid-run.
/// </summary>
public class DiskFullTests
{
    private static readonly string[] Work = ["verify", "--paper", "MC", "--scale", "smoke", "--seed", "1", "--seed", "2", "--jobs", "1"];

    /// <summary>ENOSPC as .NET raises it: an IOException whose HResult is the errno (on Windows, ERROR_DISK_FULL).</summary>
    public static IOException NoSpace(string path) =>
        new($"No space left on device : '{path}'", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);

    private static string Uninterrupted(TempDir dir)
    {
        var whole = CliRun.Run([.. Work, "--out", dir["whole"]]);
        Assert.True(whole.Code == 0, whole.Err + whole.Out);
        return File.ReadAllText(dir["whole/results.json"]);
    }

    [Theory]
    [InlineData("/claims/")]        // a record
    [InlineData(".png")]            // a figure
    [InlineData(".csv")]            // a figure's series
    [InlineData("report.md")]       // the report, once every item is saved
    [InlineData("results.json")]    // the last file of a run
    public void AFullDiskStopsTheRunWithOneLineAndResumeFinishesItByteIdentically(string failingFile)
    {
        using var dir = new TempDir();
        var expected = Uninterrupted(dir);

        // From the first write of a matching file on, the disk stays full.
        bool full = false;
        (int Code, string Out, string Err) stopped;
        using (AtomicFile.InjectFault(path => (full |= path.Contains(failingFile, StringComparison.Ordinal)) ? NoSpace(path) : null))
            stopped = CliRun.Run([.. Work, "--out", dir["run"]]);

        Assert.Equal(VerifyRunner.WriteFailed, stopped.Code);
        var line = Assert.Single(stopped.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($"^verify: error: cannot write '[^']*{System.Text.RegularExpressions.Regex.Escape(failingFile)}[^']*': no space left on device; " +
                       "the finished items are kept in '[^']*run.partial': free space, then continue with: verify --resume ", line);
        Assert.DoesNotContain("   at ", stopped.Err + stopped.Out);
        AssertOnlyWholeRecords(dir["run.partial"]);
        Assert.False(Directory.Exists(dir["run"]));

        var resumed = CliRun.Run("verify", "--resume", dir["run"]);
        Assert.True(resumed.Code == 0, resumed.Err + resumed.Out);
        Assert.Equal(expected, File.ReadAllText(dir["run/results.json"]));
    }

    [Fact]
    public void AFullDiskBeforeTheRunHasItsManifestKeepsNothingAndARunAgainWorks()
    {
        using var dir = new TempDir();
        (int Code, string Out, string Err) stopped;
        using (AtomicFile.InjectFault(path => path.EndsWith(RunManifest.FileName, StringComparison.Ordinal) ? NoSpace(path) : null))
            stopped = CliRun.Run([.. Work, "--out", dir["run"]]);

        Assert.Equal(VerifyRunner.WriteFailed, stopped.Code);
        Assert.EndsWith("no space left on device; nothing was kept: free space, then run again", stopped.Err.Trim());
        Assert.False(Directory.Exists(dir["run.partial"]), "a staging folder without run.json could not be resumed");
        Assert.Equal(0, CliRun.Run([.. Work, "--out", dir["run"]]).Code);
    }

    [Fact]
    public void AFullDiskDuringAMergeKeepsNothingAndTheInputsStayWhole()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Run([.. Work, "--shard", "1/2", "--out", dir["s1"]]).Code);
        Assert.Equal(0, CliRun.Run([.. Work, "--shard", "2/2", "--out", dir["s2"]]).Code);
        (int Code, string Out, string Err) stopped;
        using (AtomicFile.InjectFault(path => path.Contains("merged.partial", StringComparison.Ordinal) && path.EndsWith("report.md", StringComparison.Ordinal) ? NoSpace(path) : null))
            stopped = CliRun.Run("verify", "merge", dir["s1"], dir["s2"], "--out", dir["merged"]);

        Assert.Equal(VerifyRunner.WriteFailed, stopped.Code);
        Assert.Contains("report.md': no space left on device; the merge kept nothing (its inputs are untouched): free space, then merge again", stopped.Err);
        Assert.False(Directory.Exists(dir["merged.partial"]));
        Assert.Equal(0, CliRun.Run("verify", "merge", dir["s1"], dir["s2"], "--out", dir["merged"]).Code);
    }

    [Fact]
    public void AFailedWriteLeavesNoTemporaryFileAndNamesTheTarget()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["a.txt"], "old");
        using (AtomicFile.InjectFault(NoSpace))
        {
            var e = Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllText(dir["a.txt"], "new contents"));
            Assert.True(e.DiskFull);
            Assert.Equal($"cannot write '{dir["a.txt"]}': no space left on device", e.Message);
        }
        Assert.Equal("old", File.ReadAllText(dir["a.txt"]));
        Assert.Equal([dir["a.txt"]], Directory.GetFiles(dir.Path));
    }

    /// <summary>
    /// The real thing: the run's folder on a 4 MiB tmpfs, filled up by another file once the first record is saved;
    /// the kernel's ENOSPC stops the run, and after the filler is deleted `--resume` finishes it. The tmpfs is unmounted
    /// whatever happens.
    /// </summary>
    [TmpfsFact]
    public void ARealFullTmpfsStopsTheRunResumablyAndResumeGivesTheSameResults()
    {
        using var dir = new TempDir();
        var expected = Uninterrupted(dir);
        using var disk = Tmpfs.Mount(dir["disk"], "4m");
        var filler = Path.Combine(disk.Path, "filler");
        int saved = 0;
        var stopped = CliRun.Run([.. Work, "--out", Path.Combine(disk.Path, "run")], default, _ =>
        {
            if (++saved == 1) Tmpfs.Fill(filler);
        });

        Assert.True(stopped.Code == VerifyRunner.WriteFailed, stopped.Err + stopped.Out);
        Assert.Matches("^verify: error: cannot write '[^']+': no space left on device; the finished items are kept in '[^']+': " +
                       "free space, then continue with: verify --resume [^\n]+\n$", stopped.Err);
        AssertOnlyWholeRecords(Path.Combine(disk.Path, "run.partial"));

        File.Delete(filler);
        var resumed = CliRun.Run("verify", "--resume", Path.Combine(disk.Path, "run"));
        Assert.True(resumed.Code == 0, resumed.Err + resumed.Out);
        Assert.Contains("(reused)", resumed.Out);
        Assert.Equal(expected, File.ReadAllText(Path.Combine(disk.Path, "run", "results.json")));
    }

    private static void AssertOnlyWholeRecords(string staging)
    {
        Assert.False(File.Exists(Path.Combine(staging, "results.json")));
        Assert.Empty(Directory.GetFiles(staging, ".*.tmp", SearchOption.AllDirectories));
        var run = RunDirectory.ForReading(staging);
        foreach (var record in Directory.GetFiles(Path.Combine(staging, RunDirectory.ClaimsFolderName), "*.json"))
            Assert.NotNull(run.TryLoad(Path.GetFileNameWithoutExtension(record)));
    }
}

/// <summary>A fact that mounts a tmpfs: skipped, with the reason, where this process cannot (not Linux, not root, no mount).</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.Unavailable.Value is { } why) Skip = why;
    }
}

/// <summary>A tmpfs mounted for one test (<c>mount -t tmpfs -o size=…</c>), unmounted on dispose.</summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    /// <summary>Why no tmpfs can be mounted here, or null: tried once per process with a 64 KiB mount.</summary>
    public static readonly Lazy<string?> Unavailable = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return "a tmpfs needs Linux";
        if (GetEuid() != 0) return "mounting a tmpfs needs root; the injected-fault tests cover the same paths";
        var probe = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "verification-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (Mount(probe, "64k"))
            {
            }
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"cannot mount a tmpfs here ({e.Message}); the injected-fault tests cover the same paths";
        }
        finally
        {
            if (Directory.Exists(probe)) Directory.Delete(probe);
        }
    });

    public static Tmpfs Mount(string path, string size)
    {
        Directory.CreateDirectory(path);
        Command("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        return new Tmpfs(path);
    }

    /// <summary>Writes zeros to <paramref name="file"/> until the file system is full (page by page: not even a small record fits after).</summary>
    public static void Fill(string file)
    {
        var page = new byte[4096];
        using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true) stream.Write(page);
        }
        catch (IOException e) when (FileWriteException.IsDiskFull(e))
        {
        }
    }

    public void Dispose()
    {
        // Unmount even when the test failed; a busy mount is detached lazily so that the folder can go.
        try
        {
            Command("umount", Path);
        }
        catch (InvalidOperationException)
        {
            Command("umount", "-l", Path);
        }
    }

    private static void Command(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var err = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {err.Trim()}");
    }
}
