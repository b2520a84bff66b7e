using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Verification.Core.Data;
using Verification.LotteryTickets.Data;
using Verification.Tests.Support;

namespace Verification.Tests.Data;

public class NpmPackageTests
{
    /// <summary>A package tarball laid out as npm packs it (<c>package/…</c>), and its sha512 integrity.</summary>
    private static (byte[] Tgz, string Integrity) Tarball(string content)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["package"]);
        File.WriteAllText(dir["package/data.json"], content);
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
            TarFile.CreateFromDirectory(dir["package"], gz, includeBaseDirectory: true);
        var bytes = ms.ToArray();
        return (bytes, "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes)));
    }

    [Fact]
    public void ACachedTarballWithTheRightIntegrityIsUsedWithoutNpm()
    {
        using var dir = new TempDir();
        var cache = new DatasetCache(dir["cache"]);
        var (tgz, integrity) = Tarball("{\"x\": 1}");
        File.WriteAllBytes(cache.PathFor("npm", "fake-1.0.0", "fake-1.0.0.tgz"), tgz);

        var tarball = NpmPackage.FetchTarball(cache, "fake", "1.0.0", integrity);

        Assert.Equal(tgz, File.ReadAllBytes(tarball));
        Assert.Equal(tarball, NpmPackage.FetchTarball(cache, "fake", "1.0.0", integrity));   // second call: the same file
    }

    [Fact]
    public void IntegrityIsCheckedOnTheBytes()
    {
        using var dir = new TempDir();
        var (tgz, integrity) = Tarball("a");
        File.WriteAllBytes(dir["t.tgz"], tgz);
        Assert.True(NpmPackage.MatchesIntegrity(dir["t.tgz"], integrity));
        tgz[^1] ^= 1;
        File.WriteAllBytes(dir["t.tgz"], tgz);
        Assert.False(NpmPackage.MatchesIntegrity(dir["t.tgz"], integrity));
        Assert.Throws<ArgumentException>(() => NpmPackage.MatchesIntegrity(dir["t.tgz"], "md5-abc"));
    }
}
