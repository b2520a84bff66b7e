using System.Runtime.CompilerServices;

namespace Verification.Torch;

internal static class ModuleSetup
{
    /// <summary>
    /// Patches TorchSharp's native library (if this platform needs it) as soon as code of this assembly runs, so that
    /// none of its code paths can reach <c>torch</c> before the patch. Cheap and idempotent; see <see cref="TorchRuntime"/>.
    /// Each assembly that calls torch directly has the same one-line initializer (<c>TorchSetup</c>), since its code
    /// can reach torch before touching this assembly.
    /// </summary>
#pragma warning disable CA2255 // a library module initializer is exactly what is needed here
    [ModuleInitializer]
    internal static void Run() => TorchRuntime.Prepare();
#pragma warning restore CA2255
}
