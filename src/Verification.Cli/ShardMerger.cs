using System.Text.Json;
using Verification.Core.Claims;
using Verification.Core.IO;
using Verification.Core.Reporting;

namespace Verification.Cli;

/// <summary>
/// <c>verify merge DIR… --out OUT</c>: combines the outputs of complete runs (typically the shards of one work list)
/// into one report. Every input must be complete (have results.json), agree on scale, device and code version, and
/// together hold each work item once; shards must cover 1..n. The merged items are ordered as the unsharded run
/// orders them, so the merged results.json equals the unsharded one byte for byte; the merged run.json records
/// <c>split</c> when the shards ran with <c>--split</c> (their run.json says so). Like a run, the merge writes into
/// <c>OUT.partial</c> and renames it to <c>OUT</c> at the end; OUT must be new or empty. When a file cannot be written
/// (a full disk) the merge removes <c>OUT.partial</c> (the inputs are untouched, so merging again redoes it) and says so.
/// </summary>
public static class ShardMerger
{
    public static (IReadOnlyList<ClaimRecord> Records, Scale Scale) Merge(IReadOnlyList<string> inputs, string outDir, ClaimRegistry registry,
        string commandLine = "", string? sourceLink = null)
    {
        if (inputs.Count == 0) throw new UsageException("give at least one verify output folder");
        VerifyOptions.RefuseOccupied(outDir);
        var records = new Dictionary<string, (ClaimRecord Record, string Dir)>();
        var seeds = new List<int>();
        string? scale = null, device = null, code = null;
        var shards = new List<Shard>();
        var assemble = new List<string>();   // assemblies of split claims, left to the merge by the shards
        bool split = false;                  // whether the inputs ran with --split (their run.json), recorded in the merged one
        foreach (var input in inputs)
        {
            var results = Path.Combine(input, "results.json");
            if (!File.Exists(results)) throw new UsageException(Unfinished(input));
            ResultsDocument shard;
            try
            {
                shard = ResultsJson.Load(results);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }
            if (shard.Schema != ResultsJson.Schema)
                throw new UsageException($"'{results}' is {shard.Schema}, from an older version: merge shards this version ran " +
                                         $"({ResultsJson.Schema}); verify compare still reads it");
            try
            {
                split |= RunManifest.TryRead(input)?.Split == true;
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }
            Agree(ref scale, shard.Scale, "scale", input);
            Agree(ref device, shard.Device, "device", input);
            Agree(ref code, shard.CodeVersion, "code version", input);
            foreach (var s in shard.Seeds)
                if (!seeds.Contains(s)) seeds.Add(s);
            var shardFile = Path.Combine(input, VerifyRunner.ShardFile);
            if (File.Exists(shardFile))
            {
                var shardJson = JsonDocument.Parse(File.ReadAllText(shardFile)).RootElement;
                shards.Add(Shard.Parse(shardJson.GetProperty("shard").GetString()!));
                if (shardJson.TryGetProperty("assembleAtMerge", out var keys))
                    foreach (var k in keys.EnumerateArray().Select(e => e.GetString()!))
                        if (!assemble.Contains(k)) assemble.Add(k);
            }

            var dir = RunDirectoryAt(input);
            foreach (var key in shard.Claims.Select(c => c.Key))
            {
                var record = dir.TryLoad(key, out var damage)
                    ?? throw new UsageException($"'{input}' lists {key} but its record is {(damage is null ? "missing" : $"damaged: {damage}")}");
                if (!registry.TryGet(record.Id, out _))
                    throw new UsageException($"'{input}' holds claim '{record.Id}', which this version does not know");
                if (!records.TryAdd(key, (record, input)))
                    throw new UsageException($"{key} appears in both '{records[key].Dir}' and '{input}'");
            }
        }
        if (shards.Count > 0)
        {
            int n = shards[0].Count;
            var missing = Enumerable.Range(1, n).Where(i => !shards.Any(s => s.Index == i)).Select(i => $"{i}/{n}").ToList();
            if (shards.Count != inputs.Count || shards.Any(s => s.Count != n) || missing.Count > 0 || shards.Count != n)
                throw new UsageException($"the inputs are not the complete set of shards 1..{n} of one run (got {string.Join(", ", shards)})" +
                    (missing.Count > 0 ? $"; missing shard(s) {string.Join(", ", missing)}: finish them (verify --resume DIR) or rerun them, then merge again" : ""));
        }

        var staging = RunDirectory.StagingPathOf(outDir);
        try
        {
            RunDirectory target;
            try
            {
                RunDirectory.EnsureWritable(outDir);
                target = RunDirectory.Open(staging);
            }
            catch (IOException e) when (e is not FileWriteException)
            {
                throw new UsageException($"--out: {e.Message}");
            }
            return Write(target, outDir, registry, commandLine, sourceLink, inputs, records, seeds, scale!, device!, code!, assemble, split);
        }
        catch (IOException e) when (e is FileWriteException || FileWriteException.IsDiskFull(e))
        {
            var failure = e as FileWriteException ?? FileWriteException.Of(staging, e);
            try
            {
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            }
            catch (IOException)
            {
            }
            throw new WriteFailedException($"{failure.Message}; the merge kept nothing (its inputs are untouched): " +
                                           $"{(failure.DiskFull ? "free space" : "fix that")}, then merge again");
        }
    }

