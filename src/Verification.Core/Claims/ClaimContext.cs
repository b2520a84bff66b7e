using Verification.Core.Runtime;
using Verification.Core.Seeding;

namespace Verification.Core.Claims;

/// <summary>Which construction a check runs on: the paper's, or the sabotaged one that the check must refute.</summary>
public enum Construction { Faithful, Sabotaged }

/// <summary>Everything a check may depend on: scale, seed, device, progress and cancellation. Nothing else.</summary>
public sealed class ClaimContext
{
    private readonly IProgress<double>? progress;
    private readonly double progressFrom;
    private readonly double progressTo;

    public ClaimContext(Scale scale, int seed, ComputeDevice device, IProgress<double>? progress = null,
        CancellationToken cancellation = default, double progressFrom = 0, double progressTo = 1)
    {
        Scale = scale;
        Seed = seed;
        Device = device;
        Cancellation = cancellation;
        this.progress = progress;
        this.progressFrom = progressFrom;
        this.progressTo = progressTo;
    }

    public Scale Scale { get; }
    public int Seed { get; }
    public ComputeDevice Device { get; }
    public CancellationToken Cancellation { get; }

    /// <summary>A random stream for <paramref name="stream"/>, independent of every other stream name.</summary>
    public Rng Rng(string stream) => Seeding.Rng.For(Seed, stream);

    /// <summary>An integer seed derived for <paramref name="stream"/> (for TorchSharp generators).</summary>
    public long DeriveSeed(string stream) => Seeds.Derive(Seed, stream);

    /// <summary>Reports the fraction done of this check, in [0, 1].</summary>
    public void Report(double fraction)
    {
        Cancellation.ThrowIfCancellationRequested();
        progress?.Report(progressFrom + (progressTo - progressFrom) * Math.Clamp(fraction, 0, 1));
    }
}
