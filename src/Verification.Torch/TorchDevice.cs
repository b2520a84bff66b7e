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
        /// Checks the device can be used; CUDA needs a CUDA libtorch (the bundled one is CPU-only: <c>verify --libtorch DIR</c>
        /// names one, see <see cref="ExternalLibTorch"/>) and a visible GPU. For CUDA it also makes the run reproducible (<see cref="DeterministicAlgorithms.ForCuda"/>).
        /// </summary>
        public ComputeDevice EnsureAvailable()
        {
            if (device == ComputeDevice.Cpu) return device;
            DeterministicAlgorithms.SetCublasWorkspace();   // before any CUDA call
            TorchRuntime.Initialize();
            if (!torch.cuda.is_available())
                throw new DeviceUnavailableException(
                    $"--device cuda: libtorch sees no CUDA GPU ({(ExternalLibTorch.Current.Path is { } dir ? $"libtorch {dir}" : "the bundled libtorch is CPU-only: name a CUDA libtorch with --libtorch DIR or " + ExternalLibTorch.Variable)}); use --device cpu");
            DeterministicAlgorithms.ForCuda();
            return device;
        }

        public torch.Device ToTorch() => device == ComputeDevice.Cuda ? torch.CUDA : torch.CPU;


        /// <summary>The host: where numbers are read back, host-side linear algebra runs and random draws are made (<see cref="HostRandom"/>).</summary>
        public static torch.Device Host => torch.CPU;

        /// <summary>
        /// What to add to the key of a cached trained model so that parameters trained on one device are never loaded by a
        /// run on another (results are byte-identical per device only): empty on the CPU, so existing CPU entries stay valid.
        /// </summary>
        /// <summary>Whether <paramref name="torchDevice"/> is the host CPU (null: the default device, the CPU).</summary>
        public static bool IsHost(torch.Device? torchDevice) => torchDevice is null || torchDevice.type == DeviceType.CPU;

        public static string CacheKeySuffix(torch.Device? torchDevice) =>
            torchDevice is null || torchDevice.type == DeviceType.CPU ? "" : $",device={torchDevice.type.ToString().ToLowerInvariant()}";
    }
}
