using Verification.Core.Runtime;
using Verification.Tests.Support;

namespace Verification.Tests.Runtime;

/// <summary>The ELF edit that makes TorchSharp load on Debian 12, tested on a copy of the real library.</summary>
public class ElfVersionNeedsTests
{
    private const string Marker = "_ZSt21ios_base_library_initv";

    /// <summary>The pristine library from the NuGet cache (the output copy may already be patched).</summary>
    private static string PristineNative()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp 0.107.0 native library not found at {path}");
        return path;
    }

    [Fact]
    public void TheLibraryNeedsGlibcxx3432OnlyForTheIostreamMarker()
    {
        var needs = ElfVersionNeeds.Read(File.ReadAllBytes(PristineNative()));
        var v = Assert.Single(needs, n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", v.Library);
        Assert.False(v.IsWeak);
        Assert.Equal([Marker], v.Symbols);
        Assert.Contains(needs, n => n.Version == "GLIBC_2.2.5");   // the table is read whole, not just one entry
    }

    [Fact]
    public void WeakeningChangesExactlyTheFlagsOfThatVersion()
    {
        var original = File.ReadAllBytes(PristineNative());
        var patched = ElfVersionNeeds.WeakenVersion(original, "libstdc++.so.6", "GLIBCXX_3.4.32", TorchRuntime.MarkerSymbols);

        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        var need = ElfVersionNeeds.Read(original).Single(n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal([(int)need.FlagsOffset], changed);
        Assert.True(ElfVersionNeeds.Read(patched).Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);
        Assert.All(ElfVersionNeeds.Read(patched).Where(n => n.Version != "GLIBCXX_3.4.32"), n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void RefusesToWeakenAVersionWhoseSymbolsAreReallyUsed()
    {
        var original = File.ReadAllBytes(PristineNative());
        var e = Assert.Throws<InvalidOperationException>(() =>
            ElfVersionNeeds.WeakenVersion(original, "libstdc++.so.6", "GLIBCXX_3.4.30", TorchRuntime.MarkerSymbols));
        Assert.Contains("refusing", e.Message);
    }

    [Fact]
    public void PatchIfNeededPatchesAgainstAnOldLibstdcxxAndIsIdempotent()
    {
        using var dir = new TempDir();
        var copy = dir["libLibTorchSharp.so"];
        File.Copy(PristineNative(), copy);
        // A stand-in "libstdc++" that provides every needed version but 3.4.32, like Debian 12's.
        var oldStd = dir["libstdc++.so.6"];
        WriteStandIn(oldStd, copy, except: "GLIBCXX_3.4.32");

        var first = TorchRuntime.PatchIfNeeded(copy, oldStd);
        Assert.Contains("GLIBCXX_3.4.32", first);
        Assert.True(ElfVersionNeeds.Read(File.ReadAllBytes(copy)).Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);
        Assert.StartsWith("not needed", TorchRuntime.PatchIfNeeded(copy, oldStd));
    }

    [Fact]
    public void NothingChangesWhereLibstdcxxIsNewEnough()
    {
        using var dir = new TempDir();
        var copy = dir["libLibTorchSharp.so"];
        File.Copy(PristineNative(), copy);
        var newStd = dir["libstdc++.so.6"];
        WriteStandIn(newStd, copy, except: null);
        var before = File.GetLastWriteTimeUtc(copy);

        Assert.StartsWith("not needed", TorchRuntime.PatchIfNeeded(copy, newStd));
        Assert.Equal(File.ReadAllBytes(PristineNative()), File.ReadAllBytes(copy));
        Assert.Equal(before, File.GetLastWriteTimeUtc(copy));
    }

    [Fact]
    public void ASuffixOfAVersionNameDoesNotCountAsProvidingIt()
    {
        using var dir = new TempDir();
        var copy = dir["libLibTorchSharp.so"];
        File.Copy(PristineNative(), copy);
        var std = dir["libstdc++.so.6"];
        // "XGLIBCXX_3.4.32" contains the name only as a suffix of another string: not provided.
        WriteStandIn(std, copy, except: "GLIBCXX_3.4.32", extra: "XGLIBCXX_3.4.32");
        Assert.Contains("GLIBCXX_3.4.32", TorchRuntime.PatchIfNeeded(copy, std));
    }

    [Fact]
    public void AnOlderLibstdcxxMissingRealSymbolsIsRefusedWithTheVersionsNamed()
    {
        using var dir = new TempDir();
        var copy = dir["libLibTorchSharp.so"];
        File.Copy(PristineNative(), copy);
        var std = dir["libstdc++.so.6"];
        WriteStandIn(std, copy, except: "GLIBCXX_3.4.30");
        var e = Assert.Throws<TorchUnavailableException>(() => TorchRuntime.PatchIfNeeded(copy, std));
        Assert.Contains("GLIBCXX_3.4.30", e.Message);
        Assert.Equal(File.ReadAllBytes(PristineNative()), File.ReadAllBytes(copy));
    }

    /// <summary>A stand-in libstdc++: a string table holding every version the library needs, minus one.</summary>
    private static void WriteStandIn(string path, string native, string? except, string extra = "")
    {
        var versions = ElfVersionNeeds.Read(File.ReadAllBytes(native)).Select(n => n.Version).Where(v => v != except);
        File.WriteAllBytes(path, System.Text.Encoding.ASCII.GetBytes("\0" + string.Join("\0", versions.Append(extra)) + "\0"));
    }

    [Fact]
    public void NonElfInputIsRejectedClearly()
    {
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(new byte[100]));
        Assert.Contains("not an ELF file", e.Message);
    }
}
