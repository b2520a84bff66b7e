using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Verification.Core.Data;
using Verification.Core.IO;
using Verification.Core.Reporting;
using Verification.Core.Seeding;
using Verification.PromptCompression.Claims;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Models;
using Verification.PromptCompression.Oracle;

namespace Verification.Cli;

/// <summary>
/// <c>rd</c>: the distortion-rate limits of prompt compression (arXiv 2407.15504) for a user's JSONL data. Writes
/// <c>distortion-rate.csv</c> (<c>rate,agnostic,aware</c>; <c>inf</c> below R0), <c>compressors.csv</c> and
/// <c>distortion-rate.png</c> to <c>--out</c>, each atomically. Without <c>--rates</c> the curves are written at their
/// breakpoints, and breakpoints closer than <see cref="RatePrecision"/> (float noise of the dual solution) are written
/// once. Bad usage or input: <see cref="UsageException"/>.
/// </summary>
public static class RdCommand
{
    /// <summary>The answerer (<c>--black-box model</c>) is trained on synthetic prompts with the CI claims' seed streams at this run seed (so that prompts of ≤ 10 tokens share their cached model), up to this length.</summary>
    public const int ModelSeed = 1, ModelMaxLength = 12;

    /// <summary>Rates in [0, 1] closer than this are one breakpoint (e.g. 0.1471494708994709 and 0.14714947089947095).</summary>
    public const double RatePrecision = 1e-12;

    /// <summary>The black box φ whose distortion the limits are computed for (<c>--black-box</c>).</summary>
    public enum Answerer { Oracle, Model }

    public static Command Build(IAnsiConsole console)
    {
        var data = new Option<string>("--data") { HelpName = "FILE", Description = "JSONL rows {\"context\": \"0110…\", \"query\": \"…\", \"answer\": \"…\"}.", Required = true }
            .ParsedBy(text => OptionParsing.PathValue("--data", text));
        var blackBox = new Option<Answerer?>("--black-box")
        {
            HelpName = "oracle|model",
            Description = "The black box: oracle (default) or model (the trained transformer answerer; compressors.csv then also lists the methods scored by trained models).",
        }.ParsedBy(text => text switch
        {
            "oracle" => Answerer.Oracle,
            "model" => Answerer.Model,
            _ => throw new UsageException($"--black-box: must be oracle or model (got '{text}')"),
        });
        var loss = new Option<Loss?>("--loss") { HelpName = "log|zero-one", Description = "The distortion: log (default) or zero-one." }
            .ParsedBy(text => Distortion.TryParse(text, out var l) ? l : throw new UsageException($"--loss: must be log or zero-one (got '{text}')"));
        var candidates = new Option<CandidateKind?>("--candidates") { HelpName = "subsequences|all-shorter", Description = "The compressed prompts allowed: subsequences (default) or all-shorter." }
            .ParsedBy(text => CandidateSets.TryParse(text, out var k) ? k
                : throw new UsageException($"--candidates: must be subsequences or all-shorter (got '{text}')"));
        var rates = new Option<double[]?>("--rates") { HelpName = "list", Description = "Comma-separated rates in [0, 1] (default: the curves' breakpoints)." }
            .ParsedBy(ParseRates);
        var output = new Option<string>("--out") { HelpName = "DIR", Description = "Output folder.", Required = true }
            .ParsedBy(text => OptionParsing.PathValue("--out", text));
        var command = new Command("rd", "Distortion-rate limits (query-agnostic and query-aware) and compressors for a JSONL dataset.")
        {
            data, blackBox, loss, candidates, rates, output,
        };
        command.SetAction(r => Run(r.GetValue(data)!, r.GetValue(blackBox) ?? Answerer.Oracle, r.GetValue(loss) ?? Loss.Log,
            r.GetValue(candidates) ?? CandidateKind.Subsequences,
            r.GetResult(rates) is null ? null : r.GetValue(rates), r.GetValue(output)!, console));   // an array option not given reads as []
        return command;
    }

