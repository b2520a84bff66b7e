using TorchSharp;

namespace Verification.Core.Runtime;

/// <summary>Thrown when the requested device is not available; the message says what to use instead.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message);

/// <summary>Where tensor work runs: <c>cpu</c> (the tested path) or <c>cuda</c> (when TorchSharp has CUDA).</summary>
public sealed record ComputeDevice(string Name)
{
    public static readonly ComputeDevice Cpu = new("cpu");
    public static readonly ComputeDevice Cuda = new("cuda");

    /// <summary>Parses <c>cpu</c> or <c>cuda</c>; anything else is an <see cref="ArgumentException"/>.</summary>
    public static ComputeDevice Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "cpu" => Cpu,
        "cuda" => Cuda,
        _ => throw new ArgumentException($"unknown device '{text}'; valid devices: cpu, cuda", nameof(text)),
    };

    /// <summary>Checks the device can be used; CUDA needs TorchSharp's CUDA backend, absent with TorchSharp-cpu.</summary>
    public ComputeDevice EnsureAvailable()
    {
        if (this == Cpu) return this;
        TorchRuntime.Initialize();
        if (!torch.cuda.is_available())
            throw new DeviceUnavailableException(
                "--device cuda: TorchSharp's CUDA backend is not available (this build references TorchSharp-cpu only, " +
                "or no CUDA GPU is visible); use --device cpu");
        return this;
    }

    public torch.Device ToTorch() => this == Cuda ? torch.CUDA : torch.CPU;

    public override string ToString() => Name;
}
