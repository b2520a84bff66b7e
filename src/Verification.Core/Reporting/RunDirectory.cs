using Verification.Core.Claims;
using Verification.Core.IO;

namespace Verification.Core.Reporting;

/// <summary>
/// A run's output folder. A run writes into a staging folder <c>&lt;out&gt;.partial</c> beside its output folder: each
/// finished work item is saved at once — its figures (PNG + CSV of the series), tables (CSV) and then its record
/// <c>claims/&lt;id&gt;@&lt;seed&gt;.json</c> — and <see cref="Finish"/> writes <c>report.md</c>, <c>timings.json</c> and,
/// last, <c>results.json</c>; then <see cref="Publish"/> renames the staging folder to <c>&lt;out&gt;</c> in one step. Every
/// file is written atomically (temp file + rename), so a run killed at any point leaves only whole records in the
/// staging folder, which <c>verify --resume &lt;out&gt;</c> reuses, and a folder <c>&lt;out&gt;</c> exists only once it holds
/// a finished run. A finished run folder is never written again.
/// </summary>
public sealed class RunDirectory
{
    public const string ClaimsFolderName = "claims";

    /// <summary>The suffix of a run's staging folder: <c>&lt;out&gt;.partial</c>.</summary>
    public const string StagingSuffix = ".partial";

    /// <summary>The staging folder of the run whose output folder is <paramref name="outDir"/>.</summary>
    public static string StagingPathOf(string outDir) =>
        System.IO.Path.GetFullPath(outDir).TrimEnd(System.IO.Path.DirectorySeparatorChar) + StagingSuffix;

    /// <summary>The output folder a staging folder is published to (the path without <c>.partial</c>), or null.</summary>
    public static string? TargetOfStaging(string path)
    {
        var full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        return full.EndsWith(StagingSuffix, StringComparison.Ordinal) ? full[..^StagingSuffix.Length] : null;
    }

    /// <summary>Whether <paramref name="path"/> is a folder that holds a run (finished or not) or anything else.</summary>
    public static bool HoldsAnything(string path) =>
        Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any();

    /// <summary>Whether <paramref name="path"/> holds a finished run (its <c>results.json</c>).</summary>
    public static bool IsFinishedRun(string path) => File.Exists(System.IO.Path.Combine(path, "results.json"));

    /// <summary>Whether <paramref name="path"/> holds a run, finished or not (a manifest, records or results).</summary>
    public static bool HoldsRun(string path) =>
        IsFinishedRun(path) || File.Exists(System.IO.Path.Combine(path, RunManifest.FileName))
        || Directory.Exists(System.IO.Path.Combine(path, ClaimsFolderName));

    private RunDirectory(string path) => Path = path;

    public string Path { get; }

    public string ClaimsFolder => System.IO.Path.Combine(Path, ClaimsFolderName);

