using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using static TorchSharp.torch;

namespace Verification.Tests.RareGems;

/// <summary>Edge-popup keeps exactly the top-k of each layer and learns a useful mask at a moderate density.</summary>
public class EdgePopupTests
{
    public EdgePopupTests() => TorchRuntime.Initialize();

    [Fact]
    public void EdgePopupKeepsTopKPerLayerAndBeatsChanceAtHalfDensity()
    {
        using var data = SyntheticTask.Teacher(20, 4, 512, 11);
        using var model = new MaskedMlp([20, 32, 16, 4]);
        GemMiner.Initialize(model, new Generator(1));
        var mask = EdgePopup.Train(model, data, 0.5, 10, new Generator(2), batchSize: 64);
        for (int l = 0; l < model.Layers; l++)
            Assert.Equal(Math.Round(0.5 * model.LayerSize(l)), mask[l].sum().item<float>());
        Training.UseMask(model, mask);
        Training.RecomputeBatchNorm(model, data);
        double accuracy = Training.Accuracy(model, data);
        Assert.True(accuracy > 0.6, $"edge-popup training accuracy {accuracy} (chance 0.25)");
    }
}
