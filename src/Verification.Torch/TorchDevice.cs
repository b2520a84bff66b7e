using TorchSharp;
using Verification.Core.Runtime;

namespace Verification.Torch;

/// <summary>
/// <see cref="ComputeDevice"/> as TorchSharp sees it: extension members, so that torch code reads
/// <c>context.Device.ToTorch()</c>, <c>ComputeDevice.Host</c> and <c>device.EnsureAvailable()</c> while the harness
/// (Verification.Core) knows the device by name only.
/// </summary>
public static class TorchDevice
{
    extension(ComputeDevice device)
    {
        /// <summary>
        /// Checks the device can be used; CUDA needs TorchSharp's CUDA backend (<c>dotnet build -p:TorchBackend=cuda</c>)
        /// and a visible GPU. For CUDA it also makes the run reproducible (<see cref="DeterministicAlgorithms.ForCuda"/>).
        /// </summary>
        public ComputeDevice EnsureAvailable()
        {
            if (device == ComputeDevice.Cpu) return device;
            DeterministicAlgorithms.SetCublasWorkspace();   // before any CUDA call
            TorchRuntime.Initialize();
            if (!torch.cuda.is_available())
                throw new DeviceUnavailableException(
                    $"--device cuda: TorchSharp's CUDA backend is not available ({(ComputeDevice.TorchBackend == "cuda" ? "this build references TorchSharp-cuda-linux, but no CUDA GPU is visible" : "this build references TorchSharp-cpu only; build with -p:TorchBackend=cuda")}); use --device cpu");
            DeterministicAlgorithms.ForCuda();
            return device;
        }

        public torch.Device ToTorch() => device == ComputeDevice.Cuda ? torch.CUDA : torch.CPU;

        /// <summary>The TorchSharp package this build references: <c>cpu</c> (default) or <c>cuda</c> (<c>-p:TorchBackend=cuda</c>).</summary>
        public static string TorchBackend =>
            typeof(TorchDevice).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "TorchBackend")?.Value ?? "cpu";

        /// <summary>The host: where numbers are read back, host-side linear algebra runs and random draws are made (<see cref="HostRandom"/>).</summary>
        public static torch.Device Host => torch.CPU;

        /// <summary>
        /// What to add to the key of a cached trained model so that parameters trained on one device are never loaded by a
        /// run on another (results are byte-identical per device only): empty on the CPU, so existing CPU entries stay valid.
        /// </summary>
        public static string CacheKeySuffix(torch.Device? torchDevice) =>
            torchDevice is null || torchDevice.type == DeviceType.CPU ? "" : $",device={torchDevice.type.ToString().ToLowerInvariant()}";
    }
}
