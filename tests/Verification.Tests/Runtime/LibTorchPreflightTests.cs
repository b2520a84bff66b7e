using System.Text;
using Verification.Core.Runtime;
using Verification.Torch;
using Verification.Tests.Support;

namespace Verification.Tests.Runtime;

/// <summary>
/// The external-libtorch preflight on real files: TorchSharp's shim against the libtorch 2.10 it was built for (every
/// import resolves), and against a copy of that libtorch in which one export the shim needs has been renamed in
/// libc10.so's string table — the sabotage the check must catch, naming the symbol.
/// </summary>
public sealed class LibTorchPreflightTests
{
    private static string App => AppContext.BaseDirectory;
    private static string Shim => Path.Combine(App, "libLibTorchSharp.so");

    [Fact]
    public void TheShimReadsAsTheLoaderSeesIt()
    {
        var shim = ElfDynamicSymbols.Read(Shim);
        Assert.Equal(["libtorch.so", "libc10.so", "libtorch_cpu.so"], shim.Needed.Take(3));
        Assert.Contains("$ORIGIN/", shim.RunPaths);
        Assert.InRange(shim.Imports.Count, 1000, 2000);   // ≈ 1,200 libtorch symbols plus libc/libstdc++
        Assert.Contains("_ZN3c1019UndefinedTensorImpl10_singletonE", shim.Imports);
        Assert.Contains("THSTensor_add", shim.Defined);
    }

    [Fact]
    public void EveryImportResolvesInTheLibTorchTheShimWasBuiltFor()
    {
        var result = LibTorchPreflight.Check(Shim, App);
        Assert.True(result.Passed, result.Describe(App));
        Assert.True(result.SymbolsChecked > 1000);
    }

    [Fact]
    public void ALibTorchLackingOneSymbolIsRefusedWithItsName()
    {
        using var dir = new TempDir();
        var (folder, renamed) = LibTorchWithOneSymbolRenamed(dir);
        var result = LibTorchPreflight.Check(Shim, folder);
        Assert.False(result.Passed);
        Assert.Equal([renamed], result.MissingSymbols);
        Assert.Contains(renamed, result.Describe(folder));
        Assert.Contains("deploy/gpu/build-shim.sh", result.Describe(folder));
    }

    [Fact]
    public void AMissingLibraryIsNamed()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["lib"]);
        Directory.CreateDirectory(dir["app"]);
        foreach (var f in new[] { "libtorch.so", "libtorch_cpu.so" }) File.CreateSymbolicLink(Path.Combine(dir["lib"], f), Path.Combine(App, f));
        File.Copy(Shim, dir["app/libLibTorchSharp.so"]);   // alone: its $ORIGIN holds no libc10.so either
        var result = LibTorchPreflight.Check(dir["app/libLibTorchSharp.so"], dir["lib"], systemFolders: ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"]);
        Assert.Contains("libc10.so", result.MissingLibraries);
        Assert.False(result.Passed);
    }

    [Fact]
    public void UseRefusesWhatCannotWorkWithOneLine()
    {
        using var dir = new TempDir();
        var notAFolder = Assert.Throws<ArgumentException>(() => ExternalLibTorch.Use(dir["nope"], Shim, dir.Path));
        Assert.Contains("is not a folder", notAFolder.Message);
        Directory.CreateDirectory(dir["empty"]);
        Assert.Contains("lacks libc10.so, libtorch_cpu.so, libtorch.so", Assert.Throws<ArgumentException>(() => ExternalLibTorch.Use(dir["empty"], Shim, dir.Path)).Message);
        // the test's own folder holds the bundled libtorch: an external one would be mixed with it
        var mixed = Assert.Throws<ArgumentException>(() => ExternalLibTorch.Use(App, Shim, App));
        Assert.Contains("still holds", mixed.Message);
        var (folder, renamed) = LibTorchWithOneSymbolRenamed(dir);
        Directory.CreateDirectory(dir["app"]);
        var refused = Assert.Throws<ArgumentException>(() => ExternalLibTorch.Use(folder, Shim, dir["app"]));
        Assert.Contains(renamed, refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Null(ExternalLibTorch.Current.Path);   // nothing was loaded
    }

    [Fact]
    public void VersionAndCudaAreReadFromWhatPipShips()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["torch/lib"]);
        File.WriteAllText(dir["torch/version.py"], "from typing import Optional\n__version__ = '2.11.0+cu130'\ngit_version = 'abc'\ncuda: Optional[str] = '13.0'\n");
        var info = ExternalLibTorch.Describe(dir["torch/lib"]);
        Assert.Equal(("2.11.0+cu130", "13.0"), (info.Version, info.Cuda));
        File.WriteAllText(dir["torch/version.py"], "__version__ = '2.10.0+cu128'\n");
        Assert.Equal("12.8", ExternalLibTorch.Describe(dir["torch/lib"]).Cuda);
    }

    /// <summary>
    /// A libtorch folder (links to the real libraries) whose libc10.so is a copy with one export the shim imports
    /// renamed in place (same length, last letter changed), as a libtorch of another version would lack it.
    /// </summary>
    private static (string Folder, string Renamed) LibTorchWithOneSymbolRenamed(TempDir dir)
    {
        var folder = dir["libtorch"];
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.GetFiles(App).Select(Path.GetFileName).Where(f => f!.StartsWith("libtorch", StringComparison.Ordinal) || f.StartsWith("libgomp", StringComparison.Ordinal)))
            File.CreateSymbolicLink(Path.Combine(folder, f!), Path.Combine(App, f!));
        var c10 = ElfDynamicSymbols.Read(Path.Combine(App, "libc10.so"));
        var cpu = ElfDynamicSymbols.Read(Path.Combine(App, "libtorch_cpu.so"));
        var renamed = ElfDynamicSymbols.Read(Shim).Imports.Where(s => c10.Defined.Contains(s) && !cpu.Defined.Contains(s)).Order(StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(Path.Combine(App, "libc10.so"));
        var needle = Encoding.ASCII.GetBytes("\0" + renamed + "\0");
        int at = bytes.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, $"{renamed} not found in libc10.so's string table");
        bytes[at + renamed.Length] ^= 0x20;   // flip the case of its last letter
        File.WriteAllBytes(Path.Combine(folder, "libc10.so"), bytes);
        return (folder, renamed);
    }
}
