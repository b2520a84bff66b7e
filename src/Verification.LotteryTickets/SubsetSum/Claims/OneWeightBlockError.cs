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

    public const double EqualityTolerance = 1e-12, Epsilon = 0.01;

    public override string Id => "SS.one-weight-block-error";
    public override PaperRef Paper => PaperRef.SubsetSumLottery;
    public override string Section => "§2, proof of Theorem 1 (one weight: wx = σ(wx) − σ(−wx))";
    public override string Statement => "The pruned one-weight block has sup_{|x|≤1} |wx − g̃(x)| = max(|w − s₊|, |w − s₋|) exactly.";
    public override string NegativeControl => "the ReLU ignored: one SubsetSum over all units, its sum taken for both signs of x";

    protected override Outcome Check(ClaimContext context, Settings s, Construction construction)
    {
        var rng = context.Rng("blocks");
        var solver = new MeetInTheMiddle();
        int mismatches = 0, exceeded = 0, withinEps = 0;
        double worst = 0;
        long kept = 0;
        var ws = new List<double>();
        var errs = new List<double>();
        for (int k = 0; k < s.Blocks; k++)
        {
            double w = rng.Uniform(-1, 1);
            var a = new double[s.Units];
            var b = new double[s.Units];
            for (int t = 0; t < s.Units; t++) (a[t], b[t]) = (rng.Uniform(-1, 1), rng.Uniform(-1, 1));
            var block = construction == Construction.Faithful
                ? OneWeightBlock.Build(w, a, b, solver)
                : OneWeightBlock.BuildIgnoringRelu(w, a, b, solver);
            double predicted = block.PredictedSupError;
            double measured = Math.Max(Math.Abs(w - block.Evaluate(1)), Math.Abs(-w - block.Evaluate(-1)));
            for (int r = 0; r < s.RandomInputs; r++)
            {
                double x = rng.Uniform(-1, 1);
                double e = Math.Abs(w * x - block.Evaluate(x));
                if (!Tolerance.AtMost(s.EqualityTolerance).Accepts(predicted, e)) exceeded++;
                measured = Math.Max(measured, e);
            }
            worst = Math.Max(worst, Math.Abs(measured - predicted));
            if (!Tolerance.Absolute(s.EqualityTolerance).Accepts(predicted, measured)) mismatches++;
            if (measured <= s.Epsilon) withinEps++;
            kept += block.KeptUnits;
            if (k < 200) { ws.Add(w); errs.Add(measured); }
            if (k % 100 == 0) context.Report(k / (double)s.Blocks);
        }
        var obs = new Observations()
            .Measure("max-abs-measured-minus-predicted", worst)
            // sup error = max(|w − s₊|, |w − s₋|) on every block, and no random x above it
            .Expect("mismatches", mismatches, 0, Tolerance.Absolute(0))
            .Expect("random-x-above-prediction", exceeded, 0, Tolerance.Absolute(0))
            .Measure($"fraction-within-eps={s.Epsilon}", withinEps / (double)s.Blocks)
            .Measure("mean-kept-units", kept / (double)s.Blocks);
        if (construction == Construction.Faithful)
            obs.Add(new Figure("ss-one-weight-block", $"One-weight block: sup error over |x| ≤ 1 ({s.Units} units)", "w", "sup |wx − g̃(x)|",
                [new Series("measured sup error", ws, errs, SeriesStyle.Markers), new Series($"ε = {s.Epsilon}", [-1, 1], [s.Epsilon, s.Epsilon], SeriesStyle.Dashed)],
                LogY: true));
        return obs.Conclude($"sup error = max(|w−s₊|, |w−s₋|) on all {s.Blocks} blocks (max |diff| {worst:E1}); {withinEps}/{s.Blocks} within ε = {s.Epsilon}");
    }
}
