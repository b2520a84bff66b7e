using Verification.Core.Runtime;
using Verification.LotteryTickets.RareGems;
using static TorchSharp.torch;

namespace Verification.Tests.RareGems;

/// <summary>
/// The share of kept weights whose sign survived (the diagnostic of IMP's accuracy on init weights): counted over the
/// kept weights only, across layers; a flip of one kept weight's sign is seen, a flip of a pruned weight's is not.
/// </summary>
public class KeptSignAgreementTests
{
    public KeptSignAgreementTests() => TorchRuntime.Initialize();

    private static Tensor T(params float[] v) => tensor(v);

    [Fact]
    public void CountsOnlyTheKeptWeightsAcrossLayers()
    {
        Tensor[] init = [T(1, -1, 1, -1), T(-1, 1)];
        Tensor[] mask = [T(1, 1, 0, 0), T(1, 0)];
        // Kept: layer 0 entries 0 and 1, layer 1 entry 0. Entry 1 of layer 0 changed sign; the pruned ones all did.
        Tensor[] trained = [T(0.3f, 0.2f, -5, 5), T(-0.1f, -9)];
        Assert.Equal(2.0 / 3.0, GemAtInitExperiment.KeptSignAgreement(mask, trained, init), 12);
        Assert.Equal(1.0, GemAtInitExperiment.KeptSignAgreement(mask, init, init), 12);
    }

    [Fact]
    public void FlippingTheKeptWeightsIsSeen()
    {
        Tensor[] init = [T(1, -1, 1, -1), T(-1, 1)];
        Tensor[] mask = [T(1, 1, 0, 0), T(1, 0)];
        Tensor[] flipped = [.. init.Zip(mask, (w, m) => w * (1 - 2 * m))];
        Assert.Equal(0.0, GemAtInitExperiment.KeptSignAgreement(mask, flipped, init), 12);
    }

    [Fact]
    public void AnEmptyMaskOrMismatchedLayersIsAnError()
    {
        Tensor[] init = [T(1, -1)];
        Assert.Throws<ArgumentException>(() => GemAtInitExperiment.KeptSignAgreement([T(0, 0)], init, init));
        Assert.Throws<ArgumentException>(() => GemAtInitExperiment.KeptSignAgreement([T(1, 1), T(1)], init, init));
    }
}
