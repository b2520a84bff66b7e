using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Verification.Torch;

/// <summary>What is known of the libtorch a run uses, for provenance.</summary>
/// <param name="Path">the folder it was loaded from (null: the libtorch next to the app, from the TorchSharp-cpu package)</param>
/// <param name="Version">e.g. "2.11.0+cu130" (a pip torch's version.py, or a libtorch distribution's build-version)</param>
/// <param name="Cuda">the CUDA version it was built with, e.g. "13.0"; null for a CPU build or when unknown</param>
public sealed record LibTorchInfo(string? Path, string? Version, string? Cuda);

/// <summary>
/// Runs TorchSharp on a libtorch that is not in the app folder — typically the one of a CUDA PyTorch already installed on
/// a GPU node (<c>site-packages/torch/lib</c>). TorchSharp 0.107 loads <c>torch_cuda</c>/<c>torch_cpu</c> and
/// <c>LibTorchSharp</c> by name: the app folder first, then <c>dlopen</c>'s search. <see cref="Use"/> refuses an app
/// folder that still holds libtorch files (they would be probed first and mixed with the other version), runs
/// <see cref="LibTorchPreflight"/>, and then loads the folder's libraries by full path before TorchSharp does, so that its
/// by-name loads find them already loaded (the loader matches an already loaded library by its SONAME). The folder is
/// named once: <c>verify --libtorch DIR</c> or the environment variable <see cref="Variable"/>.
/// </summary>
public static partial class ExternalLibTorch
{
    public const string Variable = "VERIFICATION_LIBTORCH";

    /// <summary>Load order: dependencies first (each by full path; libtorch_cuda and libc10_cuda only when present).</summary>
    private static readonly string[] LoadOrder = ["libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so"];

    private static readonly object Gate = new();

    /// <summary>The libtorch in use once <see cref="Use"/> ran; the bundled one otherwise.</summary>
    public static LibTorchInfo Current { get; private set; } = new(null, null, null);

    /// <summary>Files in <paramref name="appDir"/> that would be loaded instead of (or mixed with) an external libtorch.</summary>
    public static IReadOnlyList<string> ConflictingFiles(string appDir) =>
        Directory.Exists(appDir)
            ? Directory.EnumerateFiles(appDir).Select(System.IO.Path.GetFileName).OfType<string>()
                .Where(f => f.StartsWith("libtorch", StringComparison.Ordinal) || f.StartsWith("libc10", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Checks and loads the libtorch in <paramref name="dir"/>; every refusal is an <see cref="ArgumentException"/>
    /// with one line saying what is wrong. Call before anything touches TorchSharp.
    /// </summary>
    /// <param name="shim">libLibTorchSharp.so of this app (null: looked up next to the app)</param>
    public static LibTorchInfo Use(string dir, string? shim = null, string? appDir = null)
    {
        lock (Gate)
        {
            var full = System.IO.Path.GetFullPath(dir);
            if (Current.Path == full) return Current;
            if (Current.Path is not null) throw new ArgumentException($"libtorch: already using {Current.Path}; one process runs one libtorch");
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) throw new ArgumentException("libtorch: an external libtorch is supported on Linux only");
            if (!Directory.Exists(full)) throw new ArgumentException($"libtorch: '{dir}' is not a folder");
            var core = new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" }.Where(f => !File.Exists(System.IO.Path.Combine(full, f))).ToList();
            if (core.Count > 0) throw new ArgumentException($"libtorch: '{dir}' lacks {string.Join(", ", core)} (give the folder that holds libtorch_cpu.so, e.g. site-packages/torch/lib)");
            appDir ??= AppContext.BaseDirectory;
            var conflicting = ConflictingFiles(appDir);
            if (conflicting.Count > 0)
                throw new ArgumentException($"libtorch: the app folder {appDir} still holds {string.Join(", ", conflicting.Take(4))}{(conflicting.Count > 4 ? ", …" : "")}; " +
                                            "TorchSharp would load those first: remove them (deploy/gpu/bundle.sh builds an app without them)");
            shim ??= TorchRuntime.NativePath() ?? throw new ArgumentException($"libtorch: TorchSharp's native shim libLibTorchSharp.so is not in {appDir}");
            var cuda = File.Exists(System.IO.Path.Combine(full, "libtorch_cuda.so"));
            var preflight = LibTorchPreflight.Check(shim, full, cuda ? ["libtorch_cuda.so"] : null);
            if (!preflight.Passed) throw new ArgumentException($"libtorch: {preflight.Describe(dir)}");
            foreach (var name in LoadOrder)
            {
                var path = System.IO.Path.Combine(full, name);
                if (File.Exists(path) && !NativeLibrary.TryLoad(path, out _))
                    throw new ArgumentException($"libtorch: {path} passed the symbol check but could not be loaded (dlopen failed; run with LD_DEBUG=libs to see why)");
            }
            Current = Describe(full);
            return Current;
        }
    }

    /// <summary>Version and CUDA version of the libtorch in <paramref name="dir"/>, from what pip and the libtorch zips ship beside it.</summary>
    public static LibTorchInfo Describe(string dir)
    {
        string? version = null, cuda = null;
        var versionPy = System.IO.Path.Combine(dir, "..", "version.py");            // pip: site-packages/torch/version.py
        if (File.Exists(versionPy))
        {
            var text = File.ReadAllText(versionPy);
            version = VersionLine().Match(text) is { Success: true } v ? v.Groups[1].Value : null;
            cuda = CudaLine().Match(text) is { Success: true } c ? c.Groups[1].Value : null;
        }
        var buildVersion = System.IO.Path.Combine(dir, "..", "build-version");      // libtorch zip: libtorch/build-version
        if (version is null && File.Exists(buildVersion)) version = File.ReadAllText(buildVersion).Trim();
        if (cuda is null && version is not null && CudaTag().Match(version) is { Success: true } tag)
            cuda = $"{tag.Groups[1].Value[..^1]}.{tag.Groups[1].Value[^1..]}";     // "+cu130" → 13.0
        return new LibTorchInfo(dir, version, cuda);
    }

    [GeneratedRegex(@"^__version__\s*=\s*'([^']+)'", RegexOptions.Multiline)]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"^cuda\s*(?::\s*[^=]+)?=\s*'([^']+)'", RegexOptions.Multiline)]
    private static partial Regex CudaLine();

    [GeneratedRegex(@"\+cu(\d{2,3})$")]
    private static partial Regex CudaTag();
}
