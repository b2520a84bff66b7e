using Verification.Core.Markov;
using Verification.LotteryTickets.RareGems;
using Verification.PromptCompression.Compressors;
using Verification.Transformers.AttentionWithMarkov;
using static TorchSharp.torch;

namespace Verification.Stress;

/// <summary>The suspect code paths, each at a few seconds' size, through the same library calls the claims make.</summary>
public static class Scenarios
{
    public static readonly IReadOnlyDictionary<string, Action<long>> All = new Dictionary<string, Action<long>>
    {
        ["rg"] = RareGems,
        ["am"] = AttentionWithMarkov,
        ["pc"] = PromptCompression,
    };

    /// <summary>GEM-MINER mining, fine-tuning under the flags (the path of the reported failure) and accuracy, on random inputs.</summary>
    private static void RareGems(long seed)
    {
        int[] widths = [784, 64, 32, 10];
        var g = new Generator((ulong)seed);
        using var data = new TensorData(randn(384, 784, generator: g), randint(0, 10, [384], generator: g));
        Tensor[] init, flags;
        using (var miner = new MaskedMlp(widths))
        {
            GemMiner.Initialize(miner, new Generator((ulong)seed + 1));
            init = miner.W.Select(w => w.detach().clone()).ToArray();
            GemMiner.Mine(miner, data, new GemMinerConfig { Density = 0.2, Epochs = 3, FineTuneEpochs = 2 }, new Generator((ulong)seed + 2));
            flags = GemMiner.Flags(miner);
        }
        using var model = GemExperiment.BuildWidths(widths, init, flags);
        Training.FineTune(model, data, 3, 0.05, 128, new Generator((ulong)seed + 3));
        double accuracy = Training.Accuracy(model, data);
        if (!double.IsFinite(accuracy)) throw new InvalidOperationException($"accuracy {accuracy}");
        foreach (var t in init.Concat(flags)) t.Dispose();
    }

    /// <summary>AdamW training of the code model (tied) with evaluations, at a short length.</summary>
    private static void AttentionWithMarkov(long seed)
    {
        var config = new TrainingConfig(Length: 32, Iterations: 12, EvalEvery: 4, EvalBatches: 1, FinalEvalBatches: 1, CheckpointStep: 8);
        var run = MarkovTrainer.Train(new BinaryMarkovChain(0.5, 0.8), tied: true, config, seed);
        if (!double.IsFinite(run.FinalLoss)) throw new InvalidOperationException($"final loss {run.FinalLoss}");
    }

    /// <summary>The PC token classifier (embedding, bidirectional GRU, linear head) trained with Adam, then queried.</summary>
    private static void PromptCompression(long seed)
    {
        var config = new TokenClassifierConfig(Hidden: 8, Epochs: 1, BatchSize: 32, RowsPerQuery: 20, MaxLength: 8);
        var classifier = TokenClassifier.Train(queryAware: true, config, seed);
        if (!double.IsFinite(classifier.FinalLoss)) throw new InvalidOperationException($"final loss {classifier.FinalLoss}");
    }
}
