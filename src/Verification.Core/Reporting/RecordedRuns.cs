using System.Globalization;
using System.Text.Json.Nodes;

namespace Verification.Core.Reporting;

/// <summary>
/// One verify run read back from disk for <c>verify history</c> and <c>verify explain</c>: a finished run (its
/// results.json, schema 3 or 2) or a stopped one (only the whole claim records in <c>claims/</c>). <see cref="Label"/>
/// is the shortest ending of its folder path that tells it apart from the other runs read with it.
/// </summary>
public sealed record RecordedRun(string Folder, string Label, string Scale, string CodeVersion, DateTimeOffset? StartedAt, bool Finished,
    IReadOnlyList<ClaimRecord> Claims)
{
    /// <summary>The commit of the run, shortened to 7 characters (or the code version itself when it names none).</summary>
    public string Commit => SourceLink.Commit(CodeVersion) is var c && c != "HEAD" ? c[..7] : CodeVersion;
}

/// <summary>
/// Finds and reads runs: each path is a results.json, a run folder (finished, or a stopped run's folder or staging
/// folder with its <c>claims/</c>), or a folder holding run folders (searched below, e.g. <c>results/</c>). Runs are
/// ordered oldest first, by commit: the commits by the start of their first run (provenance.json), and within a
/// commit the runs by their own start. A stopped run has no provenance.json and takes its commit's place; a run
/// whose commit has no started run goes last. Nothing here asks git, so the order is the same in any copy of the records.
/// </summary>
public static class RecordedRuns
{
    private const int MaxDepth = 4;

    /// <summary>Reads every run under <paramref name="paths"/>; a path that does not exist or holds no run is an <see cref="InvalidDataException"/> (one line).</summary>
    public static IReadOnlyList<RecordedRun> Read(IEnumerable<string> paths)
    {
        var folders = new List<(string Folder, string? File)>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                folders.Add((Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFullPath(path)));
                continue;
            }
            if (!Directory.Exists(path)) throw new InvalidDataException($"'{path}' does not exist");
            var found = RunFoldersUnder(Path.GetFullPath(path), 0).ToList();
            if (found.Count == 0) throw new InvalidDataException($"'{path}' holds no verify run (no results.json, no claims/ records)");
            folders.AddRange(found.Select(f => (f, (string?)null)));
        }
        var distinct = folders.DistinctBy(f => f.File ?? (RunDirectory.IsFinishedRun(f.Folder) ? Path.Combine(f.Folder, "results.json") : f.Folder)).ToList();
        // A results.json under another name (a copy beside the run's own) is labelled by its file name.
        var labels = Labels(distinct.Select(f => f.File is { } x && Path.GetFileName(x) != "results.json" ? x : f.Folder).ToList());
        var runs = distinct.Select((f, i) => Load(f.Folder, f.File, labels[i])).ToList();
        return Ordered(runs);
    }

    /// <summary>Oldest first: see the class summary.</summary>
    public static IReadOnlyList<RecordedRun> Ordered(IReadOnlyList<RecordedRun> runs)
    {
        var firstStart = runs.Where(r => r.StartedAt is not null).GroupBy(r => r.Commit)
            .ToDictionary(g => g.Key, g => g.Min(r => r.StartedAt!.Value));
        DateTimeOffset? CommitTime(RecordedRun r) => firstStart.TryGetValue(r.Commit, out var t) ? t : null;
        return runs.OrderBy(r => CommitTime(r) ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.StartedAt ?? CommitTime(r) ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> RunFoldersUnder(string folder, int depth)
    {
        if (IsRun(folder))
        {
            yield return folder;
            yield break;
        }
        if (depth >= MaxDepth) yield break;
        foreach (var sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            foreach (var run in RunFoldersUnder(sub, depth + 1))
                yield return run;
    }

    private static bool IsRun(string folder) =>
        RunDirectory.IsFinishedRun(folder)
        || (Directory.Exists(Path.Combine(folder, RunDirectory.ClaimsFolderName))
            && Directory.EnumerateFiles(Path.Combine(folder, RunDirectory.ClaimsFolderName), "*.json").Any());

    private static RecordedRun Load(string folder, string? file, string label)
    {
        var started = StartedAt(folder);
        if (file is not null || RunDirectory.IsFinishedRun(folder))
        {
            var doc = ResultsJson.Load(file ?? folder);
            return new RecordedRun(folder, label, doc.Scale, doc.CodeVersion, started, true, doc.Claims);
        }
        var dir = RunDirectory.ForReading(folder);
        var records = Directory.EnumerateFiles(dir.ClaimsFolder, "*.json").Order(StringComparer.Ordinal)
            .Select(ResultsJson.LoadClaimRecord).ToList();
        var manifest = RunManifest.TryRead(folder);
        var order = manifest?.Claims.Select((id, i) => (id, i)).ToDictionary(t => t.id, t => t.i) ?? [];
        records = records.OrderBy(r => order.GetValueOrDefault(r.Id, int.MaxValue)).ThenBy(r => r.Seed).ToList();
        var version = manifest?.CodeVersion ?? records.Select(r => r.CodeVersion).FirstOrDefault(v => v is not null) ?? "unknown";
        return new RecordedRun(folder, label, manifest?.Scale ?? records[0].Scale, version, started, false,
            records.Select(r => r with { CodeVersion = null, ElapsedSeconds = 0 }).ToList());
    }

    /// <summary>The run's start from its provenance.json; null when it has none (a stopped run) or it cannot be read.</summary>
    private static DateTimeOffset? StartedAt(string folder)
    {
        var path = Path.Combine(folder, Provenance.FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var text = JsonNode.Parse(File.ReadAllText(path))?["startedAt"]?.GetValue<string>();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>For each folder the shortest ending of its path (whole segments) that no other folder shares.</summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<string> folders)
    {
        var segments = folders.Select(f => f.Replace('\\', '/').TrimEnd('/').Split('/')).ToList();
        string Tail(int i, int n) => string.Join('/', segments[i].TakeLast(n));
        var labels = new string[folders.Count];
        for (int i = 0; i < folders.Count; i++)
        {
            int n = 1;
            while (n < segments[i].Length && Enumerable.Range(0, folders.Count).Any(j => j != i && Tail(j, n) == Tail(i, n))) n++;
            labels[i] = Tail(i, n);
        }
        return labels;
    }
}
