namespace Verification.Core.IO;

/// <summary>
/// A file could not be written: the message is one line naming the file and the cause (<c>cannot write 'PATH': no
/// space left on device</c>). <see cref="AtomicFile"/> throws it for every I/O failure, so whoever stops a run on it can
/// say which file and why without a stack trace; the cause (with its errno as <see cref="Exception.HResult"/>) is the
/// inner exception.
/// </summary>
public sealed class FileWriteException(string path, IOException cause)
    : IOException($"cannot write '{path}': {Describe(cause)}", cause)
{
    // On Unix .NET reports the errno as IOException.HResult: ENOSPC is 28 on Linux and macOS, EDQUOT 122 on Linux and
    // 69 on macOS. On Windows: ERROR_HANDLE_DISK_FULL (39) and ERROR_DISK_FULL (112) as HRESULTs.
    private const int Enospc = 28;
    private static readonly int Edquot = OperatingSystem.IsMacOS() ? 69 : 122;
    private static readonly int[] DiskFullCodes = OperatingSystem.IsWindows()
        ? [unchecked((int)0x80070027), unchecked((int)0x80070070)]
        : [Enospc, Edquot];

    /// <summary>The file that could not be written (the target, not its temporary file).</summary>
    public string Path { get; } = path;

    /// <summary>Whether the cause is a full disk or an exhausted quota: freeing space and resuming will work.</summary>
    public bool DiskFull => IsDiskFull(cause);

    /// <summary>Whether <paramref name="e"/> (or the I/O error it wraps) says the disk or the quota is full.</summary>
    public static bool IsDiskFull(Exception? e) => e switch
    {
        FileWriteException w => w.DiskFull,
        IOException io => DiskFullCodes.Contains(io.HResult),
        _ => false,
    };

    /// <summary>A write failure of <paramref name="path"/> caused by <paramref name="e"/> (its own cause when it is one already).</summary>
    public static FileWriteException Of(string path, IOException e) =>
        new(path, e is FileWriteException w ? (IOException)w.InnerException! : e);

    private static string Describe(IOException e)
    {
        if (IsDiskFull(e)) return e.HResult == Edquot ? "disk quota exceeded" : "no space left on device";
        // .NET's own messages end with " : 'path'"; the path is already named.
        var message = e.Message.Split('\n')[0].Trim();
        int at = message.IndexOf(" : '", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
