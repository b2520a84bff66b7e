namespace Verification.Core.Runtime;

/// <summary>Thrown when the requested device is not available; the message says what to use instead.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message);

/// <summary>
/// Where tensor work runs: <c>cpu</c> (the tested path) or <c>cuda</c> (when TorchSharp has CUDA). A name only: the
/// harness records it and hands it to the checks; Verification.Torch's <c>TorchDevice</c> turns it into a
/// <c>torch.Device</c> and checks that it is available.
/// </summary>
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

    public override string ToString() => Name;
}
