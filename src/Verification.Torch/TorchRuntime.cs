using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace Verification.Torch;

/// <summary>Thrown when TorchSharp cannot be made to load; the message says why and what to do.</summary>
public sealed class TorchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Makes TorchSharp-cpu 0.107.0 load on platforms whose libstdc++ is older than the one it was built with.
/// <para>
/// Its <c>libLibTorchSharp.so</c> needs <c>GLIBCXX_3.4.32</c> (GCC 13) for exactly one symbol,
/// <c>_ZSt21ios_base_library_initv</c>, a link-time marker that <c>&lt;iostream&gt;</c> references and nothing calls.
/// On Debian 12 (GLIBCXX up to 3.4.30) the loader therefore refuses the library. <see cref="Prepare"/> flags that
/// version need weak (VER_FLG_WEAK) in the copy of the library in this program's own output folder, before
/// TorchSharp probes for it, so the loader only warns. It runs only when the libstdc++ in use lacks a version the
/// library needs, only for versions whose symbols are all known markers, never touches system files or the NuGet
/// cache (the patched copy replaces the output file by an atomic rename, which also breaks any hard link), and is
/// idempotent. On a platform with a newer libstdc++ nothing changes.
/// </para>
/// </summary>
public static class TorchRuntime
{
    /// <summary>Symbols that are link-time markers only, and so safe to leave unresolved.</summary>
    public static readonly IReadOnlySet<string> MarkerSymbols = new HashSet<string> { "_ZSt21ios_base_library_initv" };

    private const string NativeName = "libLibTorchSharp.so";
    private static readonly object Gate = new();
    private static bool prepared;
    private static bool initialized;
    [ThreadStatic] private static bool threadConfigured;

    /// <summary>What <see cref="Prepare"/> did: "not needed", or the versions it flagged weak.</summary>
    public static string PatchSummary { get; private set; } = "not run";

