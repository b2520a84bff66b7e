using System.Buffers.Binary;
using System.Text;

namespace Verification.Torch;

/// <summary>One symbol-version requirement of an ELF shared object (an entry of <c>.gnu.version_r</c>).</summary>
/// <param name="Library">The library the version is needed from, e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Index">The version index that <c>.gnu.version</c> uses for symbols bound to it.</param>
/// <param name="Flags"><c>vna_flags</c>; <see cref="ElfVersionNeeds.Weak"/> makes a missing version non-fatal.</param>
/// <param name="FlagsOffset">File offset of <c>vna_flags</c>.</param>
/// <param name="Symbols">The dynamic symbols bound to this version.</param>
public sealed record VersionNeed(string Library, string Version, ushort Index, ushort Flags, long FlagsOffset,
    IReadOnlyList<string> Symbols)
{
    public bool IsWeak => (Flags & ElfVersionNeeds.Weak) != 0;
}

/// <summary>
/// Reads and edits the version-need table of a 64-bit little-endian ELF file (System V gABI, GNU symbol
/// versioning). Used to load TorchSharp's native library where the system libstdc++ lacks a version that the
/// library needs only for a link-time marker symbol (see <see cref="TorchRuntime"/>).
/// </summary>
public static class ElfVersionNeeds
{
    /// <summary>VER_FLG_WEAK: the dynamic loader only warns when this version is missing.</summary>
    public const ushort Weak = 0x2;

    private const uint ShtDynsym = 11, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;

    /// <summary>Every needed version of the file, with the symbols bound to it.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
    public static IReadOnlyList<VersionNeed> Read(ReadOnlySpan<byte> elf)
    {
        var sections = Sections(elf);
        var verneed = sections.FirstOrDefault(s => s.Type == ShtGnuVerneed);
        if (verneed is null) return [];
        var dynstr = sections[(int)verneed.Link];

        var symbolsByIndex = new Dictionary<ushort, List<string>>();
        var dynsym = sections.FirstOrDefault(s => s.Type == ShtDynsym);
        var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        if (dynsym is not null && versym is not null)
        {
            var symStr = sections[(int)dynsym.Link];
            long count = dynsym.Size / 24;
            for (long i = 0; i < count; i++)
            {
                ushort index = (ushort)(U16(elf, versym.Offset + 2 * i) & 0x7fff);
                string name = CString(elf, symStr.Offset + U32(elf, dynsym.Offset + 24 * i));
                if (!symbolsByIndex.TryGetValue(index, out var list)) symbolsByIndex[index] = list = [];
                list.Add(name);
            }
        }

        var result = new List<VersionNeed>();
        long entry = verneed.Offset;
        for (uint n = 0; n < verneed.Info; n++)
        {
            ushort cnt = U16(elf, entry + 2);
            string file = CString(elf, dynstr.Offset + U32(elf, entry + 4));
            long aux = entry + U32(elf, entry + 8);
            for (int a = 0; a < cnt; a++)
            {
                ushort flags = U16(elf, aux + 4);
                ushort index = U16(elf, aux + 6);
                string version = CString(elf, dynstr.Offset + U32(elf, aux + 8));
                result.Add(new VersionNeed(file, version, index, flags, aux + 4,
                    symbolsByIndex.TryGetValue(index, out var syms) ? syms : []));
                aux += U32(elf, aux + 12);
            }
            uint next = U32(elf, entry + 12);
            if (next == 0) break;
            entry += next;
        }
        return result;
    }

    /// <summary>
    /// Returns a copy of <paramref name="elf"/> in which the need for <paramref name="version"/> of
    /// <paramref name="library"/> is flagged weak. Refuses (throws) when a symbol outside
    /// <paramref name="allowedSymbols"/> is bound to that version: weakening a version whose symbols are really
    /// called would turn a clear load error into a crash later.
    /// </summary>
    public static byte[] WeakenVersion(ReadOnlySpan<byte> elf, string library, string version,
        IReadOnlySet<string> allowedSymbols)
    {
        var need = Read(elf).FirstOrDefault(v => v.Library == library && v.Version == version)
            ?? throw new InvalidOperationException($"the file does not need {version} from {library}");
        var foreign = need.Symbols.Where(s => !allowedSymbols.Contains(s)).ToList();
        if (foreign.Count > 0)
            throw new InvalidOperationException(
                $"{version} of {library} binds symbols that are really used ({string.Join(", ", foreign)}); refusing to weaken it");
        var copy = elf.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan((int)need.FlagsOffset), (ushort)(need.Flags | Weak));
        return copy;
    }

    private sealed record Section(uint Type, long Offset, long Size, uint Link, uint Info);

    private static List<Section> Sections(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
        long shoff = (long)U64(elf, 0x28);
        int shentsize = U16(elf, 0x3a), shnum = U16(elf, 0x3c);
        if (shentsize != 64 || shoff <= 0 || shoff + (long)shnum * 64 > elf.Length)
            throw new InvalidDataException("ELF section header table is truncated or malformed");
        var sections = new List<Section>(shnum);
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + 64L * i;
            var s = new Section(U32(elf, h + 4), (long)U64(elf, h + 0x18), (long)U64(elf, h + 0x20),
                U32(elf, h + 0x28), U32(elf, h + 0x2c));
            if (s.Type is ShtDynsym or ShtGnuVerneed or ShtGnuVersym && s.Offset + s.Size > elf.Length)
                throw new InvalidDataException("ELF section extends past the end of the file");
            sections.Add(s);
        }
        return sections;
    }

    private static ushort U16(ReadOnlySpan<byte> b, long at) => BinaryPrimitives.ReadUInt16LittleEndian(b[(int)at..]);
    private static uint U32(ReadOnlySpan<byte> b, long at) => BinaryPrimitives.ReadUInt32LittleEndian(b[(int)at..]);
    private static ulong U64(ReadOnlySpan<byte> b, long at) => BinaryPrimitives.ReadUInt64LittleEndian(b[(int)at..]);

    private static string CString(ReadOnlySpan<byte> b, long at)
    {
        var rest = b[(int)at..];
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException("unterminated string in ELF string table");
        return Encoding.ASCII.GetString(rest[..end]);
    }
}
