using Spectre.Console.Testing;
using Verification.Cli;
using Verification.Core.Reporting;

namespace Verification.Tests.Harness;

/// <summary>Runs the CLI in process and captures exit code, output and error.</summary>
public static class CliRun
{
    public static (int Code, string Out, string Err) Run(string[] args, CancellationToken cancellation = default,
        Action<ClaimRecord>? afterEach = null)
    {
        var console = new TestConsole();
        var err = new StringWriter();
        int code = Program.Run(args, console, err, cancellation, afterEach);
        return (code, console.Output, err.ToString());
    }

    public static (int Code, string Out, string Err) Run(params string[] args) => Run(args, default, null);
}
