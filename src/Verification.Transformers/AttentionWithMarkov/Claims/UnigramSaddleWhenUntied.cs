// Attention with Markov (arXiv 2402.04161), §3, theorem (saddle, untied): without tying the bad minimum disappears.
using Verification.Core.Claims;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// Without tying, θ_π (with a = e = 0) is a saddle for every p + q ≠ 1: the smallest Hessian eigenvalue is −|c|
/// (the (a, e) block [[·, cI], [cI, 0]] is indefinite), and a step t along its eigenvector lowers the loss by ½|λ|t²
/// up to third-order terms. Negative control: the tied model at the same point (PSD for p+q &gt; 1, 2c for p+q &lt; 1).
/// </summary>
public sealed class UnigramSaddleWhenUntied : Claim
{
    public const double EigenTolerance = 1e-4;
    public const double Step = 1e-3;
    public const double DescentRelativeTolerance = 0.05;   // third-order terms are O(t³) ≈ 1e-9, ½|λ|t² ≈ 5e-8

    public override string Id => "AM.unigram-is-saddle-when-untied";
    public override PaperRef Paper => PaperRef.AttentionWithMarkov;
    public override string Section => "§3, theorem (saddle, untied)";
    public override string Statement =>
        "Without tying, θ_π is a saddle for p+q ≠ 1: λmin = −|c|, and a step t along its eigenvector lowers L by ½|λmin|t².";
    public override string NegativeControl => "the tied model (a = e) at the same point";

    public static IReadOnlyList<(double P, double Q)> Chains(Scale scale) => scale switch
    {
        Scale.Smoke => [(0.5, 0.8)],
        Scale.Ci => [(0.5, 0.8), (0.2, 0.3)],
        _ => [(0.5, 0.8), (0.2, 0.3), (0.7, 0.9), (0.1, 0.5)],
    };

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>
    {
        ["sizes"] = LandscapeSizes.For(scale).ToString(),
        ["chains"] = string.Join(" ", Chains(scale).Select(c => $"({c.P},{c.Q})")),
        ["eigenTolerance"] = EigenTolerance,
        ["step"] = Step,
        ["descentRelativeTolerance"] = DescentRelativeTolerance,
    };

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var sizes = LandscapeSizes.For(context.Scale);
        var chains = Chains(context.Scale);
        bool tied = construction == Construction.Sabotaged;
        var obs = new Observations();
        var failures = new List<string>();
        int done = 0;
        foreach (var (p, q) in chains)
        {
            using var scope = NewDisposeScope();
            var loss = new ExactPopulationLoss(p, q, sizes.Length, context.Device.ToTorch());
            using var model = new TheoryTransformer(sizes.Config(tied), device: context.Device.ToTorch());
            LandscapePoints.Unigram(model, p, q, context.Rng($"theta-pi-{p}-{q}"));
            var probe = LandscapeProbe.At(model, loss);
            double expected = -Math.Abs(LandscapePoints.CurvatureScale(p, q));
            double lambda = probe.MinEigenvalue;
            var v = tensor(probe.LowestDirection(), ScalarType.Float64, device: model.Device);                              // (D)
            var theta = model.Flatten();                                                             // (D)
            double descent;
            using (no_grad())
                descent = probe.Loss - Math.Min(loss.AtTheta(model.Config, theta + Step * v).item<double>(),
                                                loss.AtTheta(model.Config, theta - Step * v).item<double>());
            double predicted = -0.5 * lambda * Step * Step;
            string key = $"p={p},q={q}";
            obs.Measure($"{key}.lambda-min", lambda, expected, EigenTolerance)
                .Measure($"{key}.descent", descent, 0.5 * Math.Abs(expected) * Step * Step, DescentRelativeTolerance)
                .Measure($"{key}.max|grad|", probe.MaxGradient, 0, 1e-10);
            bool ok = Math.Abs(lambda - expected) <= EigenTolerance
                      && predicted > 0
                      && Math.Abs(descent - predicted) <= DescentRelativeTolerance * predicted
                      && probe.MaxGradient <= 1e-10;
            if (!ok)
                failures.Add($"{key}: λmin {lambda:F6} vs −|c| {expected:F6}, descent {descent:E3} vs ½|λ|t² {predicted:E3}");
            context.Report(++done / (double)chains.Count);
        }
        return obs.Decide(failures.Count == 0,
            $"θ_π is a saddle with λmin = −|c| and the predicted descent along its eigenvector at all {chains.Count} chains",
            "no saddle as predicted: " + string.Join("; ", failures));
    }
}
