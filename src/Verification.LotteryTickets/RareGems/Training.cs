// Rare Gems (arXiv 2202.12002), §3 "refining" (spec §1): fine-tuning under a fixed mask from the init weights
// (no rewinding, no warm-up), regulariser off, SGD momentum 0.9, weight decay 1e-4, lr ×0.1 at 8/15 and 12/15 of
// the run (the ResNet-20 schedule 80/120 of 150); and accuracy in eval mode (BatchNorm running statistics).
using TorchSharp;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

internal static class Optimizers
{
    public static optim.Optimizer Scores(MaskedMlp model, GemMinerConfig config) => config.Optimizer switch
    {
        ScoreOptimizer.Sgd => optim.SGD(model.P, config.LearningRate, momentum: 0.9),
        _ => optim.Adam(model.P, config.LearningRate),
    };

    public static void SetLearningRate(optim.Optimizer optimizer, double lr)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
    }
}

public static class Training
{
    /// <summary>Copies <paramref name="mask"/> into the model's fixed mask and switches to <see cref="MaskMode.Fixed"/>.</summary>
    public static void UseMask(MaskedMlp model, IReadOnlyList<Tensor> mask)
    {
        if (mask.Count != model.Layers) throw new ArgumentException($"{mask.Count} mask tensors for {model.Layers} layers", nameof(mask));
        using var _ = no_grad();
        for (int l = 0; l < model.Layers; l++) model.M[l].copy_(mask[l]);
        model.Mode = MaskMode.Fixed;
    }

    /// <summary>
    /// Trains the weights under the model's fixed mask for <paramref name="epochs"/> epochs; returns the epoch losses.
    /// <paramref name="afterStep"/> runs after every optimiser step (IMP with warm-up saves its rewind point there).
    /// </summary>
    public static List<double> FineTune(MaskedMlp model, TensorData train, int epochs, double lr, int batchSize,
        Generator shuffle, Action<double>? progress = null, Action? afterStep = null)
    {
        if (model.Mode != MaskMode.Fixed) throw new InvalidOperationException("fine-tuning needs a fixed mask (UseMask)");
        foreach (var w in model.W) w.requires_grad_(true);
        foreach (var p in model.P) p.requires_grad_(false);
        var optimizer = optim.SGD(model.W, lr, momentum: 0.9, weight_decay: 1e-4);
        var losses = new List<double>();
        model.train();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double factor = epoch >= Math.Round(epochs * 12.0 / 15) ? 0.01 : epoch >= Math.Round(epochs * 8.0 / 15) ? 0.1 : 1;
            Optimizers.SetLearningRate(optimizer, lr * factor);
            double mean = Minibatches.Epoch(train, batchSize, shuffle, optimizer,
                (x, y) => nn.functional.cross_entropy(model.call(x), y), "fine-tuning", epoch, ": lower the learning rate", afterStep: afterStep);
            losses.Add(mean);
            progress?.Invoke((epoch + 1.0) / Math.Max(1, epochs));
        }
        foreach (var w in model.W) w.requires_grad_(false);
        return losses;
    }

    /// <summary>Top-1 accuracy in [0, 1] with BatchNorm in eval mode.</summary>
    public static double Accuracy(MaskedMlp model, TensorData data)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        bool wasTraining = model.training;
        model.eval();
        var predicted = model.call(data.X).argmax(1);   // (N)
        double acc = predicted.eq(data.Y).to(ScalarType.Float64).mean().item<double>();
        model.train(wasTraining);
        return acc;
    }

    /// <summary>Recomputes BatchNorm statistics on the training inputs under the current mask (used before every pre-finetune evaluation).</summary>
    public static void RecomputeBatchNorm(MaskedMlp model, TensorData train, int batchSize = 500)
    {
        var batches = train.Batches(batchSize, null).Select(b => b.X);
        model.RecomputeBatchNorm(batches);
    }
}
