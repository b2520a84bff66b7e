using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Models;
using Verification.Tests.Support;
using static TorchSharp.torch;

namespace Verification.Tests.PromptCompression;

/// <summary>The paper-scale token classifier (a small bidirectional transformer), trained at a test size.</summary>
public class TokenClassifierTransformerTests
{
    /// <summary>
    /// A test-sized transformer: about a second of CPU. On <see cref="HeldOut"/>, training seeds 5, 6, 7 gave agnostic
    /// accuracy 0.969, 0.993, 0.973 and count-1s/count-0s accuracy 0.9997, 1, 1 (the thresholds leave room for that spread).
    /// </summary>
    internal static readonly TokenClassifierConfig Tiny = new(Hidden: 16, Epochs: 8, BatchSize: 32, LearningRate: 1e-2,
        RowsPerQuery: 60, MaxLength: 10, Architecture: CompressorArchitecture.Transformer);

    /// <summary>Prompts the models never saw: the validation lengths, from a seed no training set uses.</summary>
    private static IReadOnlyList<PromptRow> HeldOut() => SyntheticDataset.Generate(new SyntheticSplit(30, 4, 10), new Rng(424242));

    /// <summary>Fraction of tokens whose thresholded keep-probability (> ½) equals the label.</summary>
    private static double Accuracy(KeepProbabilities p, IEnumerable<(byte[] X, BinaryQuery Q, bool[] Labels)> items)
    {
        int right = 0, total = 0;
        foreach (var (x, q, labels) in items)
        {
            var keep = p(x, q);
            for (int t = 0; t < x.Length; t++) right += (keep[t] > 0.5) == labels[t] ? 1 : 0;
            total += x.Length;
        }
        return (double)right / total;
    }

    [Fact]
    public void LearnsTheFirstBitOfEveryRunOnHeldOutPrompts()
    {
        var classifier = TokenClassifier.Train(queryAware: false, Tiny, seed: 6);
        var rows = HeldOut();
        var items = rows.Select(r => (r.Context, r.Query, IdealLabels.Agnostic(r.Context))).ToList();
        // Chance here is the constant "drop" predictor: right on every token that does not start a run (≈ 0.77).
        double constant = items.Average(i => i.Item3.Count(keep => !keep) / (double)i.Item3.Length);
        double accuracy = Accuracy(classifier.Probabilities, items);
        Assertions.Close(0.9, accuracy, Tolerance.AtLeast(), "held-out accuracy of the agnostic labels");
        Assertions.Close(constant + 0.1, accuracy, Tolerance.AtLeast(), $"10 points above the constant predictor ({constant:F3})");
    }

    [Fact]
    public void LearnsQueryDependentLabelsThatNoQueryBlindModelCan()
    {
        // "count 1s" keeps the 1 bits and "count 0s" the 0 bits: on the same prompts the two label sets are
        // complements, so any predictor that ignores the query is right on exactly half of these tokens.
        var classifier = TokenClassifier.Train(queryAware: true, Tiny, seed: 6);
        var items = HeldOut().SelectMany(r => new[] { BinaryQuery.CountOnes, BinaryQuery.CountZeros }
            .Select(q => (r.Context, q, IdealLabels.ForQuery(r.Context, q)))).ToList();
        Assertions.Close(0.95, Accuracy(classifier.Probabilities, items), Tolerance.AtLeast(), "held-out accuracy on count-1s/count-0s labels (query-blind: 0.5)");
    }

    [Fact]
    public void TrainingIsSeeded()
    {
        var x = new byte[] { 0, 1, 1, 0, 0, 0, 1, 1 };
        var a = TokenClassifier.Train(queryAware: true, Tiny, seed: 3);
        var b = TokenClassifier.Train(queryAware: true, Tiny, seed: 3);
        var c = TokenClassifier.Train(queryAware: true, Tiny, seed: 4);
        Assert.Equal(a.FinalLoss, b.FinalLoss);
        foreach (var q in BinaryQueries.All) Assert.Equal(a.Probabilities(x, q), b.Probabilities(x, q));
        Assert.NotEqual(a.Probabilities(x, BinaryQuery.Parity), c.Probabilities(x, BinaryQuery.Parity));
    }

    [Fact]
    public void APromptsLogitsDoNotDependOnThePaddingOfItsBatch()
    {
        using var net = new TokenClassifierTransformer(16);
        MiniBatchTrainer.InitializeTransformer(net, seed: 9);
        using var _ = no_grad();
        long p = TokenClassifierNet.Padding;
        using var alone = net.call(tensor(new long[] { 4, 5, 5, 4, 5 }, [1, 5]));                          // (1, 5)
        using var batch = net.call(tensor(new long[] { 4, 5, 5, 4, 5, p, p, p, 3, 2, 2, 3, 3, 3, 2, 3 }, [2, 8]));   // (2, 8)
        using var first = batch[0].narrow(0, 0, 5);
        double difference = (first - alone[0]).abs().max().item<float>();
        Assertions.Close(0, difference, Tolerance.AtMost(1e-5), "max |logit alone − logit padded in a batch|");
    }

    [Fact]
    public void TooLongAPromptIsRefused()
    {
        using var net = new TokenClassifierTransformer(16);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => net.call(zeros(1, TokenClassifierTransformer.MaxTokens + 1, ScalarType.Int64)));
        Assert.Equal("ids", e.ParamName);
    }
}
