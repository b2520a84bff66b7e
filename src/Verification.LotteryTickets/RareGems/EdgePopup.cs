// Edge-popup (Ramanujan et al. 2020, arXiv 1911.13299) as the Rare Gems paper compares against it (arXiv 2202.12002,
// §4, Table 3; spec §2): frozen signed-constant weights, real-valued scores initialised Kaiming-uniform, the forward
// keeps the top-k% |score| within each layer, straight-through gradient, SGD 0.1 cosine, momentum 0.9, wd 5e-4.
using TorchSharp;
using Verification.Core.Runtime;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

public static class EdgePopup
{
    /// <summary>Trains edge-popup scores on an initialised model (its weights are kept) and returns its layer-wise top-k mask.</summary>
    public static Tensor[] Train(MaskedMlp model, TensorData train, double density, int epochs, Generator generator,
        int batchSize = 128, double lr = 0.1)
    {
        new GemMinerConfig { Density = density, Epochs = Math.Max(2, epochs), FreezeEvery = 1 }.Validate();
        using (no_grad())
            for (int l = 0; l < model.Layers; l++)
            {
                double bound = 1 / Math.Sqrt(model.Widths[l]);   // kaiming_uniform_(a = √5) bound
                model.P[l].copy_(HostRandom.Uniform(0, 1, model.P[l].shape, model.P[l].dtype, generator, model.P[l].device) * (2 * bound) - bound);
            }
        model.Mode = MaskMode.TopKPerLayer;
        model.TopKDensity = density;
        foreach (var w in model.W) w.requires_grad_(false);
        foreach (var p in model.P) p.requires_grad_(true);
        var optimizer = optim.SGD(model.P, lr, momentum: 0.9, weight_decay: 5e-4);
        model.train();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            Optimizers.SetLearningRate(optimizer, lr * 0.5 * (1 + Math.Cos(Math.PI * epoch / epochs)));
            Minibatches.Epoch(train, batchSize, generator, optimizer,
                (x, y) => nn.functional.cross_entropy(model.call(x), y), "edge-popup", epoch);
        }
        foreach (var p in model.P) p.requires_grad_(false);
        using (no_grad())
            return Enumerable.Range(0, model.Layers).Select(l => model.Mask(l).detach().clone()).ToArray();
    }
}
