// arXiv 2407.15504, §5 (QuerySelect: a token classifier trained on query-dependent keep labels); spec §5.
// Small TorchSharp stand-ins for the paper's RoBERTa/XLM-RoBERTa classifiers: at smoke and CI scale an embedding, a
// bidirectional GRU and a linear head (below); at paper scale a small transformer encoder (TokenClassifierTransformer.cs).
using System.Collections.Concurrent;
using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Models;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Compressors;

/// <summary>The network of the trained compressors (token classifiers and prompt LM).</summary>
public enum CompressorArchitecture
{
    /// <summary>Embedding, one GRU layer (bidirectional for the classifier, forward for the LM), linear head.</summary>
    Gru,
    /// <summary>Token + learned position embeddings, 2 pre-LayerNorm blocks with 4-head self-attention (bidirectional for the classifier, causal for the LM), linear head.</summary>
    Transformer,
}

/// <summary>
/// Hyperparameters of the token classifiers and the prompt LM (one config trains all three), with presets per scale.
/// <para>
/// Smoke and CI keep the GRU on purpose: the CI claims' recorded numbers and verdicts (docs/papers/PC.md) were measured
/// with it, and its CI training takes seconds, which the test run's budget of about five minutes needs (a clean-clone
/// CI run trains all three models; docs/PERFORMANCE.md). The paper's compressors are transformers (RoBERTa /
/// XLM-RoBERTa classifiers, Pythia LMs), so the paper preset trains small transformers instead; their learning rate
/// and epochs were fixed on held-out accuracy before any paper-scale run.
/// </para>
/// </summary>
/// <param name="Hidden">the width: the GRU's hidden size, or the transformer's d.</param>
public sealed record TokenClassifierConfig(
    int Hidden = 32,
    int Epochs = 6,
    int BatchSize = 64,
    double LearningRate = 1e-2,   // a GRU this small trains in a few hundred steps at 1e-2 with Adam
    int RowsPerQuery = 200,
    int MinLength = 2,
    int MaxLength = 16,           // the paper trains on 2–32; 16 keeps CI training to seconds and covers the 4–10 evaluation lengths
    CompressorArchitecture Architecture = CompressorArchitecture.Gru)
{
    public static TokenClassifierConfig Smoke { get; } = new(Hidden: 16, Epochs: 4, RowsPerQuery: 60);
    public static TokenClassifierConfig Ci { get; } = new();

    /// <summary>
    /// Transformers with d = 32 (2 blocks, 4 heads), Adam 3e-3, 12 epochs (the paper's LLMLingua-2 epochs) on 2,000
    /// rows per query of lengths 2–30. Chosen before any paper-scale run, on prompts no model or claim uses (1,400
    /// validation-length rows from a separate seed): query classifier token accuracy 0.986 / 0.991 (seeds 11 / 12) at
    /// 3e-3 against 0.984 / 0.988 at 1e-3; d = 64 at 1e-3 reached 0.988 for 1.5× the time; the former GRU paper preset
    /// (same rows and epochs, 1e-2) 0.942. The agnostic classifier is exact (1.000) and the LM reaches the chain's
    /// held-out loss (0.3803 vs 0.3801 nats/bit) at 3e-3.
    /// </summary>
    public static TokenClassifierConfig Paper { get; } = new(Epochs: 12, LearningRate: 3e-3, RowsPerQuery: 2000, MaxLength: 30,
        Architecture: CompressorArchitecture.Transformer);

    /// <summary>Everything that determines the trained parameters, for the model cache key (invariant culture); the architecture comes first, so a GRU entry never serves a transformer.</summary>
    public string Describe(long seed) =>
        string.Create(CultureInfo.InvariantCulture, $"arch={ArchitectureKey},hidden={Hidden},epochs={Epochs},batch={BatchSize},lr={LearningRate:R},rows={RowsPerQuery},lengths={MinLength}-{MaxLength},seed={seed}");

    private string ArchitectureKey => Architecture switch
    {
        CompressorArchitecture.Gru => "gru",
        CompressorArchitecture.Transformer => string.Create(CultureInfo.InvariantCulture,
            $"transformer(layers={TokenClassifierTransformer.Layers},heads={TokenClassifierTransformer.Heads},lm-layers={PromptLanguageModelTransformer.Layers},lm-heads={PromptLanguageModelTransformer.Heads},mlp=4d)"),
        _ => throw new ArgumentOutOfRangeException(nameof(Architecture), Architecture, "unknown architecture"),
    };

    /// <summary>A freshly built (not yet initialized) token classifier network of this architecture: (B, T) ids → (B, T) keep logits.</summary>
    internal nn.Module<Tensor, Tensor> NewClassifier(Device? device) => Architecture == CompressorArchitecture.Transformer
        ? new TokenClassifierTransformer(Hidden, device) : new TokenClassifierNet(Hidden, device);

    /// <summary>A freshly built (not yet initialized) prompt LM network of this architecture: (B, 1 + T) ids → (B, 1 + T, 2) next-bit logits.</summary>
    internal nn.Module<Tensor, Tensor> NewLanguageModel(Device? device) => Architecture == CompressorArchitecture.Transformer
        ? new PromptLanguageModelTransformer(Hidden, device) : new PromptLanguageModelNet(Hidden, device);

    /// <summary>The seeded init of a network built by this config: uniform ±1/√hidden for the GRUs (as before), per parameter role for the transformers.</summary>
    internal void Initialize(nn.Module net, long seed)
    {
        if (Architecture == CompressorArchitecture.Transformer) MiniBatchTrainer.InitializeTransformer(net, seed);
        else MiniBatchTrainer.InitializeUniform(net, Hidden, seed);
    }
}

