using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>
/// <c>verify cost-hints DIR… [--root DIR]</c>: rewrites the committed hints <c>src/Verification.Cli/CostHints/&lt;scale&gt;.json</c>
/// (<see cref="CostHints"/>) from run records, for each scale whose runs recorded seconds. A run's seconds per claim
/// are its timings.json (a finished run) or its claims/ records (a stopped one), the largest over seeds; runs are read
/// oldest first (<see cref="RecordedRuns"/>) and the latest run of a claim wins. Claims this version does not know are
/// left out, and so are the split claims of a <c>--split</c> run (its record times only the assembly, not the parts).
/// Exit 0; bad input (a missing folder, no run, unreadable JSON, a root without src/Verification.Cli, no seconds at
/// all): one line on stderr, exit 2, nothing written.
/// </summary>
public static class CostHintsCommand
{
    public static Command Build(ClaimRegistry registry, IAnsiConsole console)
    {
        var inputs = new Argument<string[]>("DIR")
        {
            Description = "Runs to read: run folders, results.json files, or folders holding runs (e.g. results/paper).",
            Arity = ArgumentArity.OneOrMore,
        };
        var root = new Option<string?>("--root") { HelpName = "dir", Description = "The repository root (default: the folder holding Verification.sln above the current one)." };
        var command = new Command("cost-hints", "Rewrite the committed seconds per claim (src/Verification.Cli/CostHints/<scale>.json) that order a run's work longest first.")
        {
            inputs, root,
        };
        command.SetAction(r =>
        {
            string dir = r.GetValue(root) ?? DocsGenerator.FindRoot(Directory.GetCurrentDirectory())
                         ?? throw new UsageException("no Verification.sln in the current folder or above it; pass --root");
            return Run(r.GetValue(inputs)!, dir, registry, console);
        });
        return command;
    }

    public static int Run(IReadOnlyList<string> inputs, string root, ClaimRegistry registry, IAnsiConsole console)
    {
        if (!Directory.Exists(Path.Combine(root, "src", "Verification.Cli")))
            throw new UsageException($"--root: '{root}' holds no src/Verification.Cli");
        Dictionary<Scale, Dictionary<string, double>> hints;
        try
        {
            hints = FromRuns(RecordedRuns.Read(inputs), registry);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        if (hints.Count == 0)
            throw new UsageException($"no run read records seconds per claim (timings.json or claims/ records): {string.Join(", ", inputs)}");
        var writer = console.Profile.Out.Writer;
        foreach (var (scale, seconds) in hints.OrderBy(h => h.Key))
        {
            var path = Path.Combine(root, CostHints.CommittedFolder, $"{scale.ToCli()}.json");
            AtomicFile.WriteAllText(path, CostHints.ToJson(seconds));
            writer.WriteLine($"wrote {path} ({seconds.Count} claims)");
        }
        writer.Flush();
        return 0;
    }

    /// <summary>Per scale, per claim the seconds of its latest run (<paramref name="runs"/> oldest first); scales without seconds are absent.</summary>
    public static Dictionary<Scale, Dictionary<string, double>> FromRuns(IReadOnlyList<RecordedRun> runs, ClaimRegistry registry)
    {
        var hints = new Dictionary<Scale, Dictionary<string, double>>();
        foreach (var run in runs)
        {
            if (!ScaleNames.TryParse(run.Scale, out var scale)) continue;
            bool split = RunManifest.TryRead(run.Folder)?.Split ?? false;
            foreach (var (id, seconds) in SecondsOf(run.Folder))
            {
                if (!registry.TryGet(id, out var claim) || seconds <= 0) continue;
                if (split && claim.Scales.Contains(scale) && claim.SubUnits(scale) > 1) continue;
                if (!hints.TryGetValue(scale, out var perClaim)) hints[scale] = perClaim = new Dictionary<string, double>(StringComparer.Ordinal);
                perClaim[id] = Math.Round(seconds, 1);
            }
        }
        return hints;
    }

    /// <summary>A run's seconds per claim, the largest over its seeds: timings.json, else the claims/ records' own.</summary>
    private static IEnumerable<(string Id, double Seconds)> SecondsOf(string folder)
    {
        var perKey = new List<(string Key, double Seconds)>();
        var timings = Path.Combine(folder, "timings.json");
        var claims = Path.Combine(folder, RunDirectory.ClaimsFolderName);
        if (File.Exists(timings))
        {
            try
            {
                var root = JsonDocument.Parse(File.ReadAllText(timings)).RootElement;
                perKey.AddRange(root.GetProperty("claims").EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                throw new InvalidDataException($"'{timings}' is not a verify timings.json ({e.Message.Split('\n')[0].Trim()})", e);
            }
        }
        else if (Directory.Exists(claims))
        {
            perKey.AddRange(Directory.EnumerateFiles(claims, "*.json").Select(ResultsJson.LoadClaimRecord).Select(r => (r.Key, r.ElapsedSeconds)));
        }
        return perKey.Where(k => k.Key.LastIndexOf('@') > 0)
            .GroupBy(k => k.Key[..k.Key.LastIndexOf('@')], StringComparer.Ordinal)
            .Select(g => (g.Key, g.Max(k => k.Seconds)));
    }
}
