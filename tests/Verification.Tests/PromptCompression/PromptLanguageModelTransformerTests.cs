using Verification.Core.Numerics;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Models;
using Verification.Tests.Support;
using static TorchSharp.torch;

namespace Verification.Tests.PromptCompression;

/// <summary>The paper-scale prompt LM (a small causal transformer).</summary>
public class PromptLanguageModelTransformerTests
{
    private static readonly TokenClassifierConfig Tiny = new(Hidden: 16, Epochs: 4, BatchSize: 32, LearningRate: 3e-3,
        RowsPerQuery: 60, MaxLength: 10, Architecture: CompressorArchitecture.Transformer);

    /// <summary>
    /// For every position j ≥ 1 of <paramref name="ids"/>, flips the bit at j and returns the largest change of the
    /// logits at positions before j, and at positions j and after (which should see it).
    /// </summary>
    private static (double Before, double FromJ) EffectOfFlippingEachBit(PromptLanguageModelTransformer net, long[] ids)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        int n = ids.Length;
        var reference = net.call(tensor(ids, [1, n])).squeeze(0);                  // (1+T, 2)
        double before = 0, fromJ = 0;
        for (int j = 1; j < n; j++)
        {
            var flipped = (long[])ids.Clone();
            flipped[j] = 1 - flipped[j];
            var change = (net.call(tensor(flipped, [1, n])).squeeze(0) - reference).abs().amax(1);   // (1+T)
            before = Math.Max(before, change.narrow(0, 0, j).max().item<float>());
            fromJ = Math.Max(fromJ, change.narrow(0, j, n - j).max().item<float>());
        }
        return (before, fromJ);
    }

    private static readonly long[] Prompt = [2 + (long)BinaryQuery.Parity, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1];

    [Fact]
    public void ChangingALaterBitNeverChangesAnEarlierPrediction()
    {
        using var net = new PromptLanguageModelTransformer(16);
        MiniBatchTrainer.InitializeTransformer(net, seed: 11);
        var (before, fromJ) = EffectOfFlippingEachBit(net, Prompt);
        // Masked scores are −∞, so the future gets attention weight exactly 0; no rounding can leak through.
        Assertions.Close(0, before, Tolerance.AtMost(1e-6), "max change of an earlier position's logits");
        Assertions.Close(1e-3, fromJ, Tolerance.AtLeast(), "the flipped bit does reach its own and later positions");
    }

    [Fact]
    public void TheCausalityCheckCatchesANonCausalMask()
    {
        // Negative control: the same network and init without the causal mask — the check above must fail on it.
        using var net = new PromptLanguageModelTransformer(16, causal: false);
        MiniBatchTrainer.InitializeTransformer(net, seed: 11);
        var (before, _) = EffectOfFlippingEachBit(net, Prompt);
        Assertions.Close(1e-3, before, Tolerance.AtLeast(), "a bidirectional mask lets later bits change earlier logits");
    }

    [Fact]
    public void TrainingIsSeededAndLearnsThatRepeatsAreLikely()
    {
        var a = PromptLanguageModel.Train(Tiny, seed: 3);
        var b = PromptLanguageModel.Train(Tiny, seed: 3);
        var c = PromptLanguageModel.Train(Tiny, seed: 4);
        var x = new byte[] { 0, 0, 0, 1, 1, 1, 0 };
        Assert.Equal(a.FinalLoss, b.FinalLoss);
        Assert.Equal(a.SelfInformation(x, null), b.SelfInformation(x, null));
        Assert.Equal(a.SelfInformation(x, BinaryQuery.NextBit), b.SelfInformation(x, BinaryQuery.NextBit));
        Assert.NotEqual(a.SelfInformation(x, null), c.SelfInformation(x, null));
        // The chain's entropy rate is 0.325 nats/bit and a uniform model scores ln 2 = 0.693.
        Assertions.Close(0.5, a.FinalLoss, Tolerance.AtMost(), "final training loss (nats/bit)");
        var s = a.SelfInformation(x, null);
        Assert.True(s[3] > s[2] && s[6] > s[5], $"a switch is more surprising than a repeat: {string.Join(", ", s)}");
    }
}
