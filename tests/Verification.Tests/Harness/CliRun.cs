using Spectre.Console.Testing;
using Verification.Cli;
using Verification.Core.Reporting;
using Verification.Tests.Reporting;

namespace Verification.Tests.Harness;

/// <summary>
/// Runs the CLI in process and captures exit code, output and error. The results.json the run wrote (into
/// <c>--out DIR</c> or <c>--resume DIR</c>) is validated against the committed schema.
/// </summary>
public static class CliRun
{
    public static (int Code, string Out, string Err) Run(string[] args, CancellationToken cancellation = default,
        Action<ClaimRecord>? afterEach = null)
    {
        var console = new TestConsole();
        var err = new StringWriter();
        int code = Program.Run(args, console, err, cancellation, afterEach);
        for (int i = 0; i + 1 < args.Length; i++)
            if (args[i] is "--out" or "--resume" && File.Exists(Path.Combine(args[i + 1], "results.json")))
                ResultsSchema.AssertValidFile(args[i + 1]);
        return (code, console.Output, err.ToString());
    }

    public static (int Code, string Out, string Err) Run(params string[] args) => Run(args, default, null);
}
