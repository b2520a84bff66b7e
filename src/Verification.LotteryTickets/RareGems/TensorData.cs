// Rare Gems (arXiv 2202.12002) small-scale replication (spec §5): MNIST digits as normalised tensors.
using Verification.Core.Runtime;
using Verification.LotteryTickets.Data;
using static TorchSharp.torch;

namespace Verification.LotteryTickets.RareGems;

/// <summary>Inputs X (N, 784), standardised with the usual MNIST mean/sd, and labels Y (N) as int64.</summary>
public sealed class TensorData : IDisposable
{
    // The standard MNIST pixel mean and sd (of the 60k training set): a fixed constant, not fitted on our test split.
    public const float Mean = 0.1307f, Sd = 0.3081f;

    public TensorData(Tensor x, Tensor y)
    {
        if (x.shape[0] != y.shape[0]) throw new ArgumentException($"{x.shape[0]} inputs but {y.shape[0]} labels", nameof(y));
        X = x;
        Y = y;
    }

    public Tensor X { get; }   // (N, in)
    public Tensor Y { get; }   // (N)
    public long Count => X.shape[0];

    /// <param name="device">Where the tensors live: the run's device (torch's default device when null).</param>
    public static TensorData From(MnistSet set, int? take = null, Device? device = null)
    {
        var s = take is { } n ? set.Subset(n) : set;
        var x = (tensor(s.Flat(), [s.Count, Mnist.Pixels], device: device) - Mean) / Sd;   // (N, 784)
        return new TensorData(x, tensor(s.LongLabels(), device: device));
    }

    /// <summary>
    /// Minibatches of a seeded permutation (drawn on the host, <see cref="HostRandom"/>), on the data's device; the
    /// last partial batch is dropped if it would have one sample (BatchNorm).
    /// </summary>
    public IEnumerable<(Tensor X, Tensor Y)> Batches(int batchSize, Generator? shuffle)
    {
        var order = shuffle is null ? arange(Count, device: X.device) : HostRandom.Permutation(Count, shuffle, X.device);
        for (long start = 0; start < Count; start += batchSize)
        {
            long end = Math.Min(Count, start + batchSize);
            if (end - start < 2) yield break;
            var idx = order.slice(0, start, end, 1);
            yield return (X.index_select(0, idx), Y.index_select(0, idx));
        }
    }

    public void Dispose()
    {
        X.Dispose();
        Y.Dispose();
    }
}
