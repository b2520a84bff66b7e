using System.Runtime.InteropServices;
using TorchSharp;

namespace Verification.Torch;

/// <summary>
/// Reproducible CUDA runs: the settings PyTorch documents for determinism ("Reproducibility", pytorch.org/docs/stable/notes/randomness.html),
/// applied before the first CUDA kernel runs.
/// <list type="bullet">
/// <item><c>CUBLAS_WORKSPACE_CONFIG=:4096:8</c> in the native environment (cuBLAS reads it when it creates its handle;
/// .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native code on Unix, so libc's
/// <c>setenv</c> is called). A value the user set is kept.</item>
/// <item>Deterministic algorithms on (<c>torch.use_deterministic_algorithms(True)</c>): an op without a deterministic
/// CUDA kernel throws instead of silently varying, so the claim reports it as inconclusive with the op named.
/// TorchSharp 0.107 marks its <c>use_deterministic_algorithms</c> "not implemented", so libtorch's own
/// <c>at::Context::setDeterministicAlgorithms(bool, bool)</c> is called (exported C++ symbols of libtorch_cpu, which
/// every TorchSharp backend ships); cuDNN deterministic, cuDNN benchmark off.</item>
/// <item>TF32 off for matmul and cuDNN, so float32 stays float32 on Ampere and later GPUs.</item>
/// </list>
/// </summary>
public static class DeterministicAlgorithms
{
    public const string CublasWorkspaceVariable = "CUBLAS_WORKSPACE_CONFIG";
    public const string CublasWorkspaceValue = ":4096:8";

    /// <summary>Sets <c>CUBLAS_WORKSPACE_CONFIG</c> unless the user did; first thing for CUDA, before any CUDA call.</summary>
    public static void SetCublasWorkspace()
    {
        if (OperatingSystem.IsLinux())
        {
            if (setenv(CublasWorkspaceVariable, CublasWorkspaceValue, 0) != 0)
                throw new InvalidOperationException($"setenv({CublasWorkspaceVariable}) failed");
            Environment.SetEnvironmentVariable(CublasWorkspaceVariable, NativeEnvironment(CublasWorkspaceVariable));
        }
        else if (Environment.GetEnvironmentVariable(CublasWorkspaceVariable) is null)
        {
            Environment.SetEnvironmentVariable(CublasWorkspaceVariable, CublasWorkspaceValue);   // native on Windows
        }
    }

    /// <summary>Applies every setting above; called by <see cref="TorchDevice.EnsureAvailable"/> for CUDA.</summary>
    public static void ForCuda()
    {
        SetCublasWorkspace();
        TorchRuntime.Initialize();
        Set(true);
        var context = Context();
        Export<SetFlag>("_ZN2at7Context21setDeterministicCuDNNEb")(context, true);
        Export<SetFlag>("_ZN2at7Context17setBenchmarkCuDNNEb")(context, false);
        torch.backends.cuda.matmul.allow_tf32 = false;
        torch.backends.cudnn.allow_tf32 = false;
    }

    /// <summary>libtorch's global switch (<c>torch.use_deterministic_algorithms(on, warn_only=False)</c>).</summary>
    public static void Set(bool on)
    {
        TorchRuntime.Initialize();
        Export<SetTwoFlags>("_ZN2at7Context26setDeterministicAlgorithmsEbb")(Context(), on, false);
    }

    /// <summary>Whether libtorch's deterministic-algorithms switch is on (<c>torch.are_deterministic_algorithms_enabled()</c>).</summary>
    public static bool Enabled
    {
        get
        {
            TorchRuntime.Initialize();
            return Export<GetFlag>("_ZNK2at7Context23deterministicAlgorithmsEv")(Context());
        }
    }

    /// <summary>The value of <paramref name="name"/> in the native environment (what CUDA libraries see; Linux).</summary>
    public static string? NativeEnvironment(string name) =>
        OperatingSystem.IsLinux() ? Marshal.PtrToStringUTF8(getenv(name)) : Environment.GetEnvironmentVariable(name);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFlag(IntPtr self, [MarshalAs(UnmanagedType.U1)] bool value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetTwoFlags(IntPtr self, [MarshalAs(UnmanagedType.U1)] bool value, [MarshalAs(UnmanagedType.U1)] bool warnOnly);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetFlag(IntPtr self);

    private static IntPtr Context() => Export<GlobalContext>("_ZN2at13globalContextEv")();

    private static T Export<T>(string symbol) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(TorchCpu.Value, symbol));

    // libtorch_cpu is already loaded by TorchSharp; dlopen of the same file returns that handle.
    private static readonly Lazy<IntPtr> TorchCpu = new(() =>
    {
        string[] names = OperatingSystem.IsWindows() ? ["torch_cpu.dll"] : OperatingSystem.IsMacOS() ? ["libtorch_cpu.dylib"] : ["libtorch_cpu.so"];
        var dirs = new[] { Path.GetDirectoryName(typeof(torch).Assembly.Location), AppContext.BaseDirectory }
            .Where(d => !string.IsNullOrEmpty(d)).Select(d => d!).Distinct().ToList();
        foreach (var name in names)
        {
            foreach (var dir in dirs)
                foreach (var path in new[] { Path.Combine(dir, name), Path.Combine(dir, "runtimes", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "native", name) })
                    if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
            if (NativeLibrary.TryLoad(name, out var byName)) return byName;
        }
        throw new TorchUnavailableException("libtorch_cpu could not be found to set its deterministic-algorithms switch");
    });

    [DllImport("libc.so.6")]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc.so.6")]
    private static extern IntPtr getenv(string name);
}
