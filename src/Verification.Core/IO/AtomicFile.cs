using System.Text;

namespace Verification.Core.IO;

/// <summary>
/// Writes a file so that readers see the old contents or the new ones, never a half-written file: the bytes go to a
/// temporary file in the same folder, which is then renamed over the target. Any I/O failure (a full disk above all)
/// removes the temporary file and is a <see cref="FileWriteException"/> naming the target and the cause.
/// </summary>
public static class AtomicFile
{
    /// <summary>An injected fault for this logical flow and the threads it starts (<see cref="InjectFault"/>); null: none.</summary>
    private static readonly AsyncLocal<Func<string, IOException?>?> Fault = new();

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> contents)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (Fault.Value?.Invoke(full) is { } fault)
                {
                    stream.Write(contents[..(contents.Length / 2)]);   // the disk fills up half-way through the file
                    stream.Flush(flushToDisk: true);
                    throw fault;
                }
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (IOException e)
        {
            throw FileWriteException.Of(full, e);
        }
        finally
        {
            try
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            catch (IOException)
            {
                // Left behind only if even the delete fails; RunDirectory.Open removes stale temp files.
            }
        }
    }

    public static void WriteAllText(string path, string contents) =>
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents));

    /// <summary>
    /// For tests of the failure paths: until the result is disposed, every write on the calling flow (and on threads it
    /// starts) first calls <paramref name="fault"/> with the target's full path, and a returned exception is thrown
    /// half-way through the write, as a full disk would. Other flows (parallel tests) are unaffected.
    /// </summary>
    public static IDisposable InjectFault(Func<string, IOException?> fault)
    {
        var before = Fault.Value;
        Fault.Value = fault;
        return new Restore(() => Fault.Value = before);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
