// Issue #12: the root cause of the intermittent native errors and the build step that removes it
// (build/TorchSharpLiveness.targets, TorchRuntime.EnsureLiveness).
using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Xml.Linq;
using TorchSharp;
using Verification.Core.Runtime;
using Verification.Tests.Support;

namespace Verification.Tests.Runtime;

public class TorchSharpLivenessTests
{
    [Fact]
    public void LoadedTorchSharpKeepsWrapperArgumentsAlive()
    {
        var debuggable = typeof(torch).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().Single();
        Assert.True(debuggable.IsJITOptimizerDisabled, "the output copy of TorchSharp.dll must be built with JIT optimizations disabled");
        TorchRuntime.EnsureLiveness();   // does not throw
    }

    [Fact]
    public void BuildConstantsAreTheDebuggableBlobOfThePackagedAssembly()
    {
        var targets = XDocument.Load(Path.Combine(RepoPaths.Root, "build", "TorchSharpLiveness.targets"));
        string Property(string name) => targets.Descendants(name).Single().Value.Trim();
        var bytes = File.ReadAllBytes(PackagedAssembly());
        Assert.Equal(Property("TorchSharpOriginalSha256"), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(int.Parse(Property("TorchSharpDebuggableBlobOffset")), DebuggableBlobOffset(bytes));
        // The value there is DebuggingModes.IgnoreSymbolStoreSequencePoints (2): optimized.
        Assert.Equal(new byte[] { 1, 0, 2, 0, 0, 0, 0, 0 }, bytes.AsSpan(DebuggableBlobOffset(bytes), 8).ToArray());
    }

    [Fact]
    public void OutputCopyDiffersFromThePackageOnlyInTheDebuggingModes()
    {
        var output = File.ReadAllBytes(typeof(torch).Assembly.Location);
        var packaged = File.ReadAllBytes(PackagedAssembly());
        Assert.Equal(packaged.Length, output.Length);
        int offset = DebuggableBlobOffset(packaged);
        var differing = Enumerable.Range(0, output.Length).Where(i => output[i] != packaged[i]).ToArray();
        Assert.Equal([offset + 2, offset + 3], differing);   // 02 00 → 03 01: | Default | DisableOptimizations
    }

    private static string PackagedAssembly() => Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "torchsharp", "0.107.0", "lib", "net8.0", "TorchSharp.dll");

    /// <summary>File offset of the value blob of the assembly-level DebuggableAttribute, found through the metadata tables.</summary>
    private static int DebuggableBlobOffset(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var md = pe.GetMetadataReader();
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var ctor = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (ctor.Parent.Kind != HandleKind.TypeReference) continue;
            if (md.GetString(md.GetTypeReference((TypeReferenceHandle)ctor.Parent).Name) != nameof(DebuggableAttribute)) continue;
            // The blob heap entry is a compressed length (one byte below 128) followed by the value.
            Assert.True(md.GetBlobReader(attribute.Value).Length < 128);
            return pe.PEHeaders.MetadataStartOffset + md.GetHeapMetadataOffset(HeapIndex.Blob) + md.GetHeapOffset(attribute.Value) + 1;
        }
        throw new InvalidOperationException("no DebuggableAttribute on the assembly");
    }
}
