using System.Runtime.CompilerServices;

namespace Verification.Tests.Support;

internal static class TorchSetup
{
    /// <summary>
    /// Patches TorchSharp's native library (if this platform needs it) before any test runs: a test may build a
    /// <c>torch.Generator</c> before it touches Verification.Torch. Cheap and idempotent.
    /// </summary>
#pragma warning disable CA2255 // a module initializer is exactly what is needed here
    [ModuleInitializer]
    internal static void Run() => TorchRuntime.Prepare();
#pragma warning restore CA2255
}
