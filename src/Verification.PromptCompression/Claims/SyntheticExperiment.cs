// arXiv 2407.15504, §5.1 (synthetic set, validation split) — the shared data of the PC claims.
using System.Collections.Concurrent;
using Verification.Core.Claims;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Models;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// The synthetic experiments of one registry, by (split, seed, device): an explicit cache that
/// <see cref="PromptCompressionClaims"/> creates and hands to every PC claim, so that the claims of one registry share
/// tables, curves and trained models, and two registries share nothing.
/// </summary>
public sealed class SyntheticExperiments
{
    private readonly ConcurrentDictionary<(SyntheticSplit, int, ComputeDevice), Lazy<SyntheticExperiment>> instances = new();

    /// <summary>The experiment on <paramref name="split"/> for the context's seed and device.</summary>
    public SyntheticExperiment For(SyntheticSplit split, ClaimContext context) =>
        instances.GetOrAdd((split, context.Seed, context.Device), k => new Lazy<SyntheticExperiment>(() => new SyntheticExperiment(k.Item1, k.Item2, k.Item3))).Value;
}

/// <summary>
/// The split of the synthetic set for a (split, seed), the exact oracle, its distortion tables and curves, and the
/// models trained for that seed (by their configs), built once per <see cref="SyntheticExperiments"/> and shared by the
/// claims (faithful and sabotaged runs read the same table).
/// </summary>
public sealed class SyntheticExperiment
{
    private readonly ConcurrentDictionary<(Loss, Grouping, CandidateKind), Lazy<DistortionTable>> tables = new();
    private readonly ConcurrentDictionary<(Loss, Grouping), Lazy<DistortionRateCurve>> curves = new();
    private readonly ConcurrentDictionary<(bool QueryAware, TokenClassifierConfig), Lazy<TokenClassifier>> classifiers = new();
    private readonly ConcurrentDictionary<TokenClassifierConfig, Lazy<PromptLanguageModel>> languageModels = new();
    private readonly ConcurrentDictionary<AnswererConfig, Lazy<ModelBlackBox>> answerers = new();
    private readonly ConcurrentDictionary<(Loss, AnswererConfig, TokenClassifierConfig), Lazy<IReadOnlyList<CompressorPoint>>> answererPoints = new();
    private readonly ConcurrentDictionary<(Loss, Grouping, AnswererConfig), Lazy<(RateDistortionProblem, DistortionRateCurve)>> answererLimits = new();
    private readonly int seed;
    private readonly TorchSharp.torch.Device device;
    private readonly TrainedModelCache models = TrainedModelCache.Default();

    internal SyntheticExperiment(SyntheticSplit split, int seed, ComputeDevice computeDevice)
    {
        this.seed = seed;
        device = computeDevice.ToTorch();
        Split = split;
        Rows = SyntheticDataset.Generate(Split, Rng.For(seed, "pc.validation"));
        Oracle = OracleBlackBox.For(Rows);
    }

    /// <summary>Seed streams of the trained models (the <c>rd</c> command uses the same, so it shares their cache entries).</summary>
    public const string QueryClassifierStream = "pc.token-classifier", AgnosticClassifierStream = "pc.token-classifier.agnostic",
        LanguageModelStream = "pc.language-model", AnswererStream = "pc.answerer";

    public SyntheticSplit Split { get; }

    /// <summary>The TorchSharp token classifier trained on query-dependent labels (once per config and seed, cached on disk).</summary>
    public TokenClassifier QueryClassifier(TokenClassifierConfig config) => Classifier(queryAware: true, config);

    /// <summary>The token classifier trained on the query-agnostic labels (LLMLingua-2).</summary>
    public TokenClassifier AgnosticClassifier(TokenClassifierConfig config) => Classifier(queryAware: false, config);

    private TokenClassifier Classifier(bool queryAware, TokenClassifierConfig config) =>
        classifiers.GetOrAdd((queryAware, config), k => new Lazy<TokenClassifier>(() => TokenClassifier.Train(k.QueryAware, k.Item2,
            Seeds.Derive(seed, k.QueryAware ? QueryClassifierStream : AgnosticClassifierStream), models, device))).Value;

