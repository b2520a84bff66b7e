using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>
/// <c>verify</c>: runs the registered claims and writes the report. Exit codes: 0 every claim holds, 1 some claim
/// is refuted or inconclusive, 2 bad usage or bad input (one line on stderr, prefixed with the subcommand), 74 a file
/// could not be written, above all a full disk (one line naming the file and the cause; a run is resumable), 130
/// interrupted by Ctrl-C, SIGINT or SIGTERM (resumable).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        // Ctrl-C in a terminal, `kill -INT`, and `kill -TERM` (job runners, IDEs, `timeout`) all stop the run the same
        // way: after the running claim's next progress report, keeping the finished items. A second signal is not
        // cancelled and ends the process at once (the records on disk are whole either way).
        void Stop(PosixSignalContext context)
        {
            context.Cancel = !cts.IsCancellationRequested;
            cts.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return Run(args, AnsiConsole.Console, Console.Error, cts.Token);
    }

    /// <param name="environment">Reads an environment variable (for <c>--shard auto</c>); the process environment when null.</param>
    /// <param name="registry">The claims (tests add their own); <see cref="ClaimCatalog.Create"/> when null.</param>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellation = default,
        Action<ClaimRecord>? afterEach = null, Func<string, string?>? environment = null, ClaimRegistry? registry = null)
    {
        registry ??= ClaimCatalog.Create();
        var root = new RootCommand("Verification: the theorems of five ML-theory papers as falsifiable checks.");
        var commandLine = Provenance.Quote([Environment.ProcessPath ?? "Verification.Cli", .. args]);
        root.Subcommands.Add(VerifyCommand.Build(registry, console, cancellation, afterEach, commandLine, environment ?? Environment.GetEnvironmentVariable));
        root.Subcommands.Add(RdCommand.Build(console));

        var parsed = root.Parse(args);
        var where = CommandPath(parsed.CommandResult.Command);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine(OneLine($"{where}: error: {parsed.Errors[0].Message}"));
            return 2;
        }
        // A process's arguments cannot hold NUL (argv is NUL-terminated); only a response file or a caller in process
        // can pass one, and no path or value may contain it.
        if (parsed.Tokens.FirstOrDefault(t => t.Value.Contains('\0')) is { } nul)
        {
            error.WriteLine(OneLine($"{where}: error: argument '{nul.Value}' contains a NUL character, which no path or value may hold"));
            return 2;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false, Output = console.Profile.Out.Writer, Error = error,   // help goes to the caller's console
            });
        }
        catch (UsageException e)
        {
            error.WriteLine(OneLine($"{where}: error: {e.Message}"));
            return 2;
        }
        catch (WriteFailedException e)
        {
            error.WriteLine(OneLine($"{where}: error: {e.Message}"));
            return VerifyRunner.WriteFailed;
        }
        catch (FileWriteException e)
        {
            error.WriteLine(OneLine($"{where}: error: {e.Message}"));
            return VerifyRunner.WriteFailed;
        }
    }

    /// <summary>An error stays one line whatever the user typed: control characters (a newline in an argument) are escaped.</summary>
    public static string OneLine(string message)
    {
        static bool Breaks(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
        if (!message.Any(Breaks)) return message;
        var line = new StringBuilder(message.Length + 8);
        foreach (var c in message)
            if (Breaks(c)) line.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else line.Append(c);
        return line.ToString();
    }

    /// <summary>"verify", "verify merge", "rd": the subcommand an error belongs to.</summary>
    private static string CommandPath(Command command) => command switch
    {
        RootCommand => "verify",
        { Name: "merge" } => "verify merge",
        { Name: "compare" } => "verify compare",
        { Name: "explain" } => "verify explain",
        { Name: "history" } => "verify history",
        { Name: "render-figures" } => "verify render-figures",
        { Name: "docs" } => "verify docs",
        { Name: "cost-hints" } => "verify cost-hints",
        _ => command.Name,
    };
}
