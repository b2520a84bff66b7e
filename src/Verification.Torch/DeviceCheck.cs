using TorchSharp;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.Torch;

/// <summary>What <see cref="DeviceCheck.Run"/> found on a device.</summary>
/// <param name="MatmulMaxRelativeError">max |C_device − C_cpu| / max |C_cpu| over a (256×512)·(512×384) float32 product</param>
/// <param name="RepeatIdentical">the same product computed twice on the device, bit for bit equal</param>
public sealed record DeviceCheckResult(string Device, string? Gpu, LibTorchInfo Libtorch, bool DeterministicAlgorithms,
    double MatmulMaxRelativeError, bool RepeatIdentical)
{
    /// <summary>float32 with TF32 off: different summation orders over 512 terms stay within a few ulps of the largest entry.</summary>
    public const double MatmulTolerance = 1e-5;

    public bool Passed => MatmulMaxRelativeError <= MatmulTolerance && RepeatIdentical && (Device == "cpu" || DeterministicAlgorithms);
}

/// <summary>
/// The first thing to run on a new machine (<c>verify device --device cuda</c>): a tensor on the device, a matrix product
/// compared with the CPU's within <see cref="DeviceCheckResult.MatmulTolerance"/> (relative to its largest entry), the
/// same product twice for bit-identity, and libtorch's deterministic-algorithms switch read back. Inputs are drawn on
/// the host from a seeded generator (<see cref="HostRandom"/>), so every machine multiplies the same matrices.
/// </summary>
public static class DeviceCheck
{
    public static DeviceCheckResult Run(ComputeDevice device)
    {
        device.EnsureAvailable();
        using var scope = NewDisposeScope();
        using var generator = new Generator(0x5eed_cafe);
        var a = HostRandom.Normal(0, 1, [256, 512], ScalarType.Float32, generator, CPU);   // (256, 512) on the host
        var b = HostRandom.Normal(0, 1, [512, 384], ScalarType.Float32, generator, CPU);   // (512, 384)
        var cpu = matmul(a, b);                                             // (256, 384)
        var target = device.ToTorch();
        var onDevice = matmul(a.to(target), b.to(target));
        var again = matmul(a.to(target), b.to(target));
        var back = onDevice.to(CPU);
        double scale = cpu.abs().max().item<float>();
        double error = (back - cpu).abs().max().item<float>() / scale;
        bool identical = back.eq(again.to(CPU)).all().item<bool>();
        return new DeviceCheckResult(device.Name, device == ComputeDevice.Cuda ? GpuInfo.Name() : null, ExternalLibTorch.Current,
            global::Verification.Torch.DeterministicAlgorithms.Enabled, error, identical);
    }
}

/// <summary>The GPU's name, from the NVIDIA driver's <c>/proc</c> files (no tool or library is run to ask).</summary>
public static class GpuInfo
{
    public static string? Name()
    {
        const string root = "/proc/driver/nvidia/gpus";
        try
        {
            if (!Directory.Exists(root)) return null;
            var names = Directory.GetDirectories(root).Order(StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "information")).Where(File.Exists)
                .SelectMany(File.ReadLines).Where(l => l.StartsWith("Model:", StringComparison.Ordinal))
                .Select(l => l["Model:".Length..].Trim()).ToList();
            return names.Count == 0 ? null : string.Join(", ", names.GroupBy(n => n).Select(g => g.Count() > 1 ? $"{g.Count()}× {g.Key}" : g.Key));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
