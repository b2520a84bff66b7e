using TorchSharp;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Models;
using Verification.PromptCompression.Oracle;
using static TorchSharp.torch;

namespace Verification.Tests.PromptCompression;

public class AnswererTests
{
    [Fact]
    public void TrainingBeatsTheMajorityAnswer()
    {
        // (Seeded determinism: TrainedModelCacheTests compares an uncached and a cached training bit for bit.)
        var a = ModelBlackBox.Train(AnswererConfig.Smoke, 8, seed: 3);
        var rows = SyntheticDataset.Generate(new SyntheticSplit(60, 4, 8), new Rng(99));
        double accuracy = rows.Average(r => a.MostLikely(r.Key, r.Query) == r.Answer ? 1.0 : 0);
        // The best constant answer per query (the majority answer) is right on this fraction of the rows.
        double majority = rows.GroupBy(r => r.Query).Sum(g => g.GroupBy(r => r.Answer).Max(h => h.Count())) / (double)rows.Count;
        Assert.True(accuracy > majority + 0.15, $"accuracy {accuracy:F3} vs majority answer {majority:F3}");
    }

    [Fact]
    public void PaddingDoesNotChangeTheAnswer()
    {
        TorchRuntime.Initialize();
        using var net = new AnswererTransformer(16, 2, 4);
        net.Initialize(5);
        net.eval();
        using var _ = no_grad();
        using var alone = net.call(tensor(new long[] { 2, 0, 1, 1 }, 1, 4));                                       // (1, Classes)
        using var padded = net.call(tensor(new long[] { 2, 0, 1, 1, 9, 9, 5, 1, 0, 1, 1, 0 }, 2, 6));             // (2, Classes)
        var x = alone.data<float>().ToArray();
        var y = padded[0].data<float>().ToArray();
        Assert.Equal(AnswererTransformer.Classes, x.Length);
        for (int i = 0; i < x.Length; i++) Assert.InRange(y[i] - x[i], -1e-5f, 1e-5f);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void ALengthOutsideTheTabulatedRangeIsRejected(int maxLength)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ModelBlackBox.Train(AnswererConfig.Smoke, maxLength, seed: 1));
        Assert.Equal("maxLength", e.ParamName);
    }

    [Fact]
    public void HeadsMustDivideTheWidth()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new EncoderBlock(30, 4, 60));
        Assert.Equal("heads", e.ParamName);
    }
}
