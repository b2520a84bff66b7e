// arXiv 2006.07990 §4, Experiments 1 and 2 (spec P8, P10): the figures of SS.mnist-weights-by-subset-sum and
// SS.edge-popup-linear-vs-relu.
using Verification.Core.Claims;

namespace Verification.LotteryTickets.SubsetSum.Claims;

public static class MnistExperimentFigures
{
    /// <summary>Experiment 1: how many weights kept k of their n coefficients, k = 0..n.</summary>
    public static Figure KeptHistogram(MnistSubsetSumResult r, int terms) =>
        new("ss-mnist-kept-histogram", $"Kept coefficients per weight (of {terms}), {r.Weights:N0} weights", "kept coefficients", "weights",
            [new Series("weights", Enumerable.Range(0, terms + 1).Select(k => (double)k).ToArray(), r.KeptHistogram.Select(c => (double)c).ToArray(), SeriesStyle.LineWithMarkers)],
            Caption: "How many of its coefficients each weight's subset sum keeps: a weight needs only a few of them, as the construction's counting argument expects.");

    /// <summary>Experiment 2: held-out accuracy of the Linear and the ReLU variant against the fraction of weights kept.</summary>
    public static Figure EdgePopup(EdgePopupSettings s, IReadOnlyList<double> linear, IReadOnlyList<double> relu) =>
        new("ss-edge-popup", $"Edge-popup on redundant layers (hidden {s.Hidden}, r = {s.R}): held-out accuracy", "fraction of weights kept", "accuracy",
            [new Series("Linear (no middle ReLU)", s.KeepFractions, linear, SeriesStyle.LineWithMarkers), new Series("ReLU (theory's structure)", s.KeepFractions, relu, SeriesStyle.LineWithMarkers)],
            LogX: true, XTicks: s.KeepFractions,
            Caption: "At each fraction of weights kept, the ReLU variant (the theory's structure) against the Linear one: the gap is what the middle ReLU buys.");
}
