using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;

namespace Verification.Tests.PromptCompression;

public class TokenClassifierTests
{
    private static byte[] Bits(string s) => s.Select(c => (byte)(c - '0')).ToArray();

    [Fact]
    public void PaperScaleTrainsTransformersWhileSmokeAndCiKeepTheGru()
    {
        // CI's recorded numbers (docs/papers/PC.md) were measured with these GRU presets; they must not move.
        Assert.Equal(new TokenClassifierConfig(Hidden: 32, Epochs: 6, BatchSize: 64, LearningRate: 1e-2, RowsPerQuery: 200, MinLength: 2,
            MaxLength: 16, Architecture: CompressorArchitecture.Gru), TokenClassifierConfig.Ci);
        Assert.Equal(CompressorArchitecture.Gru, TokenClassifierConfig.Smoke.Architecture);
        Assert.Equal(CompressorArchitecture.Transformer, TokenClassifierConfig.Paper.Architecture);
    }

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

public class PromptLanguageModelTests
{
    [Fact]
    public void TrainingIsSeededAndApproachesTheChainEntropyRate()
    {
        var a = PromptLanguageModel.Train(TokenClassifierConfig.Smoke, seed: 3);
        var b = PromptLanguageModel.Train(TokenClassifierConfig.Smoke, seed: 3);
        Assert.Equal(a.FinalLoss, b.FinalLoss);
        // The chain's entropy rate is 0.325 nats/bit; a uniform model scores ln 2 = 0.693.
        Assert.True(a.FinalLoss < 0.55, $"final loss {a.FinalLoss}");
        var x = new byte[] { 0, 0, 0, 1, 1 };
        var s = a.SelfInformation(x, null);
        Assert.Equal(5, s.Length);
        Assert.True(s[3] > s[2], $"a switch is more surprising than a repeat: {string.Join(", ", s)}");
        Assert.Equal(s, b.SelfInformation(x, null));
        Assert.Equal(5, a.SelfInformation(x, BinaryQuery.Palindrome).Length);
    }

    [Theory]
    [InlineData(CompressorArchitecture.Gru)]
    [InlineData(CompressorArchitecture.Transformer)]
    public void LlmLinguaWithTheTrainedLmConditionsOnTheKeptPrefix(CompressorArchitecture architecture)
    {
        var lm = PromptLanguageModel.Train(new TokenClassifierConfig(Hidden: 8, Epochs: 2, RowsPerQuery: 30, MaxLength: 8, Architecture: architecture), seed: 3);
        var x = new byte[] { 0, 0, 1, 1, 1, 0, 1 };
        var full = lm.SelfInformation(x, null);
        // One LM pass over a prefix gives the same next-bit loss as the full-context pass at that position.
        for (int t = 0; t < x.Length; t++) Assert.InRange(lm.NextBitLoss(x[..t], x[t]) - full[t], -1e-5, 1e-5);
        Assert.Throws<ArgumentOutOfRangeException>(() => lm.NextBitLoss([0], 2));
        var method = new LlmLingua(lm);
        Assert.Equal("LLMLingua (trained LM)", method.Name);
        foreach (double knob in PromptCompressor.TargetRatios)
        {
            var kept = method.Compress(x, BinaryQuery.CountOnes, knob);
            Assert.NotEmpty(kept);
            Assert.Equal(kept.Order().Distinct(), kept);
            // Each kept token's loss, given the kept bits before it, is at least the knob's threshold.
            double threshold = PromptCompressor.Percentile(full, 100 * (1 - knob));
            if (kept.Length > 1 || lm.NextBitLoss([], x[kept[0]]) >= threshold)
                for (int i = 0; i < kept.Length; i++)
                    Assert.True(lm.NextBitLoss(kept[..i].Select(j => x[j]).ToArray(), x[kept[i]]) >= threshold);
        }
        Assert.Equal(new LlmLingua(lm).Compress(x, BinaryQuery.Parity, 0.5), method.Compress(x, BinaryQuery.Parity, 0.5));
    }
}
