using System.Runtime.CompilerServices;

namespace Verification.Core.Runtime;

internal static class ModuleSetup
{
    /// <summary>
    /// Patches TorchSharp's native library (if this platform needs it) as soon as this assembly loads, so that no
    /// code path can reach <c>torch</c> before the patch. Cheap and idempotent; see <see cref="TorchRuntime"/>.
    /// </summary>
#pragma warning disable CA2255 // a library module initializer is exactly what is needed here
    [ModuleInitializer]
    internal static void Run() => TorchRuntime.Prepare();
#pragma warning restore CA2255
}
