using Spectre.Console;
using Verification.Core.IO;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>What a run says about the faults it meets: a write that failed (a full disk), damaged records on resume.</summary>
public static partial class VerifyRunner
{
    /// <summary>Why the run stopped on a write failure, what it kept and how to go on (one line).</summary>
    private static string Kept(FileWriteException e, string staging, VerifyOptions options)
    {
        var fix = e.DiskFull ? "free space" : "fix that";
        if (File.Exists(Path.Combine(staging, RunManifest.FileName)))
            return $"{e.Message}; the finished items are kept in '{staging}': {fix}, then continue with: verify --resume {options.OutDir}";
        try
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);   // not even its run.json: nothing to resume
        }
        catch (IOException)
        {
        }
        return $"{e.Message}; nothing was kept: {fix}, then run again";
    }

    /// <summary>Says which stored records of a resumed run are damaged (cut short, a figure missing): those items run again.</summary>
    private static void ReportDamaged(RunDirectory dir, IReadOnlyList<WorkItem> items, IAnsiConsole console)
    {
        foreach (var item in items.Where(i => i.Part is null))
            if (dir.TryLoad(item.Key, out var damage) is null && damage is not null)
                Line(console, $"damaged record: {damage}; running {item.Key} again");
    }
}
