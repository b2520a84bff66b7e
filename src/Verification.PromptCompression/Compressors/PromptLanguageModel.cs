// arXiv 2407.15504, §4: Selective Context and LongLLMLingua score tokens with a small causal LM fine-tuned on the
// prompts (Pythia in the paper). A TorchSharp GRU stand-in, trained with and without the query as a prefix token.
using System.Collections.Concurrent;
using TorchSharp;
using TorchSharp.Modules;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Compressors;

/// <summary>Next-bit logits after a context token (a query, or "no query") and the bits so far.</summary>
public sealed class PromptLanguageModelNet : nn.Module<Tensor, Tensor>
{
    /// <summary>Ids: bits 0/1, queries 2–8, "no query" 9, padding 10.</summary>
    public const int Vocabulary = 11, NoQuery = 9, Padding = 10;

    private readonly Embedding embed;
    private readonly GRU gru;
    private readonly Linear head;

    public PromptLanguageModelNet(int hidden) : base(nameof(PromptLanguageModelNet))
    {
        embed = nn.Embedding(Vocabulary, hidden);
        gru = nn.GRU(hidden, hidden, numLayers: 1, bias: true, batchFirst: true, dropout: 0, bidirectional: false);
        head = nn.Linear(hidden, 2);
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
    private readonly PromptLanguageModelNet net;
    private readonly ConcurrentDictionary<(string, int), double[]> cache = new();
    private readonly object gate = new();

    private PromptLanguageModel(PromptLanguageModelNet net, double finalLoss)
    {
        this.net = net;
        FinalLoss = finalLoss;
    }

    /// <summary>Mean next-bit cross-entropy of the last epoch (nats per bit); the chain's entropy rate is 0.325.</summary>
    public double FinalLoss { get; }

    public static PromptLanguageModel Train(TokenClassifierConfig config, long seed)
    {
        TorchRuntime.Initialize();
        var rng = new Rng(seed);
        var rows = SyntheticDataset.Generate(new SyntheticSplit(config.RowsPerQuery, config.MinLength, config.MaxLength), rng);
        var net = new PromptLanguageModelNet(config.Hidden);
        var generator = new Generator((ulong)seed, CPU);
        using (no_grad())
        {
            double a = 1 / Math.Sqrt(config.Hidden);
            foreach (var p in net.parameters()) p.uniform_(-a, a, generator);
        }
        var optimizer = optim.Adam(net.parameters(), config.LearningRate);
        var order = Enumerable.Range(0, rows.Count).ToArray();
        double epochLoss = double.NaN;
        for (int epoch = 0; epoch < config.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double total = 0;
            long bits = 0;
            for (int start = 0; start < order.Length; start += config.BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.Skip(start).Take(config.BatchSize)
                    .Select(i => (rows[i].Context, Context: rng.Bernoulli(0.5) ? 2 + (int)rows[i].Query : PromptLanguageModelNet.NoQuery)).ToArray();
                var (ids, targets, mask) = Encode(batch);
                optimizer.zero_grad();
                var logits = net.call(ids);                                                          // (B, 1+T, 2)
                var logp = nn.functional.log_softmax(logits, -1).narrow(1, 0, targets.shape[1]);     // (B, T, 2)
                var picked = logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1);                     // (B, T)
                var loss = -(picked * mask).sum();
                var count = mask.sum().item<float>();
                (loss / count).backward();
                optimizer.step();
                total += loss.item<float>();
                bits += (long)count;
            }
            epochLoss = total / bits;
            if (!double.IsFinite(epochLoss)) throw new InvalidOperationException($"language model training diverged at epoch {epoch}");
        }
        net.eval();
        return new PromptLanguageModel(net, epochLoss);
    }

    /// <summary>−ln p(x_t | c, x_&lt;t) for every t, with c = the query, or no query when <paramref name="query"/> is null.</summary>
    public double[] SelfInformation(byte[] x, BinaryQuery? query) =>
        cache.GetOrAdd((BitString.ToText(x), query is { } q ? 2 + (int)q : PromptLanguageModelNet.NoQuery), k =>
        {
            lock (gate)
            {
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var (ids, targets, _) = Encode([(x, k.Item2)]);
                var logp = nn.functional.log_softmax(net.call(ids), -1).narrow(1, 0, x.Length);    // (1, T, 2)
                var picked = logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1);                    // (1, T)
                return (-picked).to_type(ScalarType.Float64).data<double>().ToArray();
            }
        });

    private static (Tensor Ids, Tensor Targets, Tensor Mask) Encode(IReadOnlyList<(byte[] Bits, int Context)> batch)
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
        return (tensor(ids, batch.Count, t + 1), tensor(targets, batch.Count, t), tensor(mask, batch.Count, t));
    }
}