    public static int Run(string dataPath, Answerer blackBox, Loss loss, CandidateKind kind, double[]? requested,
        string outDir, IAnsiConsole console)
    {
        if (File.Exists(outDir)) throw new UsageException($"--out: '{outDir}' is a file, not a folder");

        IReadOnlyList<PromptRow> rows;
        DistortionTable agnosticTable, awareTable;
        IBlackBox phi;
        try
        {
            rows = PromptDataset.Load(dataPath);
            int longest = rows.Max(r => r.Length);
            if (blackBox == Answerer.Model && longest > ModelMaxLength)
                throw new UsageException($"--black-box model: the answerer is tabulated for prompts of at most {ModelMaxLength} tokens (the data has {longest})");
            phi = blackBox == Answerer.Model
                ? ModelBlackBox.Train(AnswererConfig.Ci, Math.Max(longest, 2), Seeds.Derive(ModelSeed, SyntheticExperiment.AnswererStream), new TrainedModelCache(DatasetCache.Default()))
                : OracleBlackBox.For(rows);
            var tables = new DistortionTableCache(DatasetCache.Default());
            agnosticTable = tables.GetOrBuild(rows, phi, loss, Grouping.QueryAgnostic, kind);
            awareTable = tables.GetOrBuild(rows, phi, loss, Grouping.QueryAware, kind);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or ArgumentException or IOException)
        {
            throw new UsageException($"--data: {e.Message.Split('\n')[0]}");
        }
        var agnostic = DualDistortionRate.Compute(agnosticTable.Problem);
        var aware = DualDistortionRate.Compute(awareTable.Problem);
        var grid = requested ?? Breakpoints(agnostic.BreakRates.Concat(aware.BreakRates).Append(1.0));

        var curveCsv = new StringBuilder("rate,agnostic,aware\n");
        foreach (double r in grid)
            curveCsv.Append(CultureInfo.InvariantCulture, $"{Significant.Exact(r)},{Significant.Exact(agnostic.Evaluate(r))},{Significant.Exact(aware.Evaluate(r))}\n");

        var phiForMethods = phi;
        var methods = CompressorEvaluation.StandardMethods();
        if (blackBox == Answerer.Model)
        {
            // The trained scorers (CI size, seeds of the CI claims at seed 1: loaded from the model cache when present).
            var models = new TrainedModelCache(DatasetCache.Default());
            var config = TokenClassifierConfig.Ci;
            methods = [.. methods, .. CompressorEvaluation.TrainedMethods(
                PromptLanguageModel.Train(config, Seeds.Derive(ModelSeed, SyntheticExperiment.LanguageModelStream), models),
                TokenClassifier.Train(queryAware: false, config, Seeds.Derive(ModelSeed, SyntheticExperiment.AgnosticClassifierStream), models),
                TokenClassifier.Train(queryAware: true, config, Seeds.Derive(ModelSeed, SyntheticExperiment.QueryClassifierStream), models))];
        }
        var points = methods
            .SelectMany(m => CompressorEvaluation.Evaluate(m, rows, phiForMethods, loss)).ToArray();
        var methodCsv = new StringBuilder("method,query_aware,knob,rate,distortion,limit,gap\n");
        foreach (var p in points)
        {
            double limit = CompressorGaps.LimitAt(p.QueryAware ? aware : agnostic, p.Rate);
            methodCsv.Append(CultureInfo.InvariantCulture,
                $"\"{p.Method}\",{(p.QueryAware ? "true" : "false")},{Significant.Exact(p.Knob)},{Significant.Exact(p.Rate)},{Significant.Exact(p.Distortion)},{Significant.Exact(limit)},{Significant.Exact(p.Distortion - limit)}\n");
        }
        var figure = PromptCompressionFigures.Figure1(loss.ToCli(), loss, agnostic, aware, points, blackBox == Answerer.Model ? "trained answerer" : "oracle");

        try
        {
            AtomicFile.WriteAllText(Path.Combine(outDir, "distortion-rate.csv"), curveCsv.ToString());
            AtomicFile.WriteAllText(Path.Combine(outDir, "compressors.csv"), methodCsv.ToString());
            AtomicFile.WriteAllBytes(Path.Combine(outDir, "distortion-rate.png"), FigureRenderer.Png(figure));
        }
        catch (FileWriteException e) when (e.DiskFull)
        {
            throw new WriteFailedException($"{e.Message}: free space, then run rd again");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out: cannot write to '{outDir}': {e.Message}");
        }
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} rows, {agnosticTable.Problem.Groups.Count} prompts, {awareTable.Problem.Groups.Count} (prompt, query) pairs; R0 = {Significant.Text(agnostic.MinimumRate)}; D*(1): agnostic {Significant.Text(agnostic.Evaluate(1))}, aware {Significant.Text(aware.Evaluate(1))}"));
        console.WriteLine($"wrote {Path.Combine(outDir, "distortion-rate.csv")}, compressors.csv, distortion-rate.png");
        return 0;
    }

    /// <summary>The sorted rates, each kept once: a rate within <see cref="RatePrecision"/> of the one before is dropped.</summary>
    public static double[] Breakpoints(IEnumerable<double> rates)
    {
        var grid = new List<double>();
        foreach (double r in rates.Select(r => Math.Min(1, r)).Order())
            if (grid.Count == 0 || r - grid[^1] > RatePrecision) grid.Add(r);
        if (grid.Count > 0 && grid[^1] < 1 && 1 - grid[^1] <= RatePrecision) grid[^1] = 1;
        return grid.ToArray();
    }

    private static double[] ParseRates(string text)
    {
        var rates = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) || double.IsNaN(r) || r < 0 || r > 1)
                throw new UsageException($"--rates: '{part}' is not a rate in [0, 1]");
            rates.Add(r);
        }
        return rates.ToArray();
    }
}
