// arXiv 2006.07990 §2 (spec §2 A, P4): the experiment behind SS.one-weight-block-error — random weights w, random
// blocks of m units with U[−1,1] weights, and the pruned block's error measured on the network itself.
using Verification.Core.Seeding;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// One random block: the target w, the construction's predicted sup error max(|w − s₊|, |w − s₋|), the largest error
/// over the random inputs alone, the measured sup error (over x = ±1, where a piecewise-linear error peaks, and the
/// random inputs), and the units kept.
/// </summary>
public sealed record BlockTrial(int Index, double W, double Predicted, double MaxRandomInputError, double Measured, int KeptUnits)
{
    public string Label => $"block={Index}";
}

public static class OneWeightBlockExperiment
{
    /// <summary><paramref name="blocks"/> blocks of <paramref name="units"/> units; <paramref name="ignoringRelu"/> builds the negative control's block.</summary>
    public static List<BlockTrial> Run(int blocks, int units, int randomInputs, bool ignoringRelu, Rng rng, Action<double>? progress = null)
    {
        var solver = new MeetInTheMiddle();
        var trials = new List<BlockTrial>(blocks);
        for (int k = 0; k < blocks; k++)
        {
            double w = rng.Uniform(-1, 1);
            var a = new double[units];
            var b = new double[units];
            for (int t = 0; t < units; t++) (a[t], b[t]) = (rng.Uniform(-1, 1), rng.Uniform(-1, 1));
            var block = ignoringRelu ? OneWeightBlock.BuildIgnoringRelu(w, a, b, solver) : OneWeightBlock.Build(w, a, b, solver);
            double atEnds = Math.Max(Math.Abs(w - block.Evaluate(1)), Math.Abs(-w - block.Evaluate(-1))), random = 0;
            for (int r = 0; r < randomInputs; r++)
            {
                double x = rng.Uniform(-1, 1);
                random = Math.Max(random, Math.Abs(w * x - block.Evaluate(x)));
            }
            trials.Add(new BlockTrial(k, w, block.PredictedSupError, random, Math.Max(atEnds, random), block.KeptUnits));
            if (k % 100 == 0) progress?.Invoke(k / (double)blocks);
        }
        return trials;
    }
}