    /// <summary>The merge proper, into the staging folder <paramref name="target"/>, published as <paramref name="outDir"/>.</summary>
    private static (IReadOnlyList<ClaimRecord> Records, Scale Scale) Write(RunDirectory target, string outDir, ClaimRegistry registry,
        string commandLine, string? sourceLink, IReadOnlyList<string> inputs, Dictionary<string, (ClaimRecord Record, string Dir)> records, List<int> seeds,
        string scale, string device, string code, List<string> assemble, bool split)
    {
        ScaleNames.TryParse(scale, out var sc);
        if (assemble.Count > 0) Assemble(assemble, inputs, target, registry, sc, device!, code!, records);

        var order = registry.All.Select((c, i) => (c.Id, i)).ToDictionary(t => t.Id, t => t.i);
        var merged = records.Values
            .OrderBy(v => order[v.Record.Id]).ThenBy(v => seeds.IndexOf(v.Record.Seed))
            .ToList();

        foreach (var (record, dir) in merged)
        {
            if (Path.GetFullPath(dir) != Path.GetFullPath(target.Path))
                foreach (var f in record.Files)
                {
                    // Files keep their place relative to the run folder (figures/, tables/, or the top in older runs).
                    Directory.CreateDirectory(Path.GetDirectoryName(target.PathOf(f))!);
                    File.Copy(RunDirectory.ForReading(dir).PathOf(f), target.PathOf(f), overwrite: true);
                }
            Verification.Core.IO.AtomicFile.WriteAllText(target.RecordPath(record.Key), record.ToJson());
        }
        var claimIds = merged.Select(m => m.Record.Id).Distinct().ToList();
        Verification.Core.IO.AtomicFile.WriteAllText(target.PathOf(RunManifest.FileName),
            new RunManifest(sc.ToCli(), seeds, claimIds, device!, Shard.Whole.ToString(), code!) { Split = split }.ToJson());
        var run = new RunInfo(sc, seeds, device!, code!, DateTimeOffset.UtcNow)
            { CommandLine = commandLine, Claims = ClaimMeta.Of(registry.All), Native = LibTorchChoice.Native(Verification.Core.Runtime.ComputeDevice.Parse(device!)), SourceLink = sourceLink };
        var list = merged.Select(m => m.Record).ToList();
        target.Finish(run with { EndedAt = DateTimeOffset.UtcNow }, list);
        try
        {
            target.Publish(outDir);
        }
        catch (IOException e)
        {
            throw new UsageException($"--out: {e.Message}");
        }
        return (list, sc);
    }

    /// <summary>Why <paramref name="input"/> (no results.json) cannot be merged, with advice that works.</summary>
    private static string Unfinished(string input)
    {
        var trimmed = input.TrimEnd(Path.DirectorySeparatorChar);
        if (RunDirectory.TargetOfStaging(input) is not null && File.Exists(Path.Combine(input, RunManifest.FileName)))
            return $"'{input}' is an unfinished run: finish it with: verify --resume {trimmed[..^RunDirectory.StagingSuffix.Length]}";
        if (File.Exists(Path.Combine(RunDirectory.StagingPathOf(input), RunManifest.FileName)))
            return $"'{input}' is not finished (its items are in '{trimmed}{RunDirectory.StagingSuffix}'): finish it with: verify --resume {input}";
        return $"'{input}' is not a complete verify output folder (no results.json)";
    }

    /// <summary>
    /// The assemblies of split claims (<c>verify --split</c> over several shards): the shards' sub-unit files are
    /// gathered into the output, then each claim at its seed is evaluated reading them — the evidence of the unsplit
    /// run. This runs claim code, so it needs the build that ran the shards (same code version).
    /// </summary>
    private static void Assemble(IReadOnlyList<string> keys, IReadOnlyList<string> inputs, RunDirectory target, ClaimRegistry registry,
        Scale scale, string device, string code, Dictionary<string, (ClaimRecord Record, string Dir)> records)
    {
        if (code != VerifyRunner.CodeVersion())
            throw new UsageException($"merge: the shards split long claims into sub-units, which the merge assembles by running them: " +
                                     $"use the build that ran the shards (code version {code}; this is {VerifyRunner.CodeVersion()})");
        foreach (var input in inputs)
        {
            var from = Path.Combine(input, VerifyRunner.SubUnitsFolder);
            if (!Directory.Exists(from)) continue;
            foreach (var file in Directory.GetFiles(from, "*.json", SearchOption.AllDirectories))
            {
                var to = Path.Combine(target.Path, VerifyRunner.SubUnitsFolder, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to, overwrite: true);
            }
        }
        Verification.Core.Runtime.ComputeDevice computeDevice;
        try
        {
            computeDevice = Verification.Core.Runtime.ComputeDevice.Parse(device).EnsureAvailable();
        }
        catch (Verification.Core.Runtime.DeviceUnavailableException e)
        {
            throw new UsageException($"merge: the split claims are assembled on the shards' device ({device}): {e.Message}");
        }
        foreach (var key in keys)
        {
            int at = key.LastIndexOf('@');
            if (at < 0 || !int.TryParse(key[(at + 1)..], out int seed) || !registry.TryGet(key[..at], out var claim))
                throw new UsageException($"merge: cannot assemble '{key}': not a claim@seed this version knows");
            var store = VerifyRunner.SubUnitStoreOf(target.Path, claim, seed, scale, device, code);
            var evidence = claim.Evaluate(scale, seed, computeDevice, subUnits: SubUnitPlan.Assemble(store));
            var record = target.Save(evidence, code);
            if (!records.TryAdd(record.Key, (record, target.Path)))
                throw new UsageException($"merge: {record.Key} was both run by a shard and left to the merge");
        }
    }

    private static RunDirectory RunDirectoryAt(string path) => RunDirectory.ForReading(path);

    private static void Agree(ref string? value, string? next, string what, string input)
    {
        if (value is null) value = next;
        else if (value != next) throw new UsageException($"'{input}' has {what} '{next}', the others '{value}'");
    }
}
