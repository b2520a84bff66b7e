// arXiv 2006.07990 §2 (spec §2 A, P4): the error of the pruned one-weight block.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.LotteryTickets.SubsetSum.Claims;

/// <summary>
/// For random w ∈ [−1,1] and random blocks of m units with U[−1,1] weights, the pruned block's sup error over
/// x ∈ [−1,1] (evaluated at x = ±1, where a piecewise-linear error peaks, and at random x) equals
/// max(|w − s₊|, |w − s₋|) to 1e-12, and no random x exceeds it. Negative control: the block treated as linear
/// (one SubsetSum over all units, its sum reported for both signs).
/// </summary>
public sealed class OneWeightBlockError : Claim<OneWeightBlockError.Settings>
{
    /// <param name="Units">random units per block (w ~ U[−1,1])</param>
    /// <param name="EqualityTolerance">absolute: the sup error is a max of the same doubles</param>
    public sealed record Settings(int Blocks, int Units, int RandomInputs, double EqualityTolerance = OneWeightBlockError.EqualityTolerance,
        double Epsilon = OneWeightBlockError.Epsilon) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => scale switch
        {
            Scale.Smoke => new(100, 20, 50),
            Scale.Ci => new(1000, 20, 200),
            _ => new(10_000, 30, 1000),
        };
    }

    public override string Id => "SS.one-weight-block-error";
    public override PaperRef Paper => PaperRef.SubsetSumLottery;
    public override string Section => "§2, proof of Theorem 1 (one weight: wx = σ(wx) − σ(−wx))";
    public override string Statement => "The pruned one-weight block has sup_{|x|≤1} |wx − g̃(x)| = max(|w − s₊|, |w − s₋|) exactly.";
    public override string NegativeControl => "the ReLU ignored: one SubsetSum over all units, its sum taken for both signs of x";

    protected override Outcome Check(ClaimContext context, Settings s, Construction construction)
    {
        var blocks = OneWeightBlockExperiment.Run(s.Blocks, s.Units, s.RandomInputs, construction == Construction.Sabotaged, context.Rng("blocks"), context.Report);
        int withinEps = blocks.Count(b => b.Measured <= s.Epsilon);
        var obs = new Observations()
            // sup error = max(|w − s₊|, |w − s₋|) on every block, and no random x above it
            .ExpectAll("max-abs-measured-minus-predicted", blocks.Select(b => (b.Label, Math.Abs(b.Measured - b.Predicted), 0.0)), Tolerance.Absolute(s.EqualityTolerance))
            .ExpectAll("random-x-error-vs-prediction", blocks.Select(b => (b.Label, b.MaxRandomInputError, b.Predicted)), Tolerance.AtMost(s.EqualityTolerance))
            .Measure($"fraction-within-eps={s.Epsilon}", withinEps / (double)s.Blocks)
            .Measure("mean-kept-units", blocks.Sum(b => (long)b.KeptUnits) / (double)s.Blocks);
        if (construction == Construction.Faithful)
            obs.Add(new Figure("ss-one-weight-block", $"One-weight block: sup error over |x| ≤ 1 ({s.Units} units)", "w", "sup |wx − g̃(x)|",
                [new Series("measured sup error", [.. blocks.Take(200).Select(b => b.W)], [.. blocks.Take(200).Select(b => b.Measured)], SeriesStyle.Markers),
                 new Series($"ε = {s.Epsilon}", [-1, 1], [s.Epsilon, s.Epsilon], SeriesStyle.Dashed)], LogY: true, Caption: "Most blocks' sup error lies below ε (the labelled line); it is max(|w − s₊|, |w − s₋|), the checks' prediction."));
        return obs.Conclude($"sup error = max(|w−s₊|, |w−s₋|) on all {s.Blocks} blocks (max |diff| {obs["max-abs-measured-minus-predicted"]:E1}); {withinEps}/{s.Blocks} within ε = {s.Epsilon}");
    }

    public const double EqualityTolerance = 1e-12, Epsilon = 0.01;
}
