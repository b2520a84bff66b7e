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
/// The synthetic experiments of one registry, by (scale, seed): an explicit cache that <see cref="PromptCompressionClaims"/>
/// creates and hands to every PC claim, so that the claims of one registry share tables, curves and trained models,
/// and two registries share nothing.
/// </summary>
public sealed class SyntheticExperiments
{
    private readonly ConcurrentDictionary<(Scale, int, ComputeDevice), Lazy<SyntheticExperiment>> instances = new();

    public SyntheticExperiment For(ClaimContext context) =>
        instances.GetOrAdd((context.Scale, context.Seed, context.Device), k => new Lazy<SyntheticExperiment>(() => new SyntheticExperiment(k.Item1, k.Item2, k.Item3))).Value;
}

/// <summary>
/// The validation split of the synthetic set for a (scale, seed), the exact oracle, and its distortion tables and
/// curves, built once per <see cref="SyntheticExperiments"/> and shared by the claims (faithful and sabotaged runs
/// read the same table).
/// </summary>
public sealed class SyntheticExperiment
{
    private readonly ConcurrentDictionary<(Loss, Grouping, CandidateKind), Lazy<DistortionTable>> tables = new();
    private readonly ConcurrentDictionary<(Loss, Grouping), Lazy<DistortionRateCurve>> curves = new();
    private readonly ConcurrentDictionary<Loss, Lazy<IReadOnlyList<CompressorPoint>>> answererPoints = new();

    private readonly Lazy<TokenClassifier> queryClassifier;
    private readonly Lazy<TokenClassifier> agnosticClassifier;
    private readonly Lazy<PromptLanguageModel> languageModel;
    private readonly Lazy<ModelBlackBox> answerer;

    internal SyntheticExperiment(Scale scale, int seed, ComputeDevice computeDevice)
    {
        var device = computeDevice.ToTorch();
        var config = scale switch { Scale.Smoke => TokenClassifierConfig.Smoke, Scale.Ci => TokenClassifierConfig.Ci, _ => TokenClassifierConfig.Paper };
        var answererConfig = scale switch { Scale.Smoke => AnswererConfig.Smoke, Scale.Ci => AnswererConfig.Ci, _ => AnswererConfig.Paper };
        var models = TrainedModelCache.Default();
        queryClassifier = new Lazy<TokenClassifier>(() => TokenClassifier.Train(queryAware: true, config, Seeds.Derive(seed, QueryClassifierStream), models, device));
        agnosticClassifier = new Lazy<TokenClassifier>(() => TokenClassifier.Train(queryAware: false, config, Seeds.Derive(seed, AgnosticClassifierStream), models, device));
        languageModel = new Lazy<PromptLanguageModel>(() => PromptLanguageModel.Train(config, Seeds.Derive(seed, LanguageModelStream), models, device));
        answerer = new Lazy<ModelBlackBox>(() => ModelBlackBox.Train(answererConfig, SplitFor(scale).MaxLength, Seeds.Derive(seed, AnswererStream), models, device));
        Split = SplitFor(scale);
        Rows = SyntheticDataset.Generate(Split, Rng.For(seed, "pc.validation"));
        Oracle = OracleBlackBox.For(Rows);
    }

    /// <summary>Seed streams of the trained models (the <c>rd</c> command uses the same, so it shares their cache entries).</summary>
    public const string QueryClassifierStream = "pc.token-classifier", AgnosticClassifierStream = "pc.token-classifier.agnostic",
        LanguageModelStream = "pc.language-model", AnswererStream = "pc.answerer";

    /// <summary>Smoke: 20 rows per query; CI and paper: the paper's validation split (200 rows per query, lengths 4–10).</summary>
    public static SyntheticSplit SplitFor(Scale scale) => scale == Scale.Smoke ? SyntheticSplit.Smoke : SyntheticSplit.Validation;

    public SyntheticSplit Split { get; }

    /// <summary>The TorchSharp token classifier trained on query-dependent labels (trained once per scale and seed, cached on disk).</summary>
    public TokenClassifier QueryClassifier => queryClassifier.Value;

    /// <summary>The token classifier trained on the query-agnostic labels (LLMLingua-2).</summary>
    public TokenClassifier AgnosticClassifier => agnosticClassifier.Value;

    /// <summary>The trained answerer (black box (b)), tabulated over every string up to the split's maximum length.</summary>
    public ModelBlackBox Answerer => answerer.Value;

    /// <summary>The small causal LM of the prompts (query prefix or none), for self-information scores.</summary>
    public PromptLanguageModel LanguageModel => languageModel.Value;

    /// <summary>The methods with trained models: LM-scored Selective Context, LLMLingua and LLMLingua-Query; classifier-based LLMLingua-2, QuerySelect, Adaptive QuerySelect.</summary>
    public IReadOnlyList<PromptCompressor> TrainedMethods() => CompressorEvaluation.TrainedMethods(LanguageModel, AgnosticClassifier, QueryClassifier);

    /// <summary>Every method (exact-score, ideal-label and trained) evaluated with the trained answerer as the black box (once per process).</summary>
    public IReadOnlyList<CompressorPoint> AnswererPoints(Loss loss) =>
        answererPoints.GetOrAdd(loss, l => new Lazy<IReadOnlyList<CompressorPoint>>(() =>
            CompressorEvaluation.StandardMethods().Concat(TrainedMethods()).SelectMany(m => CompressorEvaluation.Evaluate(m, Rows, Answerer, l)).ToList())).Value;

    public IReadOnlyList<PromptRow> Rows { get; }

    public OracleBlackBox Oracle { get; }

    public DistortionTable Table(Loss loss, Grouping grouping, CandidateKind kind = CandidateKind.Subsequences) =>
        tables.GetOrAdd((loss, grouping, kind), k => new Lazy<DistortionTable>(() => DistortionTable.Build(Rows, Oracle, k.Item1, k.Item2, k.Item3))).Value;

    /// <summary>D*(R) of the subsequence table, by the dual algorithm.</summary>
    public DistortionRateCurve Curve(Loss loss, Grouping grouping) =>
        curves.GetOrAdd((loss, grouping), k => new Lazy<DistortionRateCurve>(() => DualDistortionRate.Compute(Table(k.Item1, k.Item2).Problem))).Value;

    public static IReadOnlyList<Loss> Losses { get; } = [Loss.Log, Loss.ZeroOne];

    /// <summary>The rows of the split at <paramref name="scale"/> (7 queries).</summary>
    public static int RowCount(Scale scale) => SplitFor(scale).RowsPerQuery * 7;

    public static string Name(Loss loss, Grouping grouping) =>
        $"{loss.ToCli()}.{(grouping == Grouping.QueryAware ? "aware" : "agnostic")}";
}
