// arXiv 2006.07990 §2 (Theorem 1): the random network g(x) = M_{2l} σ(M_{2l−1} … σ(M_1 x)), entries i.i.d. U[−1,1],
// with M_{2i−1} ∈ ℝ^{(d_{i−1}·m)×d_{i−1}} and M_{2i} ∈ ℝ^{d_i×(d_{i−1}·m)}: twice as deep as the target, and wider by
// the block width m (one block of m hidden units per input coordinate).
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>The over-parameterised random network that <see cref="SubsetSumPruning"/> prunes.</summary>
public sealed class RandomNetwork
{
    private RandomNetwork(IReadOnlyList<int> widths, int blockWidth, double[][,] layers)
    {
        Widths = widths;
        BlockWidth = blockWidth;
        Layers = layers;
    }

    /// <summary>The target's widths d_0..d_l this network is sized for.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>m: hidden units per input coordinate in each odd layer.</summary>
    public int BlockWidth { get; }

    /// <summary>M_1..M_{2l}.</summary>
    public IReadOnlyList<double[,]> Layers { get; }

    public long Parameters => Layers.Sum(w => (long)w.Length);

    public static RandomNetwork Sample(IReadOnlyList<int> widths, int blockWidth, Rng rng)
    {
        if (widths.Count < 2) throw new ArgumentException("widths d_0..d_l need at least two entries", nameof(widths));
        if (blockWidth < 1) throw new ArgumentOutOfRangeException(nameof(blockWidth), blockWidth, "block width m must be ≥ 1");
        var layers = new double[2 * (widths.Count - 1)][,];
        for (int i = 1; i < widths.Count; i++)
        {
            int dIn = widths[i - 1], dOut = widths[i];
            if (dIn < 1 || dOut < 1) throw new ArgumentOutOfRangeException(nameof(widths), "every width must be ≥ 1");
            layers[2 * i - 2] = Uniform(dIn * blockWidth, dIn, rng);    // M_{2i−1}: (d_{i−1}·m, d_{i−1})
            layers[2 * i - 1] = Uniform(dOut, dIn * blockWidth, rng);   // M_{2i}: (d_i, d_{i−1}·m)
        }
        return new RandomNetwork(widths.ToArray(), blockWidth, layers);
    }

    private static double[,] Uniform(int rows, int cols, Rng rng)
    {
        var w = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) w[r, c] = rng.Uniform(-1, 1);
        return w;
    }
}

/// <summary>
/// g̃: the random network with binary masks, S_j ⊙ M_j. An explicit object: it evaluates (ReLU after every layer but
/// the last, spec pitfall 9) and counts the parameters it keeps.
/// </summary>
public sealed class PrunedNetwork
{
    public PrunedNetwork(RandomNetwork source, bool[][,] masks)
    {
        if (masks.Length != source.Layers.Count) throw new ArgumentException($"{masks.Length} masks for {source.Layers.Count} layers", nameof(masks));
        Source = source;
        Masks = masks;
        var weights = new double[masks.Length][,];
        for (int j = 0; j < masks.Length; j++)
        {
            var m = source.Layers[j];
            if (masks[j].GetLength(0) != m.GetLength(0) || masks[j].GetLength(1) != m.GetLength(1))
                throw new ArgumentException($"mask {j + 1} shape differs from M_{j + 1}", nameof(masks));
            var w = new double[m.GetLength(0), m.GetLength(1)];
            for (int r = 0; r < w.GetLength(0); r++)
                for (int c = 0; c < w.GetLength(1); c++) w[r, c] = masks[j][r, c] ? m[r, c] : 0;
            weights[j] = w;
        }
        Weights = weights;
    }

    public RandomNetwork Source { get; }
    public IReadOnlyList<bool[,]> Masks { get; }
    public IReadOnlyList<double[,]> Weights { get; }

    public long KeptParameters => Masks.Sum(m => (long)m.Cast<bool>().Count(b => b));
    public long TotalParameters => Source.Parameters;

    public double[] Evaluate(double[] x)
    {
        if (x.Length != Source.Widths[0]) throw new ArgumentException($"input has {x.Length} entries, expected {Source.Widths[0]}", nameof(x));
        var h = x;
        for (int j = 0; j < Weights.Count; j++)
        {
            h = Dense.Apply(Weights[j], h);
            if (j < Weights.Count - 1) Dense.Relu(h);
        }
        return h;
    }
}
