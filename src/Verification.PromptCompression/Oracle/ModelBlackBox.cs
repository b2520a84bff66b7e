// arXiv 2407.15504, §5.1 (the black box: an LLM fine-tuned on uncompressed prompts); spec §4, CPU substitute (b).
// A small TorchSharp answerer (embedding + GRU, not the spec's 2-layer transformer) trained on uncompressed prompts,
// then tabulated once over every (m, q) with len(m) ≤ MaxLength.
using TorchSharp;
using TorchSharp.Modules;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Oracle;

/// <summary>Answer logits over a shared alphabet: counts 0…<see cref="MaxCount"/>, then No, Yes.</summary>
public sealed class AnswererNet : nn.Module<Tensor, Tensor>
{
    public const int MaxCount = 16, Classes = MaxCount + 3, Padding = 9;

    private readonly Embedding embed;
    private readonly GRU gru;
    private readonly Linear head;

    public AnswererNet(int hidden) : base(nameof(AnswererNet))
    {
        embed = nn.Embedding(10, hidden);
        gru = nn.GRU(hidden, hidden, numLayers: 1, bias: true, batchFirst: true, dropout: 0, bidirectional: true);
        head = nn.Linear(2 * hidden, Classes);
        RegisterComponents();
    }

    /// <param name="ids">(B, 1 + T): query token 2 + q, then the bits (padding 9 at the end).</param>
    /// <returns>(B, Classes) answer logits, read at the query token (the backward GRU has seen every bit).</returns>
    public override Tensor forward(Tensor ids)
    {
        using var e = embed.call(ids);          // (B, 1+T, d)
        var (o, h) = gru.forward(e, null);      // (B, 1+T, 2d)
        h.Dispose();
        using (o)
        using (var first = o.select(1, 0))      // (B, 2d)
            return head.call(first);            // (B, Classes)
    }

    /// <summary>The class of an answer code of query q.</summary>
    public static int ClassOf(BinaryQuery q, int code) => q == BinaryQuery.Palindrome ? MaxCount + 1 + code : code;
}

/// <summary>The trained answerer as a black box: φ(y | m, q) looked up in a table filled once after training.</summary>
public sealed class ModelBlackBox : IBlackBox
{
    private readonly Dictionary<(int, BinaryQuery), double[]> table;

    private ModelBlackBox(Dictionary<(int, BinaryQuery), double[]> table, double finalLoss, int maxLength)
    {
        this.table = table;
        FinalLoss = finalLoss;
        MaxLength = maxLength;
    }

    public string Name => $"answerer(gru, maxlen={MaxLength})";

    public double FinalLoss { get; }

    public int MaxLength { get; }

    /// <summary>Trains on uncompressed training prompts of lengths 1…maxLength and tabulates φ over every string up to maxLength.</summary>
    public static ModelBlackBox Train(TokenClassifierConfig config, int maxLength, long seed)
    {
        if (maxLength < 1 || maxLength > 12) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be in 1…12");
        TorchRuntime.Initialize();
        var rng = new Rng(seed);
        var rows = SyntheticDataset.Generate(new SyntheticSplit(config.RowsPerQuery, 2, maxLength), rng).ToList();
        var net = new AnswererNet(config.Hidden);
        using (no_grad())
        {
            var generator = new Generator((ulong)seed, CPU);
            double a = 1 / Math.Sqrt(config.Hidden);
            foreach (var p in net.parameters()) p.uniform_(-a, a, generator);
        }
        var optimizer = optim.Adam(net.parameters(), config.LearningRate);
        var order = Enumerable.Range(0, rows.Count).ToArray();
        double epochLoss = double.NaN;
        for (int epoch = 0; epoch < 2 * config.Epochs; epoch++)   // answers need more passes than per-token labels
        {
            rng.Shuffle(order);
            double total = 0;
            for (int start = 0; start < order.Length; start += config.BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.Skip(start).Take(config.BatchSize).Select(i => rows[i]).ToArray();
                var ids = Encode(batch.Select(r => (BitString.FromBits(r.Context), r.Query)).ToArray());
                var target = tensor(batch.Select(r => (long)AnswererNet.ClassOf(r.Query, Math.Min(r.Answer, AnswererNet.MaxCount))).ToArray());
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(net.call(ids), target);
                loss.backward();
                optimizer.step();
                total += loss.item<float>() * batch.Length;
            }
            epochLoss = total / rows.Count;
            if (!double.IsFinite(epochLoss)) throw new InvalidOperationException($"answerer training diverged at epoch {epoch}");
        }
        net.eval();
        var keys = new List<(int, BinaryQuery)>();
        for (int len = 1; len <= maxLength; len++)
            for (int bits = 0; bits < 1 << len; bits++)
                foreach (var q in BinaryQueries.All) keys.Add(((1 << len) | bits, q));
        var result = new Dictionary<(int, BinaryQuery), double[]>(keys.Count);
        for (int start = 0; start < keys.Count; start += 512)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var chunk = keys.Skip(start).Take(512).ToArray();
            var probs = nn.functional.softmax(net.call(Encode(chunk)), -1).to_type(ScalarType.Float64).data<double>().ToArray();
            for (int i = 0; i < chunk.Length; i++) result[chunk[i]] = probs[(i * AnswererNet.Classes)..((i + 1) * AnswererNet.Classes)];
        }
        return new ModelBlackBox(result, epochLoss, maxLength);
    }

    public double Probability(int m, BinaryQuery q, int y)
    {
        var p = Lookup(m, q);
        int c = AnswererNet.ClassOf(q, y);
        return c >= 0 && c < p.Length && y <= AnswererNet.MaxCount ? p[c] : 0;
    }

    public int MostLikely(int m, BinaryQuery q)
    {
        var p = Lookup(m, q);
        int best = q == BinaryQuery.Palindrome ? AnswererNet.MaxCount + 1 : 0, last = q == BinaryQuery.Palindrome ? AnswererNet.MaxCount + 2 : AnswererNet.MaxCount;
        for (int c = best; c <= last; c++) if (p[c] > p[best]) best = c;
        return q == BinaryQuery.Palindrome ? best - AnswererNet.MaxCount - 1 : best;
    }

    private double[] Lookup(int m, BinaryQuery q) =>
        table.TryGetValue((m, q), out var p) ? p
            : throw new ArgumentOutOfRangeException(nameof(m), BitString.Length(m), $"the answerer is tabulated for strings of length ≤ {MaxLength}");

    private static Tensor Encode(IReadOnlyList<(int Key, BinaryQuery Query)> batch)
    {
        int t = batch.Max(b => BitString.Length(b.Key));
        var ids = new long[batch.Count * (t + 1)];
        for (int b = 0; b < batch.Count; b++)
        {
            int n = BitString.Length(batch[b].Key);
            ids[b * (t + 1)] = 2 + (int)batch[b].Query;
            for (int i = 0; i < t; i++) ids[b * (t + 1) + 1 + i] = i < n ? BitString.Bit(batch[b].Key, i) : AnswererNet.Padding;
        }
        return tensor(ids, batch.Count, t + 1);
    }
}
