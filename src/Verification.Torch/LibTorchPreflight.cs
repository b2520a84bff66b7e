namespace Verification.Torch;

/// <summary>What <see cref="LibTorchPreflight.Check"/> found: libraries that could not be located and imports no library defines.</summary>
public sealed record PreflightResult(IReadOnlyList<string> MissingLibraries, IReadOnlyList<string> MissingSymbols, int SymbolsChecked)
{
    public bool Passed => MissingLibraries.Count == 0 && MissingSymbols.Count == 0;

    /// <summary>One line for the CLI: what is missing, the first few by name.</summary>
    public string Describe(string libtorchDir)
    {
        if (Passed) return $"all {SymbolsChecked} native symbols TorchSharp's shim and this harness import resolve in {libtorchDir}";
        var parts = new List<string>();
        if (MissingLibraries.Count > 0) parts.Add($"libraries not found: {string.Join(", ", MissingLibraries)}");
        if (MissingSymbols.Count > 0)
            parts.Add($"{MissingSymbols.Count} of {SymbolsChecked} symbols missing: {string.Join(", ", MissingSymbols.Take(5))}" +
                      (MissingSymbols.Count > 5 ? ", …" : ""));
        return $"the libtorch in {libtorchDir} does not fit TorchSharp 0.107's native shim ({string.Join("; ", parts)}); " +
               "build the shim against it with deploy/gpu/build-shim.sh";
    }
}

/// <summary>
/// Before any claim runs on an external libtorch (<see cref="ExternalLibTorch"/>): every symbol that TorchSharp's native
/// shim (<c>libLibTorchSharp.so</c>, built against libtorch 2.10) imports, and every libtorch export this harness calls
/// itself (<see cref="HarnessImports"/>), must be defined by a library the dynamic linker would load for it. The shim
/// is linked lazily, so without this check a missing function surfaces mid-run as "symbol lookup error" and kills the
/// process; with it, a mismatched libtorch is refused in about a second with the missing names.
/// <para>
/// Resolution follows the loader statically: the shim's <c>DT_NEEDED</c> libraries and theirs, transitively, searched
/// in the libtorch folder, the library's own run paths (<c>$ORIGIN</c> expanded) and the system's library folders;
/// symbol versions are not compared (libtorch's C++ symbols carry none). Link-time marker symbols are skipped
/// (<see cref="TorchRuntime.MarkerSymbols"/>).
/// </para>
/// </summary>
public static class LibTorchPreflight
{
    /// <summary>libtorch exports the harness calls by name (<see cref="DeterministicAlgorithms"/>).</summary>
    public static readonly IReadOnlyList<string> HarnessImports =
    [
        "_ZN2at13globalContextEv", "_ZN2at7Context21setDeterministicCuDNNEb", "_ZN2at7Context17setBenchmarkCuDNNEb",
        "_ZN2at7Context26setDeterministicAlgorithmsEbb", "_ZNK2at7Context23deterministicAlgorithmsEv",
    ];

    /// <summary>Where the loader looks after run paths (Debian/Ubuntu multiarch, then the classic folders).</summary>
    public static readonly IReadOnlyList<string> SystemFolders =
    [
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/lib64", "/usr/lib64", "/lib", "/usr/lib",
    ];

    /// <param name="shim">the path of libLibTorchSharp.so</param>
    /// <param name="libtorchDir">the folder holding libtorch.so, libtorch_cpu.so, libc10.so (and, for CUDA, libtorch_cuda.so)</param>
    /// <param name="extra">more libraries to load and resolve (e.g. libtorch_cuda.so), by file name in the libtorch folder</param>
    public static PreflightResult Check(string shim, string libtorchDir, IEnumerable<string>? extra = null, IReadOnlyList<string>? systemFolders = null)
    {
        systemFolders ??= SystemFolders;
        var shimSymbols = ElfDynamicSymbols.Read(shim);
        var defined = new HashSet<string>(StringComparer.Ordinal);
        var missingLibraries = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Name, string From, IReadOnlyList<string> RunPaths)>();
        foreach (var n in shimSymbols.Needed) queue.Enqueue((n, shim, shimSymbols.RunPaths));
        foreach (var n in extra ?? []) queue.Enqueue((n, shim, []));
        while (queue.Count > 0)
        {
            var (name, from, runPaths) = queue.Dequeue();
            if (!seen.Add(name)) continue;
            var path = Locate(name, libtorchDir, from, runPaths, systemFolders);
            if (path is null)
            {
                missingLibraries.Add(name);
                continue;
            }
            var lib = ElfDynamicSymbols.Read(path);
            defined.UnionWith(lib.Defined);
            foreach (var n in lib.Needed) queue.Enqueue((n, path, lib.RunPaths));
        }
        var required = shimSymbols.Imports.Concat(HarnessImports).Where(s => !TorchRuntime.MarkerSymbols.Contains(s))
            .Distinct(StringComparer.Ordinal).ToList();
        var missing = required.Where(s => !defined.Contains(s)).Order(StringComparer.Ordinal).ToList();
        return new PreflightResult(missingLibraries, missing, required.Count);
    }

    /// <summary>The file the loader would open for <paramref name="name"/> needed by <paramref name="from"/>, or null.</summary>
    private static string? Locate(string name, string libtorchDir, string from, IReadOnlyList<string> runPaths, IReadOnlyList<string> systemFolders)
    {
        if (name.Contains('/')) return File.Exists(name) ? name : null;
        var origin = Path.GetDirectoryName(Path.GetFullPath(from)) ?? ".";
        var folders = new[] { libtorchDir }
            .Concat(runPaths.Select(p => p.Replace("$ORIGIN", origin, StringComparison.Ordinal).Replace("${ORIGIN}", origin, StringComparison.Ordinal)))
            .Concat(systemFolders);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }
}
