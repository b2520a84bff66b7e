// arXiv 2006.07990 §4, Experiment 1 (spec P8 and pitfall 2).
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.LotteryTickets.Data;

namespace Verification.LotteryTickets.SubsetSum.Claims;

/// <summary>
/// Every weight of a trained bias-free MNIST network is replaced by the closest subset sum of n = 21 coefficients from
/// U[min W, max W] (ε = 0.01). Decided: the fraction of weights not within ε is at most ε (Lemma 1's own failure
/// probability per instance); the approximated network's held-out accuracy (re-measured on the approximated model
/// itself, spec pitfall 2) is within 0.3 points of the target's; the mean number of kept coefficients is within ±1 of
/// the paper's 9.39 of 21 (spec P8). MEASURED, NOT DECIDED: the paper's "every weight within ε" (spec P8); at CI scale,
/// seed 1, 2 of 79,400 weights had no subset within ε (max error 0.0169), so that stronger statement is refuted here
/// and reported as the measurement <c>weights-over-eps</c> (see docs/papers/SS.md). Negative control: the greedy
/// heuristic in place of the exact solver.
/// </summary>
public sealed class MnistWeightsBySubsetSum(MnistSubsetSumExperiment experiment) : Claim<MnistWeightsBySubsetSum.Settings>
{
    /// <param name="Experiment">784-hidden-10 bias-free target trained with Adam; n = Terms coefficients from U[min W, max W], an own set per weight</param>
    /// <param name="MaxAccuracyChangePoints">|approximated − target| held-out accuracy, in percentage points</param>
    /// <param name="PaperMeanKept">the paper's mean number of kept coefficients (of 21)</param>
    /// <param name="KeptTolerance">absolute, on the mean kept against PaperMeanKept</param>
    public sealed record Settings(MnistSubsetSumSettings Experiment, double MaxAccuracyChangePoints = MnistWeightsBySubsetSum.MaxAccuracyChangePoints,
        double PaperMeanKept = MnistWeightsBySubsetSum.PaperMeanKept, double KeptTolerance = MnistWeightsBySubsetSum.KeptTolerance)
        : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale switch
        {
            Scale.Smoke => MnistSubsetSumSettings.Smoke,
            Scale.Ci => MnistSubsetSumSettings.Ci,
            _ => MnistSubsetSumSettings.Paper,
        });

        public string Data => $"{Mnist.PackageName}@{Mnist.PackageVersion}: {Mnist.TrainSize} train, {Mnist.TestSize} test (fixed split)";
    }

    public override string Id => "SS.mnist-weights-by-subset-sum";
    public override PaperRef Paper => PaperRef.SubsetSumLottery;
    public override string Section => "§4, Experiment 1 (SubsetSum on a trained network)";
    public override string Statement =>
        "Replacing each weight of a trained bias-free 784-H-10 MNIST network by the closest subset sum of 21 random coefficients puts all but a fraction ≤ ε of the weights within ε = 0.01, keeps ≈ 9.4 of 21 coefficients per weight, and loses at most 0.3 accuracy points on held-out digits.";
    public override string NegativeControl => "the greedy heuristic in place of an exact SubsetSum solver";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var s = settings.Experiment;
        Func<SubsetSumSolver> factory = construction == Construction.Faithful ? () => new MeetInTheMiddle() : () => new GreedySubsetSum();
        var r = experiment.Run(s, context.DeriveSeed("mnist-subset-sum"), factory, context.Report, context.Device.ToTorch());
        var obs = new Observations()
            .Measure("weights", r.Weights).Measure("target.accuracy", r.TargetAccuracy).Measure("approximated.accuracy", r.ApproximatedAccuracy)
            // held-out accuracy, re-measured on the approximated network itself, within 0.3 points of the target's
            .Expect("accuracy-change.points", r.AccuracyChangePoints, 0, Tolerance.Absolute(settings.MaxAccuracyChangePoints))
            .Measure("max-abs-w-minus-w-hat", r.MaxError).Measure("median-abs-w-minus-w-hat", r.MedianError)
            // all but a fraction ≤ ε of the weights within ε (Lemma 1's failure probability per instance)
            .ExpectAtMost("weights-over-eps", r.WeightsOverEpsilon, s.Epsilon * r.Weights).Measure("fraction-over-eps", r.WeightsOverEpsilon / (double)r.Weights)
            // ≈ 9.4 of 21 coefficients kept per weight, as in the paper
            .Expect("mean-kept-of-21", r.MeanKept, settings.PaperMeanKept, Tolerance.Absolute(settings.KeptTolerance))
            .Measure("coefficients.low", r.CoefficientLow).Measure("coefficients.high", r.CoefficientHigh)
            .Measure("coefficients.total", (double)r.Weights * s.Terms).Measure("coefficients.kept", r.MeanKept * r.Weights);
        if (construction == Construction.Faithful) obs.Add(MnistExperimentFigures.KeptHistogram(r, s.Terms));
        return obs.Conclude($"{r.Weights - r.WeightsOverEpsilon:N0} of {r.Weights:N0} weights within ε (max error {r.MaxError:E2}, median {r.MedianError:E1}); accuracy {100 * r.TargetAccuracy:F2}% → {100 * r.ApproximatedAccuracy:F2}%; mean kept {r.MeanKept:F2} of {s.Terms}");
    }

    public const double MaxAccuracyChangePoints = 0.3, PaperMeanKept = 9.39, KeptTolerance = 1;
}
