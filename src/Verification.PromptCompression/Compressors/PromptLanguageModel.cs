// arXiv 2407.15504, §4: Selective Context and LongLLMLingua score tokens with a small causal LM fine-tuned on the
// prompts (Pythia in the paper). A TorchSharp stand-in trained with and without the query as a prefix token: a GRU
// (below) at smoke and CI scale, a small causal transformer (PromptLanguageModelTransformer.cs) at paper scale.
using System.Collections.Concurrent;
using TorchSharp;
using TorchSharp.Modules;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Models;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Compressors;

/// <summary>Next-bit logits after a context token (a query, or "no query") and the bits so far, from a GRU (the smoke and CI network).</summary>
public sealed class PromptLanguageModelNet : nn.Module<Tensor, Tensor>
{
    /// <summary>Ids: bits 0/1, queries 2–8, "no query" 9, padding 10.</summary>
    public const int Vocabulary = 11, NoQuery = 9, Padding = 10;

    private readonly Embedding embed;
    private readonly GRU gru;
    private readonly Linear head;

    /// <param name="device">Where the parameters live: the run's device (torch's default device when null).</param>
    public PromptLanguageModelNet(int hidden, Device? device = null) : base(nameof(PromptLanguageModelNet))
    {
        embed = nn.Embedding(Vocabulary, hidden, device: device);
        gru = nn.GRU(hidden, hidden, numLayers: 1, bias: true, batchFirst: true, dropout: 0, bidirectional: false, device: device);
        head = nn.Linear(hidden, 2, device: device);
        RegisterComponents();
    }

    /// <param name="ids">(B, 1 + T): the context token, then the bits.</param>
    /// <returns>(B, 1 + T, 2): logits of the next bit after each prefix.</returns>
    public override Tensor forward(Tensor ids)
    {
        using var e = embed.call(ids);          // (B, 1+T, d)
        var (o, h) = gru.forward(e, null);      // (B, 1+T, d)
        h.Dispose();
        using (o) return head.call(o);          // (B, 1+T, 2)
    }
}

/// <summary>
/// A small causal LM of the prompts: −ln p(x_t | c, x_&lt;t) with c a query or "no query" (the query token is dropped
/// at random during training, so one model gives both). Scores are cached per (x, c).
/// </summary>
public sealed class PromptLanguageModel
{
    private readonly nn.Module<Tensor, Tensor> net;
    private readonly ConcurrentDictionary<(string, int), double[]> cache = new();
    private readonly ConcurrentDictionary<string, double[]> nextBit = new();
    private readonly object gate = new();

    private readonly Device device;

    private PromptLanguageModel(nn.Module<Tensor, Tensor> net, double finalLoss, Device device)
    {
        this.net = net;
        this.device = device;
        FinalLoss = finalLoss;
    }

    /// <summary>Mean next-bit cross-entropy of the last epoch (nats per bit); the chain's entropy rate is 0.325.</summary>
    public double FinalLoss { get; }

    /// <summary>Trains on synthetic training prompts, the query token dropped at random (or loads the parameters from <paramref name="cache"/>).</summary>
    /// <param name="device">Where the model is trained and run (torch's default device when null).</param>
    public static PromptLanguageModel Train(TokenClassifierConfig config, long seed, TrainedModelCache? cache = null, Device? device = null)
    {
        TorchRuntime.Initialize();
        var net = config.NewLanguageModel(device);
        var on = device ?? get_default_device();
        double TrainNow()
        {
            var rng = new Rng(seed);
            var rows = SyntheticDataset.Generate(new SyntheticSplit(config.RowsPerQuery, config.MinLength, config.MaxLength), rng);
            config.Initialize(net, seed);
            return MiniBatchTrainer.Train(net, rows, config.Epochs, config.BatchSize, config.LearningRate, rng, rowsOfBatch =>
            {
                var batch = rowsOfBatch.Select(r => (r.Context, Context: rng.Bernoulli(0.5) ? 2 + (int)r.Query : PromptLanguageModelNet.NoQuery)).ToArray();
                var (ids, targets, mask) = Encode(batch, on);
                var logits = net.call(ids);                                                          // (B, 1+T, 2)
                var logp = nn.functional.log_softmax(logits, -1).narrow(1, 0, targets.shape[1]);     // (B, T, 2)
                var picked = logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1);                     // (B, T)
                return (-(picked * mask).sum(), mask.sum().item<float>());
            }, "language model");
        }
        var (finalLoss, _) = cache is null ? (TrainNow(), ModelCacheOutcome.Uncached) : cache.LoadOrTrain(net, "language-model", config.Describe(seed) + ComputeDevice.CacheKeySuffix(device), TrainNow);
        net.eval();
        return new PromptLanguageModel(net, finalLoss, on);
    }

    /// <summary>−ln p(x_t | c, x_&lt;t) for every t, with c = the query, or no query when <paramref name="query"/> is null.</summary>
    public double[] SelfInformation(byte[] x, BinaryQuery? query) =>
        cache.GetOrAdd((BitString.ToText(x), query is { } q ? 2 + (int)q : PromptLanguageModelNet.NoQuery), k =>
        {
            lock (gate)
            {
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var (ids, targets, _) = Encode([(x, k.Item2)], device);
                var logp = nn.functional.log_softmax(net.call(ids), -1).narrow(1, 0, x.Length);    // (1, T, 2)
                var picked = logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1);                    // (1, T)
                return (-picked).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            }
        });

    /// <summary>−ln p(next | no query, prefix): the loss of one more bit after a (compressed) prefix, which may be empty. Cached per prefix.</summary>
    public double NextBitLoss(byte[] prefix, int next)
    {
        if (next is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(next), next, "a bit is 0 or 1");
        var losses = nextBit.GetOrAdd(BitString.ToText(prefix), _ =>
        {
            lock (gate)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var ids = tensor(prefix.Select(b => (long)b).Prepend(PromptLanguageModelNet.NoQuery).ToArray(), [1, prefix.Length + 1], device: device);   // (1, 1+T)
                var logp = nn.functional.log_softmax(net.call(ids), -1).select(1, prefix.Length).squeeze(0);   // (2)
                return (-logp).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            }
        });
        return losses[next];
    }

    private static (Tensor Ids, Tensor Targets, Tensor Mask) Encode(IReadOnlyList<(byte[] Bits, int Context)> batch, Device device)
    {
        int t = batch.Max(r => r.Bits.Length);
        var ids = new long[batch.Count * (t + 1)];
        var targets = new long[batch.Count * t];
        var mask = new float[batch.Count * t];
        for (int b = 0; b < batch.Count; b++)
        {
            var (x, context) = batch[b];
            ids[b * (t + 1)] = context;
            for (int i = 0; i < t; i++)
            {
                bool real = i < x.Length;
                ids[b * (t + 1) + 1 + i] = real ? x[i] : PromptLanguageModelNet.Padding;
                targets[b * t + i] = real ? x[i] : 0;
                mask[b * t + i] = real ? 1 : 0;
            }
        }
        return (tensor(ids, [batch.Count, t + 1], device: device), tensor(targets, [batch.Count, t], device: device),
            tensor(mask, [batch.Count, t], device: device));   // (B, 1+T), (B, T), (B, T)
    }
}
