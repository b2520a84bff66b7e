using System.Runtime.CompilerServices;

namespace Verification.Transformers;

internal static class TorchSetup
{
    /// <summary>
    /// Patches TorchSharp's native library (if this platform needs it) before any code of this assembly can reach
    /// <c>torch</c>, e.g. a <c>torch.Generator</c> built before the first <see cref="TorchRuntime.Initialize"/>.
    /// Cheap and idempotent (Verification.Torch's ModuleSetup does the same for its own code).
    /// </summary>
#pragma warning disable CA2255 // a library module initializer is exactly what is needed here
    [ModuleInitializer]
    internal static void Run() => TorchRuntime.Prepare();
#pragma warning restore CA2255
}
