using System.CommandLine;
using Spectre.Console;
using Verification.Core.Claims;

namespace Verification.Cli;

/// <summary>
/// <c>verify docs [--check] [--root DIR]</c>: writes the generated sections of the docs from the committed records
/// (<see cref="DocsGenerator"/>). With <c>--check</c> it writes nothing and exits 1 when a generated file is stale
/// (listing it), 0 when all are current. Bad input (no repository root, a malformed record, a missing marker): one
/// line on stderr, exit 2, nothing written.
/// </summary>
public static class DocsCommand
{
    public static Command Build(ClaimRegistry registry, IAnsiConsole console)
    {
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a generated section or file is stale." };
        var root = new Option<string?>("--root") { HelpName = "dir", Description = "The repository root (default: the folder holding Verification.sln above the current one)." };
        var command = new Command("docs", "Write the tables of results/paper/README.md and docs/papers/*.md from the committed paper-scale records.") { check, root };
        command.SetAction(r =>
        {
            string dir = r.GetValue(root) ?? DocsGenerator.FindRoot(Directory.GetCurrentDirectory())
                         ?? throw new UsageException("no Verification.sln in the current folder or above it; pass --root");
            if (!File.Exists(Path.Combine(dir, "Verification.sln"))) throw new UsageException($"--root: '{dir}' holds no Verification.sln");
            var writer = console.Profile.Out.Writer;
            try
            {
                if (r.GetValue(check))
                {
                    var stale = DocsGenerator.Stale(dir, registry);
                    foreach (var path in stale) writer.WriteLine($"stale: {path}");
                    writer.WriteLine(stale.Count == 0 ? "generated docs are current" : $"regenerate with `{DocsGenerator.Command}`");
                    writer.Flush();
                    return stale.Count == 0 ? 0 : 1;
                }
                foreach (var path in DocsGenerator.Write(dir, registry)) writer.WriteLine($"wrote {path}");
                writer.Flush();
                return 0;
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }
        });
        return command;
    }
}