    /// <summary>Opens (creating if needed) a writable run folder; an unwritable one is an <see cref="IOException"/>.</summary>
    public static RunDirectory Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full)) throw new IOException($"output path '{path}' is a file, not a folder");
        try
        {
            Directory.CreateDirectory(System.IO.Path.Combine(full, ClaimsFolderName));
            var probe = System.IO.Path.Combine(full, $".write-probe-{Guid.NewGuid():N}");
            AtomicFile.WriteAllText(probe, "");
            File.Delete(probe);
            // Temp files of a run that was killed mid-write: garbage, never read.
            foreach (var stale in Directory.EnumerateFiles(full, ".*.tmp", SearchOption.AllDirectories)) File.Delete(stale);
        }
        catch (IOException e) when (FileWriteException.IsDiskFull(e))
        {
            throw FileWriteException.Of(full, e);   // not a bad --out: the disk is full
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"output folder '{path}' is not writable: {e.Message}", e);
        }
        return new RunDirectory(full);
    }

    /// <summary>An existing run folder, for reading only (nothing is created or written).</summary>
    public static RunDirectory ForReading(string path) => new(System.IO.Path.GetFullPath(path));

    /// <summary>Whether <paramref name="path"/> could be opened as a run folder, without creating anything.</summary>
    public static void EnsureWritable(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full)) throw new IOException($"output path '{path}' is a file, not a folder");
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) throw new IOException($"output folder '{path}' is not writable: '{existing}' is a file");
            existing = System.IO.Path.GetDirectoryName(existing) ?? throw new IOException($"output folder '{path}' has no existing parent");
        }
        try
        {
            var probe = System.IO.Path.Combine(existing, $".write-probe-{Guid.NewGuid():N}");
            AtomicFile.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (IOException e) when (FileWriteException.IsDiskFull(e))
        {
            throw FileWriteException.Of(existing, e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"output folder '{path}' is not writable: {e.Message}", e);
        }
    }

    /// <summary>Saves a finished work item's figures, tables and record; returns the record.</summary>
    public ClaimRecord Save(Evidence evidence, string codeVersion)
    {
        var key = ClaimRecord.WorkKey(evidence.ClaimId, evidence.Seed);
        var files = new List<string>();
        foreach (var f in evidence.Figures)
        {
            var stem = $"{key}.{f.Name}";
            AtomicFile.WriteAllBytes(PathOf(stem + ".png"), FigureRenderer.Png(f));
            AtomicFile.WriteAllText(PathOf(stem + ".csv"), FigureRenderer.Csv(f));
            files.Add(stem + ".png");
            files.Add(stem + ".csv");
        }
        foreach (var t in evidence.Tables)
        {
            var name = $"{key}.{t.Name}.csv";
            AtomicFile.WriteAllText(PathOf(name), FigureRenderer.Csv(t));
            files.Add(name);
        }
        var record = ClaimRecord.From(evidence, codeVersion, files);
        AtomicFile.WriteAllText(RecordPath(key), record.ToJson());
        return record;
    }

    /// <summary>
    /// The stored record of a work item, if there is a whole one whose files are all present. A malformed record is
    /// treated as absent (the item is rerun), never trusted.
    /// </summary>
    public ClaimRecord? TryLoad(string key) => TryLoad(key, out _);

    /// <summary>
    /// As <see cref="TryLoad(string)"/>; <paramref name="damage"/> says why a record that is there cannot be used (cut
    /// short or not a record, another item's, a file it lists is missing) and is null when there is none or it is whole.
    /// </summary>
    public ClaimRecord? TryLoad(string key, out string? damage)
    {
        damage = null;
        var path = RecordPath(key);
        if (!System.IO.File.Exists(path)) return null;
        try
        {
            var record = ClaimRecord.Parse(System.IO.File.ReadAllText(path), path);
            var missing = record.Files.FirstOrDefault(f => !System.IO.File.Exists(PathOf(f)));
            damage = record.Key != key ? $"{path} holds the record of {record.Key}, not of {key}"
                : missing is not null ? $"{path} lists {missing}, which is missing" : null;
            return damage is null ? record : null;
        }
        catch (InvalidDataException e)
        {
            damage = e.Message.Split('\n')[0];
            return null;
        }
    }

    /// <summary>Writes provenance.json, report.md, report.html, timings.json and results.json (last: its presence marks a complete report).</summary>
    public void Finish(RunInfo run, IReadOnlyList<ClaimRecord> records)
    {
        run = run with { Provenance = Provenance.Capture(run.CommandLine, run.Device, run.CodeVersion, run.StartedAt, run.EndedAt ?? run.StartedAt, run.Native) };
        AtomicFile.WriteAllText(PathOf(Provenance.FileName), run.Provenance.ToJson());
        AtomicFile.WriteAllText(PathOf("report.md"), ReportMarkdown.Render(run, records));
        AtomicFile.WriteAllText(PathOf(ReportHtml.FileName), ReportHtml.Render(run, records));
        AtomicFile.WriteAllText(PathOf("timings.json"), ResultsJson.Timings(run, records));
        AtomicFile.WriteAllText(PathOf("results.json"), ResultsJson.Results(run, records));
    }

    /// <summary>
    /// Moves this (finished, staging) folder to <paramref name="outDir"/> in one rename. An empty folder at
    /// <paramref name="outDir"/> is replaced; anything else there is an <see cref="IOException"/> and nothing moves.
    /// </summary>
    public RunDirectory Publish(string outDir)
    {
        var target = System.IO.Path.GetFullPath(outDir).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        if (HoldsAnything(target))
            throw new IOException($"'{outDir}' was filled while the run ran; the finished run stays in '{Path}'");
        if (Directory.Exists(target)) Directory.Delete(target);
        Directory.Move(Path, target);
        return new RunDirectory(target);
    }

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public string RecordPath(string key) => System.IO.Path.Combine(ClaimsFolder, key + ".json");

    /// <summary>Saves every evidence and finishes: the whole report in one call.</summary>
    public static IReadOnlyList<ClaimRecord> Write(string path, RunInfo run, IEnumerable<Evidence> evidence)
    {
        var dir = Open(path);
        var records = evidence.Select(e => dir.Save(e, run.CodeVersion)).ToList();
        dir.Finish(run, records);
        return records;
    }
}
