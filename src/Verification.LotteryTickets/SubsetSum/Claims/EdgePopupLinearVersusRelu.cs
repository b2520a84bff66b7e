// arXiv 2006.07990 §4, Experiment 2 (spec P10, pitfall 8: learned masks, so this does not test Theorem 1).
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.LotteryTickets.SubsetSum.Claims;

/// <summary>
/// Edge-popup masks on a frozen random network of redundant layers (r = 5): the learned subnetwork is far above chance
/// (≥ 50% held-out accuracy at the largest keep fraction, chance is 10%), and the "Linear" variant (no middle ReLU) is
/// at least as accurate as the theory's "ReLU" variant within 5 points at every keep fraction (spec P10: Linear ≥ ReLU,
/// ±5 pp). Accuracy at small keep fractions is reported, not decided. Negative control: random masks of the same
/// sparsity (scores never trained). Not run at smoke scale: training does not fit the smoke budget.
/// </summary>
public sealed class EdgePopupLinearVersusRelu : Claim<EdgePopupLinearVersusRelu.Settings>
{
    /// <param name="Experiment">RedLayer(784→hidden, r) − ReLU − RedLayer(hidden→10, r), Kaiming-normal frozen weights, edge-popup scores</param>
    /// <param name="MinAccuracy">both variants at least this at the largest keep fraction (chance is 0.1)</param>
    /// <param name="MarginPoints">Linear ≥ ReLU − this, in percentage points, at every keep fraction</param>
    public sealed record Settings(EdgePopupSettings Experiment, double MinAccuracy = EdgePopupLinearVersusRelu.MinAccuracy,
        double MarginPoints = EdgePopupLinearVersusRelu.MarginPoints) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale == Scale.Paper ? EdgePopupSettings.Paper : EdgePopupSettings.Ci);
    }

    public const double MinAccuracy = 0.5, MarginPoints = 5;

    public override string Id => "SS.edge-popup-linear-vs-relu";
    public override PaperRef Paper => PaperRef.SubsetSumLottery;
    public override string Section => "§4, Experiment 2 (edge-popup on the redundant-layer structure)";
    public override string Statement =>
        "Edge-popup finds subnetworks of a random redundant-layer network far above chance on MNIST, and the Linear variant is at least as accurate as the theory's ReLU variant (within 5 points).";
    public override string NegativeControl => "random masks of the same sparsity (scores never trained)";
    public override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Ci, Scale.Paper];

    /// <summary>Sub-units: one per keep fraction and variant (issue #14 item 5).</summary>
    public override int SubUnits(Scale scale) => 2 * Settings.For(scale).Experiment.KeepFractions.Length;

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var s = settings.Experiment;
        bool train = construction == Construction.Faithful;
        var obs = new Observations();
        var linear = new List<double>();
        var relu = new List<double>();
        int done = 0;
        foreach (var keep in s.KeepFractions)
        {
            double lin = context.SubUnit($"keep={keep}.linear", () => EdgePopupExperiment.Accuracy(s, relu: false, keep, context.DeriveSeed($"edge-popup-{keep}"), train, context.Device.ToTorch()));
            context.Report(++done / (2.0 * s.KeepFractions.Length));
            double rel = context.SubUnit($"keep={keep}.relu", () => EdgePopupExperiment.Accuracy(s, relu: true, keep, context.DeriveSeed($"edge-popup-{keep}"), train, context.Device.ToTorch()));
            context.Report(++done / (2.0 * s.KeepFractions.Length));
            linear.Add(lin);
            relu.Add(rel);
            obs.Measure($"keep={keep}.linear.accuracy", lin);
            obs.Measure($"keep={keep}.relu.accuracy", rel);
            // Linear ≥ ReLU − MarginPoints at every keep fraction (in percentage points)
            obs.Expect($"keep={keep}.linear-not-below-relu", Tolerance.AtLeast(settings.MarginPoints).Accepts(100 * rel, 100 * lin),
                $"Linear {100 * lin:F1}%, ReLU {100 * rel:F1}%");
        }
        double top = s.KeepFractions.Max();
        int at = Array.IndexOf(s.KeepFractions, top);
        // both learn at the largest keep fraction
        obs.Expect($"keep={top}.both-at-least-min-accuracy", Tolerance.AtLeast().Accepts(settings.MinAccuracy, Math.Min(linear[at], relu[at])),
            $"Linear {100 * linear[at]:F1}%, ReLU {100 * relu[at]:F1}% (need ≥ {100 * settings.MinAccuracy:F0}%)");
        if (train)
        {
            var x = s.KeepFractions.ToArray();
            obs.Add(new Figure("ss-edge-popup", $"Edge-popup on redundant layers (hidden {s.Hidden}, r = {s.R}): held-out accuracy", "fraction of weights kept", "accuracy",
                [new Series("Linear (no middle ReLU)", x, linear, SeriesStyle.LineWithMarkers), new Series("ReLU (theory's structure)", x, relu, SeriesStyle.LineWithMarkers)],
                LogX: true));
        }
        return obs.Conclude($"at keep {top}: Linear {100 * linear[at]:F1}%, ReLU {100 * relu[at]:F1}%; Linear ≥ ReLU − {settings.MarginPoints} pp at every keep fraction");
    }
}
