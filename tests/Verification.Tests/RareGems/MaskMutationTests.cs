using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using static TorchSharp.torch;

namespace Verification.Tests.RareGems;

/// <summary>
/// GEM-MINER's mask logic by hand (IterativeFreezing, MaskedMlp), written from the survivors of a Stryker run
/// (docs/MUTATION.md): the schedule at its edges, exact-k selection on |p| with ties, the three mask modes with their
/// straight-through gradients, the forward pass and the non-affine BatchNorm's running statistics, in float64.
/// </summary>
public class MaskMutationTests
{
    public MaskMutationTests() => TorchRuntime.Initialize();

    [Fact]
    public void ScheduleAtItsEdges()
    {
        Assert.Equal(0, IterativeFreezing.FreezeCount(1, 5));
        Assert.Equal(0, IterativeFreezing.FreezeCount(5, 5));
        Assert.Equal(1, IterativeFreezing.FreezeCount(6, 5));
        Assert.Equal(9, IterativeFreezing.FreezeCount(10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IterativeFreezing.FreezeCount(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => IterativeFreezing.FreezeCount(10, 0));
        Assert.True(IterativeFreezing.FreezesAfter(1, 1));
        Assert.True(IterativeFreezing.FreezesAfter(5, 5));
        Assert.False(IterativeFreezing.FreezesAfter(4, 5));
        Assert.False(IterativeFreezing.FreezesAfter(0, 1));
        Assert.Equal(0.5, IterativeFreezing.Kappa(0.25, 2), 15);
        Assert.Equal(0.75, IterativeFreezing.Kappa(0.25, 1), 15);
        Assert.Equal(0, IterativeFreezing.Kappa(0.25, 0));
    }

    [Fact]
    public void TargetCountsByHand()
    {
        Assert.Equal(100, IterativeFreezing.TargetActive(100, 0.25, 0, 2));
        Assert.Equal(50, IterativeFreezing.TargetActive(100, 0.25, 1, 2));    // 100·0.25^{1/2}
        Assert.Equal(25, IterativeFreezing.TargetActive(100, 0.25, 2, 2));
        Assert.Equal(25, IterativeFreezing.TargetActive(100, 0.25, 3, 2));    // past the last freeze
        Assert.Equal(100, IterativeFreezing.TargetActive(100, 0.25, 1, 0));   // no freezes
        Assert.Equal(100, IterativeFreezing.TargetActive(100, 0.25, -1, 2));
        Assert.Equal(1, IterativeFreezing.TargetActive(10, 0.01, 2, 2));      // round(0.1) = 0, but one entry stays
        Assert.Equal(1, IterativeFreezing.TargetActive(10, 0.001, 1, 2));     // round(0.316) = 0 → 1
        Assert.Equal(3, IterativeFreezing.TargetActive(10, 0.09, 1, 2));      // round(3) mid-schedule
    }

    [Fact]
    public void ExactKSelectionRanksMagnitudesAndBreaksTiesByIndex()
    {
        Assert.Equal([1, 2], IterativeFreezing.SelectToFreeze([-0.9, 0.1, -0.2], [true, true, true], 2));
        Assert.Equal([0], IterativeFreezing.SelectToFreeze([-0.9, 0.1, -0.2], [true, true, true], 1, largest: true));
        Assert.Equal([1, 2, 0], IterativeFreezing.SelectToFreeze([0.5, 0.9, -0.9, 0.1], [true, true, true, true], 3, largest: true));
        Assert.Empty(IterativeFreezing.SelectToFreeze([0.5, 0.9], [true, true], 0));
        Assert.Equal([1], IterativeFreezing.SelectToFreeze([0.5, 0.9], [false, true], 1));
        // A run of four equal keys after a smaller one: sorted back to index order inside the run.
        Assert.Equal([4, 0, 1, 2, 3], IterativeFreezing.SelectToFreeze([0.3, 0.3, -0.3, 0.3, 0.1], [true, true, true, true, true], 5));
        Assert.Equal("active", Assert.Throws<ArgumentException>(() => IterativeFreezing.SelectToFreeze([0.1], [true, true], 0)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => IterativeFreezing.SelectToFreeze([0.1], [true], -1)).ParamName);
        Assert.Single(IterativeFreezing.SelectToFreeze([0.1], [true], 1));
    }

    /// <summary>
    /// Forty equal scores: beyond the 16 entries that Array.Sort handles by insertion sort, only the explicit re-sort
    /// of each run of ties keeps exact-k selection in index order.
    /// </summary>
    [Fact]
    public void TiesStayInIndexOrderBeyondInsertionSortSize()
    {
        var scores = Enumerable.Repeat(0.5, 40).ToArray();
        var active = Enumerable.Repeat(true, 40).ToArray();
        Assert.Equal(Enumerable.Range(0, 40), IterativeFreezing.SelectToFreeze(scores, active, 40));
        scores[7] = 0.1;   // one smaller key first, then the run of 39 ties in index order
        Assert.Equal(new[] { 7 }.Concat(Enumerable.Range(0, 40).Where(i => i != 7)), IterativeFreezing.SelectToFreeze(scores, active, 40));
    }

    /// <summary>W and P are the module's parameters, Q, M and the BatchNorm statistics its buffers (state_dict, device moves).</summary>
    [Fact]
    public void WeightsScoresFlagsAndStatisticsAreRegistered()
    {
        using var model = new MaskedMlp([3, 2, 2], ScalarType.Float64);
        Assert.Equal(["w0", "p0", "w1", "p1"], model.named_parameters().Select(p => p.name));
        var buffers = model.named_buffers().Select(b => b.name).ToHashSet();
        Assert.Superset(new HashSet<string> { "q0", "m0", "q1", "m1", "bn0.running_mean", "bn0.running_var" }, buffers);
    }

    [Fact]
    public void ThresholdRuleTakesActiveTiesOfTheKthMagnitudeOnly()
    {
        Assert.Empty(IterativeFreezing.SelectByThreshold([0.1, 0.2], [true, true], 0));
        // The inactive 0 is below the threshold but frozen already; −0.1 ties with 0.1 in magnitude.
        Assert.Equal([1, 2], IterativeFreezing.SelectByThreshold([0.0, -0.1, 0.1, 0.5], [false, true, true, true], 1));
        Assert.Equal([1, 2, 3], IterativeFreezing.SelectByThreshold([0.0, -0.1, 0.1, 0.5], [false, true, true, true], 3));
    }

    private static Tensor Matrix(double[,] values) => tensor(values, dtype: ScalarType.Float64);

    private static void Set(Tensor target, double[,] values)
    {
        using var _ = no_grad();
        target.copy_(Matrix(values));
    }

    private static double[] Values(Tensor t) => t.detach().flatten().data<double>().ToArray();

    private static void Close(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    [Fact]
    public void WidthsAndSizes()
    {
        Assert.Throws<ArgumentException>(() => new MaskedMlp([3]));
        Assert.Contains("[3,0,2]", Assert.Throws<ArgumentException>(() => new MaskedMlp([3, 0, 2])).Message);
        using var model = new MaskedMlp([4, 3, 2], ScalarType.Float64);
        Assert.Equal(2, model.Layers);
        Assert.Equal(12, model.LayerSize(0));
        Assert.Equal(6, model.LayerSize(1));
        Assert.Equal(18, model.Size);
        Assert.Equal([3L, 4L], model.W[0].shape);
        Assert.Equal([2L, 3L], model.P[1].shape);
        Assert.Equal(ScalarType.Float64, model.Q[1].dtype);
        Assert.All(Values(model.M[0]), v => Assert.Equal(1, v));
        Assert.Equal(MaskMode.Mining, model.Mode);
    }

    /// <summary>Mining: value 1[p &gt; 1/2]·q (p = 1/2 is off), gradient wrt p equal to q (or 1 under the sabotage).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MiningMaskAndItsStraightThroughGradient(bool ignoreFlags)
    {
        using var model = new MaskedMlp([3, 2], ScalarType.Float64) { StraightThroughIgnoresFlags = ignoreFlags };
        Set(model.P[0], new[,] { { 0.2, 0.5, 0.7 }, { 0.9, 0.51, 0.0 } });
        Set(model.Q[0], new[,] { { 1.0, 1.0, 1.0 }, { 0.0, 1.0, 1.0 } });
        var mask = model.Mask(0);
        Assert.Equal([0, 0, 1, 0, 1, 0], Values(mask));
        using var g = Matrix(new[,] { { 1.0, 2.0, 3.0 }, { 4.0, 5.0, 6.0 } });
        (mask * g).sum().backward();
        double[] expected = ignoreFlags ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 0, 5, 6];
        Assert.Equal(expected, Values(model.P[0].grad!));
    }

    [Fact]
    public void TopKMaskKeepsTheLargestMagnitudesPerLayerWithGradientThroughTheirSigns()
    {
        using var model = new MaskedMlp([4, 1], ScalarType.Float64) { Mode = MaskMode.TopKPerLayer, TopKDensity = 0.5 };
        Set(model.P[0], new[,] { { 0.1, -0.9, 0.3, 0.05 } });
        var mask = model.Mask(0);
        Assert.Equal([0, 1, 1, 0], Values(mask));
        using var g = Matrix(new[,] { { 1.0, 2.0, 3.0, 4.0 } });
        (mask * g).sum().backward();
        Assert.Equal([1, -2, 3, 4], Values(model.P[0].grad!));
        model.TopKDensity = 0.01;   // round(0.04) = 0: one entry is still kept
        Assert.Equal([0, 1, 0, 0], Values(model.Mask(0)));
        model.TopKDensity = 0.7;    // round(2.8) = 3
        Assert.Equal([1, 1, 1, 0], Values(model.Mask(0)));
    }

    [Fact]
    public void FixedMaskAndTheForwardPassByHand()
    {
        using var model = new MaskedMlp([2, 2], ScalarType.Float64) { Mode = MaskMode.Fixed };
        Set(model.W[0], new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } });
        Set(model.M[0], new[,] { { 1.0, 0.0 }, { 1.0, 1.0 } });
        Assert.Equal([1, 0, 1, 1], Values(model.Mask(0)));
        using var x = Matrix(new[,] { { 1.0, -1.0 }, { 2.0, 0.5 } });
        // one layer: no BatchNorm, no ReLU on the logits: [x1, 3x1 + 4x2]
        Assert.Equal([1, -1, 2, 8], Values(model.forward(x)));
    }

