// arXiv 2407.15504, §5 (QuerySelect: a token classifier trained on query-dependent keep labels); spec §5.
// A small TorchSharp stand-in for the paper's RoBERTa/XLM-RoBERTa classifiers: embedding, bidirectional GRU, linear head.
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

/// <summary>Hyperparameters of the token classifier, with presets per scale.</summary>
public sealed record TokenClassifierConfig(
    int Hidden = 32,
    int Epochs = 6,
    int BatchSize = 64,
    double LearningRate = 1e-2,   // a GRU this small trains in a few hundred steps at 1e-2 with Adam
    int RowsPerQuery = 200,
    int MinLength = 2,
    int MaxLength = 16)           // the paper trains on 2–32; 16 keeps CI training to seconds and covers the 4–10 evaluation lengths
{
    public static TokenClassifierConfig Smoke { get; } = new(Hidden: 16, Epochs: 4, RowsPerQuery: 60);
    public static TokenClassifierConfig Ci { get; } = new();
    public static TokenClassifierConfig Paper { get; } = new(Epochs: 12, RowsPerQuery: 2000, MaxLength: 30);

    /// <summary>Everything that determines the trained parameters, for the model cache key (invariant culture).</summary>
    public string Describe(long seed) =>
        string.Create(CultureInfo.InvariantCulture, $"hidden={Hidden},epochs={Epochs},batch={BatchSize},lr={LearningRate:R},rows={RowsPerQuery},lengths={MinLength}-{MaxLength},seed={seed}");
}

/// <summary>Per-token keep logits for a prompt and a query (or no query, for the query-agnostic labels).</summary>
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
    private readonly TokenClassifierNet net;
    private readonly bool queryAware;
    private readonly ConcurrentDictionary<(string, int), double[]> cache = new();
    private readonly object gate = new();

    private readonly Device device;

    private TokenClassifier(TokenClassifierNet net, bool queryAware, double finalLoss, Device device)
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
        var net = new TokenClassifierNet(config.Hidden, device);
        var on = device ?? get_default_device();
        double TrainNow()
        {
            var rng = new Rng(seed);
            var rows = SyntheticDataset.Generate(new SyntheticSplit(config.RowsPerQuery, config.MinLength, config.MaxLength), rng);
            MiniBatchTrainer.InitializeUniform(net, config.Hidden, seed);
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
