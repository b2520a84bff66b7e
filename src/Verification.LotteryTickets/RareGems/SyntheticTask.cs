// Rare Gems (arXiv 2202.12002): a tiny synthetic classification task on which GEM-MINER's invariants (spec §5
// claim 1) are checked in milliseconds: Gaussian inputs labelled by a random linear teacher.
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

public static class SyntheticTask
{
    /// <summary><paramref name="n"/> inputs x ~ N(0, I) of size <paramref name="inputs"/>, label argmax(Ax) over <paramref name="classes"/>.</summary>
    public static TensorData Teacher(int inputs, int classes, int n, long seed, ScalarType dtype = ScalarType.Float32,
        Device? device = null)
    {
        var generator = new Generator((ulong)seed);
        var x = HostRandom.Normal(0, 1, [n, inputs], dtype, generator, device);         // (n, in)
        var a = HostRandom.Normal(0, 1, [inputs, classes], dtype, generator, device);   // (in, classes)
        return new TensorData(x, x.matmul(a).argmax(1));
    }

    /// <summary>Runs GEM-MINER on a small net and records (q, p) after every epoch.</summary>
    public static MiningTrace Trace(IReadOnlyList<int> widths, GemMinerConfig config, long seed,
        FreezeRule rule = FreezeRule.SmallestScores, int samples = 256, Device? device = null)
    {
        using var data = Teacher(widths[0], widths[^1], samples, seed, device: device);
        using var model = new MaskedMlp(widths, device: device);
        GemMiner.Initialize(model, new Generator((ulong)seed + 1));
        var flags = new List<double[]>();
        var scores = new List<double[]>();
        var gemDensity = new List<double>();
        var result = GemMiner.Mine(model, data, config, new Generator((ulong)seed + 2), rule, null, seed + 3,
            (_, m) =>
            {
                flags.Add(GemMiner.Concat(m, l => m.Q[l]));
                scores.Add(GemMiner.Concat(m, l => m.P[l]));
                var gem = GemMiner.GemMask(m);
                gemDensity.Add(GemExperiment.Density(gem));
                foreach (var g in gem) g.Dispose();
            });
        return new MiningTrace(model.Size, flags, scores, gemDensity, result);
    }
}

/// <summary>Flags q and scores p (flattened over layers) after each epoch, and the gem's density.</summary>
public sealed record MiningTrace(long Size, IReadOnlyList<double[]> Flags, IReadOnlyList<double[]> Scores,
    IReadOnlyList<double> GemDensity, GemResult Result)
{
    public long Active(int epoch) => Flags[epoch].LongCount(q => q > 0.5);

    /// <summary>Whether some entry frozen after an epoch is active again later.</summary>
    public bool AnyFrozenReturned() =>
        Enumerable.Range(1, Flags.Count - 1).Any(e => Flags[e].Where((q, i) => q > 0.5 && Flags[e - 1][i] < 0.5).Any());

    public bool ScoresInUnitInterval() => Scores.All(p => p.All(v => v is >= 0 and <= 1));

    /// <summary>The smallest score over every epoch (NaN if any score is NaN).</summary>
    public double MinScore => Scores.SelectMany(p => p).Aggregate(double.PositiveInfinity, Math.Min);

    /// <summary>The largest score over every epoch (NaN if any score is NaN).</summary>
    public double MaxScore => Scores.SelectMany(p => p).Aggregate(double.NegativeInfinity, Math.Max);
}
