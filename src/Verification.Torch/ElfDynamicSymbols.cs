using System.Buffers.Binary;
using System.Text;

namespace Verification.Torch;

/// <summary>
/// The dynamic linking facts of one 64-bit little-endian ELF shared object (System V gABI): the libraries it needs
/// (<c>DT_NEEDED</c>), where it looks for them (<c>DT_RUNPATH</c>/<c>DT_RPATH</c>), the symbols it defines and the
/// ones it imports. Read with seeks from the file (only the section headers, <c>.dynsym</c>, <c>.dynstr</c> and
/// <c>.dynamic</c>), so a 440 MB libtorch_cpu.so costs the size of its symbol tables, not of its code.
/// </summary>
/// <param name="Imports">undefined, non-weak dynamic symbols (a weak one may stay unresolved)</param>
public sealed record ElfDynamicSymbols(IReadOnlyList<string> Needed, IReadOnlyList<string> RunPaths,
    IReadOnlySet<string> Defined, IReadOnlyList<string> Imports)
{
    private const uint ShtDynsym = 11, ShtDynamic = 6;
    private const long DtNeeded = 1, DtRpath = 15, DtRunpath = 29;

    /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file, or its tables are cut short.</exception>
    public static ElfDynamicSymbols Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var header = Bytes(file, 0, 64, path);
        if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
            throw new InvalidDataException($"{path}: not an ELF file");
        if (header[4] != 2 || header[5] != 1) throw new InvalidDataException($"{path}: not a 64-bit little-endian ELF file");
        long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(0x28));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x3c));
        var table = Bytes(file, shoff, 64L * shnum, path);
        var sections = Enumerable.Range(0, shnum).Select(i => (
            Type: BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(64 * i + 4)),
            Offset: (long)BinaryPrimitives.ReadUInt64LittleEndian(table.AsSpan(64 * i + 0x18)),
            Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(table.AsSpan(64 * i + 0x20)),
            Link: (int)BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(64 * i + 0x28)))).ToList();

        var defined = new HashSet<string>(StringComparer.Ordinal);
        var imports = new List<string>();
        var dynsym = sections.FindIndex(s => s.Type == ShtDynsym);
        if (dynsym >= 0)
        {
            var symbols = Bytes(file, sections[dynsym].Offset, sections[dynsym].Size, path);
            var strings = Bytes(file, sections[sections[dynsym].Link].Offset, sections[sections[dynsym].Link].Size, path);
            for (int at = 24; at + 24 <= symbols.Length; at += 24)   // entry 0 is the null symbol
            {
                var name = CString(strings, BinaryPrimitives.ReadUInt32LittleEndian(symbols.AsSpan(at)), path);
                if (name.Length == 0) continue;
                int binding = symbols[at + 4] >> 4;                // STB_LOCAL 0, STB_GLOBAL 1, STB_WEAK 2, STB_GNU_UNIQUE 10
                ushort section = BinaryPrimitives.ReadUInt16LittleEndian(symbols.AsSpan(at + 6));
                if (section != 0) defined.Add(name);
                else if (binding != 2) imports.Add(name);
            }
        }

        var needed = new List<string>();
        var runPaths = new List<string>();
        var dynamic = sections.FindIndex(s => s.Type == ShtDynamic);
        if (dynamic >= 0)
        {
            var entries = Bytes(file, sections[dynamic].Offset, sections[dynamic].Size, path);
            var strings = Bytes(file, sections[sections[dynamic].Link].Offset, sections[sections[dynamic].Link].Size, path);
            for (int at = 0; at + 16 <= entries.Length; at += 16)
            {
                long tag = BinaryPrimitives.ReadInt64LittleEndian(entries.AsSpan(at));
                if (tag == 0) break;
                long value = BinaryPrimitives.ReadInt64LittleEndian(entries.AsSpan(at + 8));
                if (tag == DtNeeded) needed.Add(CString(strings, value, path));
                else if (tag is DtRunpath or DtRpath) runPaths.AddRange(CString(strings, value, path).Split(':', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return new ElfDynamicSymbols(needed, runPaths, defined, imports);
    }

    private static byte[] Bytes(FileStream file, long offset, long count, string path)
    {
        if (offset < 0 || count < 0 || offset + count > file.Length)
            throw new InvalidDataException($"{path}: ELF table at {offset} (+{count} bytes) lies past the end of the file (truncated?)");
        var buffer = new byte[count];
        file.Position = offset;
        file.ReadExactly(buffer);
        return buffer;
    }

    private static string CString(byte[] table, long at, string path)
    {
        if (at < 0 || at >= table.Length) throw new InvalidDataException($"{path}: ELF string offset {at} outside its table");
        int end = Array.IndexOf(table, (byte)0, (int)at);
        if (end < 0) throw new InvalidDataException($"{path}: unterminated string in an ELF string table");
        return Encoding.ASCII.GetString(table, (int)at, end - (int)at);
    }
}
