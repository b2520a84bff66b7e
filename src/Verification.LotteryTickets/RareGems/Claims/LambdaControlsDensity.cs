// Rare Gems (arXiv 2202.12002), §3 "GEM-MINER(0)" and Fig. 2 (λ sets the density), spec §5 claim 5: without
// iterative freezing, λ = 0 leaves the mask near its initial 50% density and a larger λ never makes it denser.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.LotteryTickets.RareGems.Claims;

/// <summary>
/// GEM-MINER without freezing on MNIST (seed 0 of the paired seeds, the experiment's mining budget): with λ = 0 the
/// final gem density lies in [35%, 65%]; along increasing λ it never rises by more than 1 point, and the largest λ
/// lowers it by at least 10 points. Negative control: the regulariser's sign flipped (−λΣp² rewards large scores).
/// </summary>
public sealed class LambdaControlsDensity(GemExperiments experiments) : GemClaim<LambdaControlsDensity.Settings>(experiments)
{
    /// <param name="Lambdas">increasing λ, the first 0 (GEM-MINER(0))</param>
    /// <param name="Band">|density at λ = 0 − 50%| at most this (spec §5: [35%, 65%])</param>
    /// <param name="Slack">density may rise by at most this between consecutive λ (spec §5: 1 point)</param>
    /// <param name="MinDrop">density at λ = 0 − density at the largest λ, at least (λ must act at all)</param>
    public sealed record Settings(RareGemsSettings Experiment, double[] Lambdas, double Band = 0.15, double Slack = 0.01, double MinDrop = 0.10)
        : IClaimSettings<Settings>, IGemSettings
    {
        public static Settings For(Scale scale) => new(RareGemsSettings.For(scale), [0, 1e-5, 1e-4, 1e-3]);
    }

    public override string Id => "RG.lambda-controls-density";
    public override string Section => "§3 (GEM-MINER(0)) and Fig. 2; spec §5 claim 5";
    public override string Statement =>
        "Without iterative freezing, GEM-MINER with λ = 0 ends at a gem density in [35%, 65%], and the density does not " +
        "increase with λ (1 point tolerance) while the largest λ lowers it by at least 10 points.";
    public override string NegativeControl => "The regulariser's sign flipped, −λΣp², which rewards large scores instead of shrinking them.";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var runs = settings.Lambdas.Select((l, k) =>
        {
            var config = settings.Experiment.Config(1, l) with { Freeze = false, FlipRegulariser = construction == Construction.Sabotaged };
            var gem = experiment.Mine(config, context.DeriveSeed("rg.init.0"), context.DeriveSeed("rg.batches.0"), FreezeRule.SmallestScores,
                f => context.Report((k + f) / settings.Lambdas.Length));
            return (Label: $"lambda={GemLabels.Lambda(l)}", gem.Result.DensityGem, Accuracy: experiment.AccuracyAtInit(gem.InitWeights, gem.Gem));
        }).ToList();
        var obs = new Observations();
        foreach (var r in runs) obs.Measure($"{r.Label}.gem-density", r.DensityGem).Measure($"{r.Label}.acc-at-init", r.Accuracy);
        // spec §5 claim 5: λ = 0 stays near the initial 50%; density non-increasing in λ (1 pt); the largest λ acts
        return obs.Expect($"{runs[0].Label}.gem-density", runs[0].DensityGem, 0.5, Tolerance.Absolute(settings.Band))
            .ExpectAll("density-does-not-grow-with-lambda", runs.Skip(1).Select((r, k) => ($"{runs[k].Label}-to-{r.Label}", r.DensityGem, runs[k].DensityGem)),
                Tolerance.AtMost(settings.Slack))
            .ExpectAtLeast("largest-lambda-lowers-density", runs[0].DensityGem - runs[^1].DensityGem, settings.MinDrop)
            .Conclude(() => $"gem density {string.Join(", ", runs.Select(r => $"{r.DensityGem:P1}"))} along λ = {string.Join(", ", settings.Lambdas.Select(GemLabels.Lambda))} without freezing");
    }
}