    /// <summary>
    /// [1, 1, 1] with unit weights: y = relu(BN(x)). Training: batch statistics; the running ones move by momentum 0.1
    /// with the unbiased variance; RecomputeBatchNorm averages over the batches given and restores the mode.
    /// </summary>
    [Fact]
    public void NonAffineBatchNormStatisticsByHand()
    {
        using var model = new MaskedMlp([1, 1, 1], ScalarType.Float64) { Mode = MaskMode.Fixed };
        Set(model.W[0], new[,] { { 1.0 } });
        Set(model.W[1], new[,] { { 1.0 } });
        using var batch = Matrix(new[,] { { 1.0 }, { 2.0 }, { 3.0 } });   // mean 2, biased var 2/3, unbiased 1
        model.train();
        using (no_grad())
            Close([0, 0, 1 / Math.Sqrt(2.0 / 3 + 1e-5)], Values(model.forward(batch)));
        model.eval();
        using var one = Matrix(new[,] { { 1.0 } });
        // running mean 0.9·0 + 0.1·2 = 0.2, running var 0.9·1 + 0.1·1 = 1
        Assert.Equal(0.8 / Math.Sqrt(1 + 1e-5), Values(model.forward(one))[0], 12);

        using var second = Matrix(new[,] { { 5.0 }, { 7.0 } });           // mean 6, unbiased var 2
        model.RecomputeBatchNorm([batch, second]);
        Assert.False(model.training, "the mode is restored");
        using var seven = Matrix(new[,] { { 7.0 } });
        // plain average: mean (2 + 6)/2 = 4, var (1 + 2)/2 = 3/2
        Assert.Equal(3 / Math.Sqrt(1.5 + 1e-5), Values(model.forward(seven))[0], 12);

        model.train();
        using (no_grad()) model.forward(batch);   // back to momentum 0.1: mean 0.9·4 + 0.2 = 3.8, var 0.9·1.5 + 0.1 = 1.45
        model.eval();
        Assert.Equal(3.2 / Math.Sqrt(1.45 + 1e-5), Values(model.forward(seven))[0], 12);
        model.train();
        model.RecomputeBatchNorm([batch]);
        Assert.True(model.training, "the mode is restored");
    }
}
