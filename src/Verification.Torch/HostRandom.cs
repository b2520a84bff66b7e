using TorchSharp;
using static TorchSharp.torch;
using Verification.Core.Runtime;

namespace Verification.Torch;

/// <summary>
/// Every random tensor of the harness: drawn on the host from a seeded CPU <see cref="Generator"/>, then moved to the
/// device of the run. A CUDA run therefore starts from the same weights, masks and batch order as the CPU run with the
/// same seed, and differs from it only by floating-point arithmetic (see README "GPU", tolerance policy); CUDA's own
/// generators (Philox) would draw different numbers. The cost is one host-to-device copy per draw: initialisation and
/// one permutation per epoch. This is the one place besides <see cref="TorchDevice"/> that names the CPU.
/// <para>
/// <c>device</c> null means torch's default device (the CPU unless changed): tests set the default to <c>meta</c> and
/// pass the CPU explicitly, so that any tensor created without the run's device shows up as a device mismatch.
/// </para>
/// </summary>
public static class HostRandom
{
    /// <summary>Where draws are made: CPU generators only work with CPU tensors.</summary>
    public static Device Host => ComputeDevice.Host;

    /// <summary>x ~ N(mean, std²) elementwise, shaped <paramref name="shape"/> (same numbers as <c>normal_</c> on the host).</summary>
    public static Tensor Normal(double mean, double std, long[] shape, ScalarType dtype, Generator? generator, Device? device)
    {
        var host = empty(shape, dtype, device: Host);
        return On(host.normal_(mean, std, generator), device);
    }

    /// <summary>x ~ U[low, high) elementwise (same numbers as <c>uniform_</c> on the host).</summary>
    public static Tensor Uniform(double low, double high, long[] shape, ScalarType dtype, Generator? generator, Device? device)
    {
        var host = empty(shape, dtype, device: Host);
        return On(host.uniform_(low, high, generator), device);
    }

    /// <summary>A uniformly random permutation of 0…n−1 (int64), as <c>randperm</c> on the host.</summary>
    public static Tensor Permutation(long n, Generator? generator, Device? device)
    {
        return On(randperm(n, generator: generator, device: Host), device);
    }

    /// <summary>Overwrites <paramref name="target"/> (any device) with N(mean, std²) draws: the device-safe <c>normal_</c>.</summary>
    public static Tensor NormalInto(Tensor target, double mean, double std, Generator? generator)
    {
        using var draw = Normal(mean, std, target.shape, target.dtype, generator, target.device);
        return target.copy_(draw);
    }

    /// <summary>Overwrites <paramref name="target"/> (any device) with U[low, high) draws: the device-safe <c>uniform_</c>.</summary>
    public static Tensor UniformInto(Tensor target, double low, double high, Generator? generator)
    {
        using var draw = Uniform(low, high, target.shape, target.dtype, generator, target.device);
        return target.copy_(draw);
    }

    /// <summary>Moves a fresh host tensor to <paramref name="device"/> (torch's default device when null), freeing the host copy.</summary>
    public static Tensor On(Tensor host, Device? device)
    {
        var moved = host.to(device ?? get_default_device());
        if (!ReferenceEquals(moved, host)) host.Dispose();
        return moved;
    }
}
