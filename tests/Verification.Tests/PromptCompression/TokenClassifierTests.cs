using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;

namespace Verification.Tests.PromptCompression;

public class TokenClassifierTests
{
    private static byte[] Bits(string s) => s.Select(c => (byte)(c - '0')).ToArray();

    [Fact]
    public void TrainingIsSeededAndLearnsTheQueryLabelsBetterThanChance()
    {
        var config = TokenClassifierConfig.Smoke;
        var a = TokenClassifier.Train(queryAware: true, config, seed: 5);
        var b = TokenClassifier.Train(queryAware: true, config, seed: 5);
        Assert.Equal(a.FinalLoss, b.FinalLoss);
        var x = Bits("0011101");
        Assert.Equal(a.Probabilities(x, BinaryQuery.CountOnes), b.Probabilities(x, BinaryQuery.CountOnes));
        // Balanced-label cross-entropy of a constant predictor is ≥ 0.5 nats here; a trained model is well below ln 2.
        Assert.True(a.FinalLoss < Math.Log(2) - 0.1, $"final loss {a.FinalLoss}");
        Assert.All(a.Probabilities(x, BinaryQuery.NextBit), p => Assert.InRange(p, 0, 1));
        Assert.Equal(x.Length, a.Probabilities(x, BinaryQuery.Parity).Length);
    }
}
