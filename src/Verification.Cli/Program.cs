using System.CommandLine;
using System.Runtime.InteropServices;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>
/// <c>verify</c>: runs the registered claims and writes the report. Exit codes: 0 every claim holds, 1 some claim
/// is refuted or inconclusive, 2 bad usage or bad input (one line on stderr, prefixed with the subcommand), 130
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
            error.WriteLine($"{where}: error: {parsed.Errors[0].Message}");
            return 2;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"{where}: error: {e.Message}");
            return 2;
        }
    }

    /// <summary>"verify", "verify merge", "rd": the subcommand an error belongs to.</summary>
    private static string CommandPath(Command command) => command switch
    {
        RootCommand => "verify",
        { Name: "merge" } => "verify merge",
        { Name: "compare" } => "verify compare",
        { Name: "docs" } => "verify docs",
        _ => command.Name,
    };
}