/// <summary>Per-token keep logits for a prompt and a query (or no query, for the query-agnostic labels), from a BiGRU (the smoke and CI network).</summary>
public sealed class TokenClassifierNet : nn.Module<Tensor, Tensor>
{
    /// <summary>Token id = 2·query + bit; query 7 means "no query"; id 16 is padding.</summary>
    public const int Vocabulary = 17, Padding = 16, NoQuery = 7;

    private readonly Embedding embed;
    private readonly GRU gru;
    private readonly Linear head;

    /// <param name="device">Where the parameters live: the run's device (torch's default device when null).</param>
    public TokenClassifierNet(int hidden, Device? device = null) : base(nameof(TokenClassifierNet))
    {
        embed = nn.Embedding(Vocabulary, hidden, device: device);
        gru = nn.GRU(hidden, hidden, numLayers: 1, bias: true, batchFirst: true, dropout: 0, bidirectional: true, device: device);
        head = nn.Linear(2 * hidden, 1, device: device);
        RegisterComponents();
    }

    /// <param name="ids">(B, T) token ids.</param>
    /// <returns>(B, T) keep logits.</returns>
    public override Tensor forward(Tensor ids)
    {
        using var e = embed.call(ids);          // (B, T, d)
        var (o, h) = gru.forward(e, null);      // (B, T, 2d)
        h.Dispose();
        using (o)
        {
            using var logits = head.call(o);    // (B, T, 1)
            return logits.squeeze(-1);          // (B, T)
        }
    }
}

/// <summary>
/// A trained token classifier: keep-probabilities for (x, q), trained on synthetic training rows with the ideal labels
/// (query-dependent for QuerySelect, query-agnostic for LLMLingua-2). Predictions are cached per (x, q).
/// </summary>
public sealed class TokenClassifier
{
    private readonly nn.Module<Tensor, Tensor> net;
    private readonly bool queryAware;
    private readonly ConcurrentDictionary<(string, int), double[]> cache = new();
    private readonly object gate = new();

    private readonly Device device;

    private TokenClassifier(nn.Module<Tensor, Tensor> net, bool queryAware, double finalLoss, Device device)
    {
        this.net = net;
        this.device = device;
        this.queryAware = queryAware;
        FinalLoss = finalLoss;
    }

    /// <summary>Mean masked binary cross-entropy of the last epoch (nats per token).</summary>
    public double FinalLoss { get; }

    public KeepProbabilities Probabilities => (x, q) => cache.GetOrAdd((BitString.ToText(x), queryAware ? (int)q : NoQueryIndex), _ => Predict(x, q));

    private const int NoQueryIndex = TokenClassifierNet.NoQuery;

    /// <summary>Trains on synthetic training rows with the ideal labels (or loads the parameters from <paramref name="cache"/>).</summary>
    /// <param name="device">Where the model is trained and run (torch's default device when null).</param>
    public static TokenClassifier Train(bool queryAware, TokenClassifierConfig config, long seed, TrainedModelCache? cache = null,
        Device? device = null)
    {
        TorchRuntime.Initialize();
        var net = config.NewClassifier(device);
        var on = device ?? get_default_device();
        double TrainNow()
        {
            var rng = new Rng(seed);
            var rows = SyntheticDataset.Generate(new SyntheticSplit(config.RowsPerQuery, config.MinLength, config.MaxLength), rng);
            config.Initialize(net, seed);
            return MiniBatchTrainer.Train(net, rows, config.Epochs, config.BatchSize, config.LearningRate, rng, batch =>
            {
                var (ids, labels, mask) = Encode(batch, queryAware, on);
                var logits = net.call(ids);                                                   // (B, T)
                var loss = nn.functional.binary_cross_entropy_with_logits(logits, labels, weight: mask, reduction: nn.Reduction.Sum);
                return (loss, mask.sum().item<float>());
            }, "token classifier");
        }
        string kind = queryAware ? "token-classifier-query" : "token-classifier-agnostic";
        var (finalLoss, _) = cache is null ? (TrainNow(), ModelCacheOutcome.Uncached) : cache.LoadOrTrain(net, kind, config.Describe(seed) + ComputeDevice.CacheKeySuffix(device), TrainNow);
        net.eval();
        return new TokenClassifier(net, queryAware, finalLoss, on);
    }

    private double[] Predict(byte[] x, BinaryQuery q)
    {
        lock (gate)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var (ids, _, _) = Encode([new PromptRow(x, q, 0)], queryAware, device);
            var p = sigmoid(net.call(ids));                                          // (1, T)
            return p.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        }
    }

    private static (Tensor Ids, Tensor Labels, Tensor Mask) Encode(IReadOnlyList<PromptRow> batch, bool queryAware, Device device)
    {
        int t = batch.Max(r => r.Length);
        var ids = new long[batch.Count * t];
        var labels = new float[batch.Count * t];
        var mask = new float[batch.Count * t];
        for (int b = 0; b < batch.Count; b++)
        {
            var r = batch[b];
            int query = queryAware ? (int)r.Query : TokenClassifierNet.NoQuery;
            var keep = queryAware ? IdealLabels.ForQuery(r.Context, r.Query) : IdealLabels.Agnostic(r.Context);
            for (int i = 0; i < t; i++)
            {
                bool real = i < r.Length;
                ids[b * t + i] = real ? 2 * query + r.Context[i] : TokenClassifierNet.Padding;
                labels[b * t + i] = real && keep[i] ? 1 : 0;
                mask[b * t + i] = real ? 1 : 0;
            }
        }
        return (tensor(ids, [batch.Count, t], device: device), tensor(labels, [batch.Count, t], device: device),
            tensor(mask, [batch.Count, t], device: device));   // (B, T) each
    }
}
