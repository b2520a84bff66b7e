using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Cli;

namespace Verification.Properties;

/// <summary>
/// The CLI's contract with its user, over generated command lines (<see cref="CliArgumentArbitraries"/>): whatever the
/// options, values and order, <c>Program.Run</c> returns one of the documented exit codes (0, 1, 2, 74 write failed,
/// 130 interrupted), never throws, and writes no stack trace; what it says on stderr is at most one line, and exactly
/// one for a usage error. The CLI runs in process against <see cref="CliFuzzFixture"/>'s claims, which decide at once,
/// so a line that starts a run finishes in milliseconds; a verify or merge line without <c>--out</c> or
/// <c>--resume</c> gets <c>--out $CASE/out</c>, a <c>verify cost-hints</c> line <c>--root</c> the fixture's, and a
/// <c>verify render-figures</c> line copies of the fixture's runs and a <c>verify docs</c> line <c>--root</c> a copy of
/// the fixture's repository, so nothing is written outside the fixture folder.
/// </summary>
[Properties(Arbitrary = [typeof(CliArgumentArbitraries)], MaxTest = 1200, Replay = PropertySeed.Replay)]
public partial class CliArgumentProperties
{
    private static readonly int[] Documented = [0, 1, 2, VerifyRunner.WriteFailed, VerifyRunner.Interrupted];

    private static int cases;

    [Property]
    public Property EveryCommandLineEndsInADocumentedExitCodeWithAtMostOneLineAndNoStackTrace(ArgumentVector v)
    {
        CliFuzzFixture.Ensure();
        var caseDir = Path.Combine(CliFuzzFixture.Root, "cases", Interlocked.Increment(ref cases).ToString(System.Globalization.CultureInfo.InvariantCulture));
        string Resolve(string s) => s.Replace("$CASE", caseDir).Replace(CliFuzzFixture.Placeholder, CliFuzzFixture.Root);
        var args = v.Args.Select(Resolve).ToList();
        bool writes = v.Prefix is ["verify"] or ["verify", "merge"];
        if (writes && !args.Any(a => a.StartsWith("--out", StringComparison.Ordinal) || a.StartsWith("--resume", StringComparison.Ordinal)))
            args.AddRange(["--out", Path.Combine(caseDir, "out")]);
        // cost-hints rewrites files under its root: always the fixture's, first, so no generated token can replace it.
        if (v.Prefix is ["verify", "cost-hints"]) args.InsertRange(2, ["--root", Path.Combine(CliFuzzFixture.Root, "repo")]);
        // render-figures redraws the figures of the run it is given: on copies of the fixture's runs in this case's folder
        if (v.Prefix is ["verify", "render-figures"])
        {
            foreach (var run in new[] { "run-a", "run-b" }) CliFuzzFixture.CopyFolder(Path.Combine(CliFuzzFixture.Root, run), Path.Combine(caseDir, run));
            args = args.Select(a => a.Replace(Path.Combine(CliFuzzFixture.Root, "run-"), Path.Combine(caseDir, "run-"))).ToList();
        }
        // docs rewrites the generated sections under its root: always a copy of the fixture's repository, first.
        if (v.Prefix is ["verify", "docs"])
        {
            CliFuzzFixture.CopyFolder(Path.Combine(CliFuzzFixture.Root, "docs-repo"), Path.Combine(caseDir, "repo"));
            args.InsertRange(2, ["--root", Path.Combine(caseDir, "repo")]);
        }
        var environment = v.Environment.ToDictionary(e => e.Name, e => Resolve(e.Value));

        var artifacts = Path.Combine(Environment.CurrentDirectory, "artifacts");
        bool hadArtifacts = Directory.Exists(artifacts);
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        Exception? escaped = null;
        try
        {
            code = Program.Run([.. args], CliFuzzFixture.Console(output), error, environment: name => environment.GetValueOrDefault(name),
                registry: CliFuzzFixture.Registry);
        }
        catch (Exception e)
        {
            (code, escaped) = (-1, e);
        }
        finally
        {
            if (Directory.Exists(caseDir)) Directory.Delete(caseDir, recursive: true);
        }
        var err = error.ToString();
        int lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return (escaped is null).Label($"an exception escaped Program.Run: {escaped}")
            .And((hadArtifacts || !Directory.Exists(artifacts)).Label($"wrote into {artifacts}, outside the fixture"))
            .And(Documented.Contains(code).Label($"exit code {code} is not documented"))
            .And((!StackTrace().IsMatch(err) && !StackTrace().IsMatch(output.ToString())).Label($"a stack trace: {err}{output}"))
            .And((lines <= 1).Label($"{lines} lines on stderr: {err}"))
            .And((code != 2 || lines == 1).Label($"exit 2 with {lines} lines on stderr"))
            .Classify(code == 0, "exit 0")
            .Classify(code == 1, "exit 1")
            .Classify(code == 2, "exit 2")
            .Classify(true, v.Prefix is ["verify", ..] or ["rd"] ? string.Join(' ', v.Prefix) : "no subcommand");
    }

    /// <summary>A .NET stack frame ("   at Ns.Type.Method(") or the runtime's exception banners.</summary>
    [GeneratedRegex(@"^\s+at \S+\(|--- End of stack trace|Unhandled exception", RegexOptions.Multiline)]
    private static partial Regex StackTrace();
}
