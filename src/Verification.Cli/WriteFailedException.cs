namespace Verification.Cli;

/// <summary>
/// The output could not be written (a full disk above all): printed as one line on stderr that names the file, the
/// cause and what was kept, exit code <see cref="VerifyRunner.WriteFailed"/>.
/// </summary>
public sealed class WriteFailedException(string message) : Exception(message);
