using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Verification.Tests.Support;

namespace Verification.Tests.Harness;

/// <summary>
/// results.json must be byte-identical for the same seed at every scale, so no claim may measure anything from a
/// clock. Running every claim twice at CI scale takes longer than the whole test budget, so this test enforces the
/// cause instead: it reads the IL of every method (lambdas, iterators and local functions included) of every assembly
/// built from <c>src/</c> and fails on any use of a clock outside a short allow-list of harness types whose clock
/// readings go to timings.json or to a folder name only. A claim cannot reach a clock without a call, a field load or
/// a token in its IL, and a name looked up by reflection shows up as a string literal, which is scanned too.
/// Not covered: clocks read inside third-party libraries (e.g. a solver's time limit).
/// </summary>
public class NoClockInResultsTests
{
    /// <summary>Top-level types allowed to read a clock, each with where the reading goes.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["Verification.Core.Claims.ClaimRunner"] = "Evaluate times each claim: Evidence.ElapsedSeconds, written to timings.json only",
        ["Verification.Cli.VerifyRunner"] = "RunInfo.StartedAt, written to timings.json only",
        ["Verification.Cli.ShardMerger"] = "RunInfo.StartedAt of the merged run, timings.json only",
        ["Verification.Cli.VerifyCommand"] = "the default output folder names artifacts/verify/<timestamp>",
    };

    /// <summary>Clock members by declaring type; "*" is every member of the type.</summary>
    private static readonly Dictionary<string, string[]> Clocks = new(StringComparer.Ordinal)
    {
        ["System.Diagnostics.Stopwatch"] = ["*"],
        ["System.DateTime"] = ["get_Now", "get_UtcNow", "get_Today"],
        ["System.DateTimeOffset"] = ["get_Now", "get_UtcNow"],
        ["System.Environment"] = ["get_TickCount", "get_TickCount64"],
        ["System.TimeProvider"] = ["*"],
        ["System.Diagnostics.Process"] = ["get_StartTime", "get_TotalProcessorTime", "get_UserProcessorTime", "get_PrivilegedProcessorTime"],
        ["System.Threading.Timer"] = ["*"],
    };

    private static readonly string[] ClockWords = ["Stopwatch", "UtcNow", "TickCount", "TimeProvider"];

    [Fact]
    public void NoClockIsReadOutsideTheTimingCode()
    {
        var uses = SourceAssemblies().SelectMany(ClockUses).ToList();
        var forbidden = uses.Where(u => !Allowed.ContainsKey(u.Type)).Select(u => $"{u.Type}.{u.Method}: {u.What}").Distinct().ToList();
        Assert.True(forbidden.Count == 0,
            "A clock is read where it could reach results.json (time goes to timings.json only; see README \"Determinism\"):\n  "
            + string.Join("\n  ", forbidden));
    }

    /// <summary>The scanner's own control: it must see the clocks the allowed harness types do read.</summary>
    [Fact]
    public void TheScannerSeesTheClocksOfTheTimingCode()
    {
        var types = SourceAssemblies().SelectMany(ClockUses).Select(u => u.Type).ToHashSet();
        Assert.Contains("Verification.Core.Claims.ClaimRunner", types);
        Assert.Contains("Verification.Cli.VerifyRunner", types);
    }

    /// <summary>
    /// And it flags a clock in a type that is not allowed: the test assembly's own ResumeTests (a Stopwatch) and this
    /// class (the clock names as strings), i.e. what a claim that timed itself would look like.
    /// </summary>
    [Fact]
    public void TheScannerFlagsAClockInAnyOtherType()
    {
        var flagged = ClockUses(typeof(NoClockInResultsTests).Assembly.Location).Select(u => u.Type).ToHashSet();
        Assert.Contains("Verification.Tests.Harness.ResumeTests", flagged);
        Assert.Contains("Verification.Tests.Harness.NoClockInResultsTests", flagged);
    }

    /// <summary>Every project under src/ is scanned: a new one must be built beside the tests.</summary>
    private static IReadOnlyList<string> SourceAssemblies()
    {
        var projects = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories);
        Assert.NotEmpty(projects);
        return projects.Select(p =>
        {
            var dll = Path.Combine(AppContext.BaseDirectory, Path.GetFileNameWithoutExtension(p) + ".dll");
            Assert.True(File.Exists(dll), $"{dll} not found: reference {p} from the test project so that it is scanned");
            return dll;
        }).ToList();
    }

    private sealed record ClockUse(string Type, string Method, string What);

    private static IEnumerable<ClockUse> ClockUses(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var md = pe.GetMetadataReader();
        var found = new List<ClockUse>();
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0) continue;
            var owner = TopLevel(md, method.GetDeclaringType());
            var name = md.GetString(method.Name);
            var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
            while (il.RemainingBytes > 0)
            {
                var op = ReadOpCode(ref il);
                switch (op.OperandType)
                {
                    case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok or OperandType.InlineType:
                        if (Describe(md, MetadataTokens.EntityHandle(il.ReadInt32())) is { } what && IsClock(what.Type, what.Member))
                            found.Add(new ClockUse(owner, name, $"{op.Name} {what.Type}::{what.Member}"));
                        break;
                    case OperandType.InlineString:
                        var text = md.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32()));
                        if (ClockWords.FirstOrDefault(w => text.Contains(w, StringComparison.Ordinal)) is { } word)
                            found.Add(new ClockUse(owner, name, $"string \"{word}\" (reflection?)"));
                        break;
                    case OperandType.InlineSwitch:
                        int n = il.ReadInt32();
                        il.Offset += 4 * n;
                        break;
                    default:
                        il.Offset += OperandSize(op.OperandType);
                        break;
                }
            }
        }
        return found;
    }

    private static bool IsClock(string type, string member) =>
        Clocks.TryGetValue(type, out var members) && (members.Contains("*") || members.Contains(member));

    /// <summary>The declaring type's full name and the member name of a method, field or type token.</summary>
    private static (string Type, string Member)? Describe(MetadataReader md, EntityHandle h) => h.Kind switch
    {
        HandleKind.MemberReference => (TypeName(md, md.GetMemberReference((MemberReferenceHandle)h).Parent),
            md.GetString(md.GetMemberReference((MemberReferenceHandle)h).Name)),
        HandleKind.MethodSpecification => Describe(md, md.GetMethodSpecification((MethodSpecificationHandle)h).Method),
        HandleKind.TypeReference or HandleKind.TypeDefinition or HandleKind.TypeSpecification => (TypeName(md, h), "*"),
        _ => null,   // methods and fields defined in our own assemblies are not clocks
    };

    private static string TypeName(MetadataReader md, EntityHandle h)
    {
        switch (h.Kind)
        {
            case HandleKind.TypeReference:
                var r = md.GetTypeReference((TypeReferenceHandle)h);
                return r.ResolutionScope.Kind == HandleKind.TypeReference
                    ? TypeName(md, (TypeReferenceHandle)r.ResolutionScope) + "+" + md.GetString(r.Name)
                    : Join(md.GetString(r.Namespace), md.GetString(r.Name));
            case HandleKind.TypeDefinition:
                var d = md.GetTypeDefinition((TypeDefinitionHandle)h);
                return Join(md.GetString(d.Namespace), md.GetString(d.Name));
            case HandleKind.TypeSpecification:
                // A generic instantiation such as List<Stopwatch>: its blob names the generic type first.
                var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)h).Signature);
                var code = blob.ReadSignatureTypeCode();
                if (code == SignatureTypeCode.GenericTypeInstance) blob.ReadSignatureTypeCode();
                return code is SignatureTypeCode.GenericTypeInstance or SignatureTypeCode.TypeHandle
                    ? TypeName(md, blob.ReadTypeHandle())
                    : "";
            default:
                return "";
        }
    }

    private static string TopLevel(MetadataReader md, TypeDefinitionHandle h)
    {
        var t = md.GetTypeDefinition(h);
        while (t.GetDeclaringType() is { IsNil: false } outer) t = md.GetTypeDefinition(outer);
        return Join(md.GetString(t.Namespace), md.GetString(t.Name));
    }

    private static string Join(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields()
        .Where(f => f.FieldType == typeof(OpCode)).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static OpCode ReadOpCode(ref BlobReader il)
    {
        byte b = il.ReadByte();
        short value = b == 0xFE ? (short)(0xFE00 | il.ReadByte()) : b;
        return OpCodesByValue.TryGetValue(value, out var op) ? op : throw new InvalidDataException($"unknown IL opcode 0x{value:X}");
    }

    private static int OperandSize(OperandType t) => t switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
