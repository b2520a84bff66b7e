using System.CommandLine;
using Verification.Core.Reporting;
using Verification.Core.Runtime;

namespace Verification.Cli;

/// <summary>
/// <c>--libtorch DIR</c> (or <c>VERIFICATION_LIBTORCH</c>): run on an external libtorch, typically a CUDA PyTorch's
/// <c>site-packages/torch/lib</c> (<see cref="ExternalLibTorch"/>). Applied before anything touches TorchSharp; a folder
/// that cannot work is refused with one line (exit 2) before any claim runs.
/// </summary>
public static class LibTorchChoice
{
    public static Option<string?> Option() => new("--libtorch")
    {
        HelpName = "DIR",
        Description = $"Run on the libtorch in DIR (e.g. a CUDA PyTorch's site-packages/torch/lib) instead of the bundled one (no CUDA); " +
                      $"default ${ExternalLibTorch.Variable}. The app folder must hold no libtorch files (deploy/gpu/bundle.sh builds one).",
    };

    public static void Apply(string? dir, Func<string, string?> environment)
    {
        dir = string.IsNullOrWhiteSpace(dir) ? environment(ExternalLibTorch.Variable) : dir;
        if (string.IsNullOrWhiteSpace(dir)) return;
        try
        {
            ExternalLibTorch.Use(dir);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>For provenance: the external libtorch, if any, and the GPU of a CUDA run.</summary>
    public static NativeStack? Native(ComputeDevice device)
    {
        var libtorch = ExternalLibTorch.Current;
        var gpu = device == ComputeDevice.Cuda ? GpuInfo.Name() : null;
        return libtorch.Path is null && gpu is null ? null : new NativeStack(libtorch.Path, libtorch.Version, libtorch.Cuda, gpu);
    }
}
