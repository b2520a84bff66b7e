using Verification.Core.Runtime;
using Verification.Tests.Harness;
using Verification.Tests.Support;

namespace Verification.Tests.Runtime;

/// <summary>What `--device cuda` says without a CUDA libtorch, and the determinism settings for CUDA.</summary>
[Collection(nameof(TorchGlobals))]
public sealed class ComputeDeviceTests
{
    [Fact]
    public void CudaWithoutACudaBackendIsOneLineAndExitCodeTwo()
    {
        using var dir = new TempDir();
        var (code, _, err) = CliRun.Run("verify", "--claim", "MC.stationary-distribution-is-invariant", "--device", "cuda", "--out", dir["out"]);
        Assert.Equal(2, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("--libtorch DIR", err);
        Assert.False(Directory.Exists(dir["out"]), "nothing is written");
    }

    [Fact]
    public void DeterministicAlgorithmsSwitchReachesLibtorch()
    {
        // TorchSharp 0.107's own use_deterministic_algorithms is "not implemented"; ours calls libtorch directly.
        Assert.False(DeterministicAlgorithms.Enabled);
        try
        {
            DeterministicAlgorithms.Set(true);
            Assert.True(DeterministicAlgorithms.Enabled);
        }
        finally
        {
            DeterministicAlgorithms.Set(false);
        }
        Assert.False(DeterministicAlgorithms.Enabled);
    }

    [Fact]
    public void CublasWorkspaceIsSetInTheNativeEnvironment()
    {
        DeterministicAlgorithms.SetCublasWorkspace();
        var value = DeterministicAlgorithms.NativeEnvironment(DeterministicAlgorithms.CublasWorkspaceVariable);
        Assert.NotNull(value);
        Assert.Equal(value, Environment.GetEnvironmentVariable(DeterministicAlgorithms.CublasWorkspaceVariable));   // managed view agrees
    }

    [Fact]
    public void CachedModelsAreKeyedByDeviceExceptOnTheCpu()
    {
        Assert.Equal("", ComputeDevice.CacheKeySuffix(ComputeDevice.Cpu.ToTorch()));
        Assert.Equal(",device=cuda", ComputeDevice.CacheKeySuffix(new TorchSharp.torch.Device(TorchSharp.DeviceType.CUDA)));   // torch.CUDA itself needs a GPU
    }
}
