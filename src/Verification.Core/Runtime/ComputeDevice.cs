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

    /// <summary>
    /// Checks the device can be used; CUDA needs TorchSharp's CUDA backend (<c>dotnet build -p:TorchBackend=cuda</c>)
    /// and a visible GPU. For CUDA it also makes the run reproducible (<see cref="DeterministicAlgorithms.ForCuda"/>).
    /// </summary>
    public ComputeDevice EnsureAvailable()
    {
        if (this == Cpu) return this;
        DeterministicAlgorithms.SetCublasWorkspace();   // before any CUDA call
        TorchRuntime.Initialize();
        if (!torch.cuda.is_available())
            throw new DeviceUnavailableException(
                $"--device cuda: TorchSharp's CUDA backend is not available ({(TorchBackend == "cuda" ? "this build references TorchSharp-cuda-linux, but no CUDA GPU is visible" : "this build references TorchSharp-cpu only; build with -p:TorchBackend=cuda")}); use --device cpu");
        DeterministicAlgorithms.ForCuda();
        return this;
    }

    /// <summary>The TorchSharp package this build references: <c>cpu</c> (default) or <c>cuda</c> (<c>-p:TorchBackend=cuda</c>).</summary>
    public static string TorchBackend =>
        typeof(ComputeDevice).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "TorchBackend")?.Value ?? "cpu";

    public torch.Device ToTorch() => this == Cuda ? torch.CUDA : torch.CPU;

    /// <summary>The host: where numbers are read back, host-side linear algebra runs and random draws are made (<see cref="HostRandom"/>).</summary>
    public static torch.Device Host => torch.CPU;

    /// <summary>
    /// What to add to the key of a cached trained model so that parameters trained on one device are never loaded by a
    /// run on another (results are byte-identical per device only): empty on the CPU, so existing CPU entries stay valid.
    /// </summary>
    public static string CacheKeySuffix(torch.Device? device) =>
        device is null || device.type == DeviceType.CPU ? "" : $",device={device.type.ToString().ToLowerInvariant()}";

    public override string ToString() => Name;
}
