// arXiv 2407.15504, §5.1 (the black box: an LLM fine-tuned on uncompressed prompts); spec §4, CPU substitute (b).
// The small transformer answerer (AnswererTransformer.cs) trained on uncompressed prompts (or loaded from the model
// cache), then tabulated once over every (m, q) with len(m) ≤ MaxLength.
using System.Globalization;
using TorchSharp;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Models;
using static TorchSharp.torch;

namespace Verification.PromptCompression.Oracle;

/// <summary>Hyperparameters of the answerer, with presets per scale.</summary>
public sealed record AnswererConfig(
    int Dim = 32,                 // the spec says d = 64; 32 halves CPU training time at CI for ≈ the same accuracy
    int Layers = 2,
    int Heads = 4,
    int Epochs = 16,
    int BatchSize = 64,
    double LearningRate = 4e-3,
    int RowsPerQuery = 300)       // 2,100 uncompressed prompts: ≈ 3–5 s of CPU training at CI
{
    public static AnswererConfig Smoke { get; } = new(Epochs: 8, RowsPerQuery: 100);
    public static AnswererConfig Ci { get; } = new();
    public static AnswererConfig Paper { get; } = new(Dim: 64, Epochs: 20, RowsPerQuery: 2000);

    /// <summary>Everything that determines the trained parameters, for the model cache key (invariant culture).</summary>
    public string Describe(int maxLength, long seed) =>
        string.Create(CultureInfo.InvariantCulture, $"dim={Dim},layers={Layers},heads={Heads},epochs={Epochs},batch={BatchSize},lr={LearningRate:R},rows={RowsPerQuery},lengths=2-{maxLength},seed={seed}");
}

/// <summary>The trained answerer as a black box: φ(y | m, q) looked up in a table filled once after training.</summary>
public sealed class ModelBlackBox : IBlackBox
{
    private readonly Dictionary<(int, BinaryQuery), double[]> table;

    private ModelBlackBox(Dictionary<(int, BinaryQuery), double[]> table, double finalLoss, int maxLength, ModelCacheOutcome cacheOutcome, string description)
    {
        this.table = table;
        Description = description;
        FinalLoss = finalLoss;
        MaxLength = maxLength;
        CacheOutcome = cacheOutcome;
    }

    /// <summary>Names the trained parameters (architecture version, hyperparameters, lengths, seed): also the distortion-table cache's key.</summary>
    public string Name => $"answerer(transformer v{TrainedModelCache.CodeVersion}, {Description})";

    public string Description { get; }

    /// <summary>Whether the parameters were trained now or loaded from the model cache.</summary>
    public ModelCacheOutcome CacheOutcome { get; }

    public double FinalLoss { get; }

    public int MaxLength { get; }

    /// <summary>
    /// Trains on uncompressed training prompts of lengths 2…maxLength (or loads the parameters from
    /// <paramref name="cache"/>) and tabulates φ over every string up to maxLength.
    /// </summary>
    /// <param name="device">Where the answerer is trained and tabulated (torch's default device when null).</param>
    public static ModelBlackBox Train(AnswererConfig config, int maxLength, long seed, TrainedModelCache? cache = null, Device? device = null)
    {
        if (maxLength < 1 || maxLength > 12) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be in 1…12");
        TorchRuntime.Initialize();
        var net = new AnswererTransformer(config.Dim, config.Layers, config.Heads, device);
        var on = device ?? get_default_device();
        double TrainNow()
        {
            var rng = new Rng(seed);
            var rows = SyntheticDataset.Generate(new SyntheticSplit(config.RowsPerQuery, 2, Math.Max(2, maxLength)), rng).ToList();
            net.Initialize(seed);
            return MiniBatchTrainer.Train(net, rows, config.Epochs, config.BatchSize, config.LearningRate, rng, batch =>
            {
                var ids = Encode(batch.Select(r => (BitString.FromBits(r.Context), r.Query)).ToArray(), on);
                var target = tensor(batch.Select(r => (long)AnswererTransformer.ClassOf(r.Query, Math.Min(r.Answer, AnswererTransformer.MaxCount))).ToArray(), device: on);   // (B)
                return (nn.functional.cross_entropy(net.call(ids), target, reduction: nn.Reduction.Sum), batch.Length);
            }, "answerer");
        }
        var (finalLoss, outcome) = cache is null ? (TrainNow(), ModelCacheOutcome.Uncached) : cache.LoadOrTrain(net, "answerer", config.Describe(maxLength, seed) + ComputeDevice.CacheKeySuffix(device), TrainNow);
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
            var probs = nn.functional.softmax(net.call(Encode(chunk, on)), -1).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            for (int i = 0; i < chunk.Length; i++) result[chunk[i]] = probs[(i * AnswererTransformer.Classes)..((i + 1) * AnswererTransformer.Classes)];
        }
        return new ModelBlackBox(result, finalLoss, maxLength, outcome, config.Describe(maxLength, seed));
    }

    public double Probability(int m, BinaryQuery q, int y)
    {
        var p = Lookup(m, q);
        int c = AnswererTransformer.ClassOf(q, y);
        return c >= 0 && c < p.Length && y <= AnswererTransformer.MaxCount ? p[c] : 0;
    }

    public int MostLikely(int m, BinaryQuery q)
    {
        var p = Lookup(m, q);
        int best = q == BinaryQuery.Palindrome ? AnswererTransformer.MaxCount + 1 : 0, last = q == BinaryQuery.Palindrome ? AnswererTransformer.MaxCount + 2 : AnswererTransformer.MaxCount;
        for (int c = best; c <= last; c++) if (p[c] > p[best]) best = c;
        return q == BinaryQuery.Palindrome ? best - AnswererTransformer.MaxCount - 1 : best;
    }

    private double[] Lookup(int m, BinaryQuery q) =>
        table.TryGetValue((m, q), out var p) ? p
            : throw new ArgumentOutOfRangeException(nameof(m), BitString.Length(m), $"the answerer is tabulated for strings of length ≤ {MaxLength}");

    private static Tensor Encode(IReadOnlyList<(int Key, BinaryQuery Query)> batch, Device device)
    {
        int t = batch.Max(b => BitString.Length(b.Key));
        var ids = new long[batch.Count * (t + 1)];
        for (int b = 0; b < batch.Count; b++)
        {
            int n = BitString.Length(batch[b].Key);
            ids[b * (t + 1)] = 2 + (int)batch[b].Query;
            for (int i = 0; i < t; i++) ids[b * (t + 1) + 1 + i] = i < n ? BitString.Bit(batch[b].Key, i) : AnswererTransformer.Padding;
        }
        return tensor(ids, [batch.Count, t + 1], device: device);   // (B, 1+T)
    }
}