    /// <summary>Patches the output copy of TorchSharp's native library if (and only if) this platform needs it.</summary>
    public static void Prepare()
    {
        lock (Gate)
        {
            if (prepared) return;
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                PatchSummary = "not needed (not Linux)";
                prepared = true;
                return;
            }
            var native = FindNative();
            if (native is null)
            {
                PatchSummary = "not needed (TorchSharp native library not in the output folder; TorchSharp will locate it)";
                prepared = true;
                return;
            }
            PatchSummary = PatchIfNeeded(native, SystemLibStdCxxPath());
            prepared = true;
        }
    }

    /// <summary>
    /// Prepares and loads TorchSharp, and sets its intra-op thread count on the calling thread (default 1 for
    /// reproducible reductions, override with <c>VERIFICATION_TORCH_THREADS</c>). The count is an OpenMP setting of
    /// the calling thread, so every thread that does tensor work calls this first (cheap after the first call).
    /// </summary>
    public static void Initialize()
    {
        if (threadConfigured) return;
        lock (Gate)
        {
            if (initialized)
            {
                torch.set_num_threads(ThreadCount());
                threadConfigured = true;
                return;
            }
            Prepare();
            EnsureLiveness();
            try
            {
                torch.set_num_threads(ThreadCount());
            }
            catch (TypeInitializationException e)
            {
                throw new TorchUnavailableException(
                    $"TorchSharp failed to load its native library ({PatchSummary}): {e.InnerException?.Message ?? e.Message}", e);
            }
            KeepFreedMemoryForReuse();
            initialized = true;
            threadConfigured = true;
        }
    }

    /// <summary>
    /// Refuses to run TorchSharp when its assembly is JIT-optimized. TorchSharp 0.107.0 hands the raw native handle of
    /// a Scalar, Tensor or Generator wrapper to P/Invoke without <c>GC.KeepAlive</c>; optimized code reports the wrapper
    /// dead once its handle is read, so a temporary (the implicit <c>Scalar(1)</c> of <c>a + b</c>, the <c>Scalar(eps)</c>
    /// inside <c>Adam.step</c>, a tensor built inline as an argument) can be finalized, and its native object freed on
    /// the finalizer thread, while the native call still reads it. That use-after-free was the root cause of the
    /// intermittent "Unknown scalar type" / "Expected false to be true" errors (issue #12): 32 of 900 stress runs failed
    /// before the fix, 0 after (tools/Verification.Stress). The build (build/TorchSharpLiveness.targets) marks the
    /// output copy of TorchSharp.dll <c>[Debuggable(DisableOptimizations)]</c>, which makes the JIT keep every
    /// argument and local of TorchSharp's wrappers alive until the wrapper returns. Our own rule on top of it: every
    /// training step and evaluation runs inside a <see cref="torch.NewDisposeScope"/>, and every generator, model and
    /// optimizer is owned by a <c>using</c> (or a field of a disposable owner) of the code that created it.
    /// </summary>
    public static void EnsureLiveness()
    {
        var debuggable = typeof(torch).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .OfType<System.Diagnostics.DebuggableAttribute>().FirstOrDefault();
        if (debuggable?.IsJITOptimizerDisabled != true)
            throw new TorchUnavailableException(
                $"{typeof(torch).Assembly.Location} is JIT-optimized: TorchSharp 0.107 can then free a Scalar or Tensor while a " +
                "native call still uses it (intermittent \"Unknown scalar type\" errors). Build through the repository's " +
                "Directory.Build.targets (dotnet build / dotnet run / dotnet test), which disables optimizations in the output copy.");
    }

    /// <summary>
    /// glibc returns every freed block above 128 KiB (and trims the heap top) to the kernel at once, so each step's
    /// multi-MiB temporaries are mapped and unmapped again; under load a third of an AM training step went to the
    /// kernel's page handling (docs/PERFORMANCE.md). Raising the mmap threshold to 32 MiB and the trim threshold to
    /// 256 MiB keeps that memory for reuse. Allocation addresses never influence a number, so results are unchanged;
    /// skipped where glibc is not the allocator, and where the user set MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_.
    /// </summary>
    private static void KeepFreedMemoryForReuse()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        try
        {
            const int M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3;
            if (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null) mallopt(M_MMAP_THRESHOLD, 32 << 20);
            if (Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is null) mallopt(M_TRIM_THRESHOLD, 256 << 20);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc (e.g. musl): nothing to tune
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);

    public static int ThreadCount() =>
        int.TryParse(Environment.GetEnvironmentVariable("VERIFICATION_TORCH_THREADS"), out var n) && n > 0 ? n : 1;

    /// <summary>
    /// The decision and the edit, separated from the file lookup so that it can be tested on copies:
    /// weakens every libstdc++ version that <paramref name="nativePath"/> needs and <paramref name="libStdCxxPath"/>
    /// lacks, if all its symbols are markers; otherwise throws with the missing versions named.
    /// </summary>
    public static string PatchIfNeeded(string nativePath, string? libStdCxxPath)
    {
        if (libStdCxxPath is null || !File.Exists(libStdCxxPath))
            return "not needed (no system libstdc++ found to compare with)";
        var elf = File.ReadAllBytes(nativePath);
        var provided = File.ReadAllBytes(libStdCxxPath);
        var missing = ElfVersionNeeds.Read(elf)
            .Where(v => v.Library.StartsWith("libstdc++", StringComparison.Ordinal) && !v.IsWeak)
            .Where(v => !ContainsCString(provided, v.Version))
            .ToList();
        if (missing.Count == 0) return "not needed (system libstdc++ has every version TorchSharp needs)";

        var unsafeNeeds = missing.Where(v => v.Symbols.Any(s => !MarkerSymbols.Contains(s))).ToList();
        if (unsafeNeeds.Count > 0)
            throw new TorchUnavailableException(
                $"{Path.GetFileName(nativePath)} needs {string.Join(", ", unsafeNeeds.Select(v => v.Version))} of libstdc++, " +
                $"which {libStdCxxPath} lacks, for symbols that are really called; install a newer libstdc++ (GCC 13 or later)");

        var patched = elf;
        foreach (var need in missing)
            patched = ElfVersionNeeds.WeakenVersion(patched, need.Library, need.Version, MarkerSymbols);
        ReplaceAtomically(nativePath, patched);
        return $"flagged weak: {string.Join(", ", missing.Select(v => v.Version))} (marker symbols only)";
    }

    private static void ReplaceAtomically(string path, byte[] contents)
    {
        var temp = $"{path}.patch-{Environment.ProcessId}-{Guid.NewGuid():N}";
        File.WriteAllBytes(temp, contents);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The path of TorchSharp's native shim in this app's folder, or null when TorchSharp will look for it elsewhere.</summary>
    public static string? NativePath() => FindNative();

    private static string? FindNative()
    {
        var dirs = new[]
        {
            Path.GetDirectoryName(typeof(torch).Assembly.Location),
            AppContext.BaseDirectory,
        };
        foreach (var dir in dirs.Where(d => !string.IsNullOrEmpty(d)).Distinct())
        {
            foreach (var candidate in new[]
                     {
                         Path.Combine(dir!, NativeName),
                         Path.Combine(dir!, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", NativeName),
                         Path.Combine(dir!, "runtimes", "linux-x64", "native", NativeName),
                     })
            {
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>The libstdc++ this process actually uses (from /proc/self/maps), else the usual locations.</summary>
    public static string? SystemLibStdCxxPath()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash >= 0 && line.Contains("libstdc++.so", StringComparison.Ordinal))
                    return line[slash..].Trim();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return new[]
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib64/libstdc++.so.6",
        }.FirstOrDefault(File.Exists);
    }

    private static bool ContainsCString(ReadOnlySpan<byte> haystack, string text)
    {
        var needle = Encoding.ASCII.GetBytes(text + "\0");
        for (int from = 0; ;)
        {
            int at = haystack[from..].IndexOf(needle);
            if (at < 0) return false;
            int abs = from + at;
            if (abs == 0 || haystack[abs - 1] == 0) return true;   // a whole string-table entry, not a suffix
            from = abs + 1;
        }
    }
}