    /// <summary>The small causal LM of the prompts (query prefix or none), for self-information scores.</summary>
    public PromptLanguageModel LanguageModel(TokenClassifierConfig config) =>
        languageModels.GetOrAdd(config, c => new Lazy<PromptLanguageModel>(() => PromptLanguageModel.Train(c, Seeds.Derive(seed, LanguageModelStream), models, device))).Value;

    /// <summary>The trained answerer (black box (b)), tabulated over every string up to the split's maximum length.</summary>
    public ModelBlackBox Answerer(AnswererConfig config) =>
        answerers.GetOrAdd(config, c => new Lazy<ModelBlackBox>(() => ModelBlackBox.Train(c, Split.MaxLength, Seeds.Derive(seed, AnswererStream), models, device))).Value;

    /// <summary>
    /// The methods with trained models (<paramref name="config"/>): LM-scored Selective Context, LLMLingua and
    /// LLMLingua-Query; classifier-based LLMLingua-2, QuerySelect, Adaptive QuerySelect.
    /// </summary>
    public IReadOnlyList<PromptCompressor> TrainedMethods(TokenClassifierConfig config) =>
        CompressorEvaluation.TrainedMethods(LanguageModel(config), AgnosticClassifier(config), QueryClassifier(config));

    /// <summary>Every method (exact-score, ideal-label and trained) evaluated with the trained answerer as the black box (once per experiment).</summary>
    public IReadOnlyList<CompressorPoint> AnswererPoints(Loss loss, AnswererConfig answerer, TokenClassifierConfig compressors) =>
        answererPoints.GetOrAdd((loss, answerer, compressors), k => new Lazy<IReadOnlyList<CompressorPoint>>(() =>
            CompressorEvaluation.StandardMethods().Concat(TrainedMethods(k.Item3))
                .SelectMany(m => CompressorEvaluation.Evaluate(m, Rows, Answerer(k.Item2), k.Item1)).ToList())).Value;

    /// <summary>The table of the trained answerer (black box (b)) on the split's rows and its D*(R) by the dual algorithm (once per experiment).</summary>
    public (RateDistortionProblem Problem, DistortionRateCurve Curve) AnswererLimit(Loss loss, Grouping grouping, AnswererConfig answerer) =>
        answererLimits.GetOrAdd((loss, grouping, answerer), k => new Lazy<(RateDistortionProblem, DistortionRateCurve)>(() =>
        {
            var problem = DistortionTable.Build(Rows, Answerer(k.Item3), k.Item1, k.Item2).Problem;
            return (problem, DualDistortionRate.Compute(problem));
        })).Value;

    public IReadOnlyList<PromptRow> Rows { get; }

    public OracleBlackBox Oracle { get; }

    public DistortionTable Table(Loss loss, Grouping grouping, CandidateKind kind = CandidateKind.Subsequences) =>
        tables.GetOrAdd((loss, grouping, kind), k => new Lazy<DistortionTable>(() => DistortionTable.Build(Rows, Oracle, k.Item1, k.Item2, k.Item3))).Value;

    /// <summary>D*(R) of the subsequence table, by the dual algorithm.</summary>
    public DistortionRateCurve Curve(Loss loss, Grouping grouping) =>
        curves.GetOrAdd((loss, grouping), k => new Lazy<DistortionRateCurve>(() => DualDistortionRate.Compute(Table(k.Item1, k.Item2).Problem))).Value;

    public static IReadOnlyList<Loss> Losses { get; } = [Loss.Log, Loss.ZeroOne];

    public static IReadOnlyList<Grouping> Groupings { get; } = [Grouping.QueryAgnostic, Grouping.QueryAware];

    /// <summary>The four tables of the table claims: each loss, query-agnostic then query-aware, with their names.</summary>
    public static IReadOnlyList<(Loss Loss, Grouping Grouping, string Name)> Tables { get; } =
        [.. Losses.SelectMany(l => Groupings.Select(g => (l, g, Name(l, g))))];

    public static string Name(Loss loss, Grouping grouping) =>
        $"{loss.ToCli()}.{(grouping == Grouping.QueryAware ? "aware" : "agnostic")}";
}
