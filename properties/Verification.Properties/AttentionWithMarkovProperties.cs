using Verification.Core.Runtime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core.Markov;
using Verification.Core.Seeding;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Properties;

/// <summary>
/// The landscape theorems of Attention with Markov (arXiv 2402.04161, §3; spec §5 items 2–3) as properties over
/// (p, q), on a small theory model (d = 2, N = 3, r = 2: 33–35 parameters) so that each Hessian costs milliseconds.
/// Their negative controls are among the registered claims (AM.*), refuted there.
/// </summary>
[Properties(Arbitrary = [typeof(AttentionWithMarkovArbitraries)], MaxTest = 60, Replay = PropertySeed.Replay)]
public class AttentionWithMarkovProperties
{
    public AttentionWithMarkovProperties() => TorchRuntime.Initialize();

    private const int Length = 3;

    private static TheoryTransformer Model(bool tied) => new(new TheoryTransformerConfig(2, Length, 2, tied));

    [Property]
    public Property GlobalMinimumConstructionHasEntropyRateLossAndZeroGradientTiedAndUntied(MarkovPoint x, bool tied)
    {
        using var scope = NewDisposeScope();
        var chain = new BinaryMarkovChain(x.P, x.Q);
        using var model = Model(tied);
        LandscapePoints.GlobalMinimum(model, x.P, x.Q, new Rng(x.Seed));
        var loss = new ExactPopulationLoss(x.P, x.Q, Length);
        double value = loss.Value(model), grad = loss.Gradient(model).Max(Math.Abs);
        return (Math.Abs(value - chain.EntropyRate) <= 1e-9).Label($"L = {value} vs entropy rate {chain.EntropyRate}")
            .And((grad < 1e-8).Label($"max|∇L| = {grad}"))
            .Classify(tied, "tied")
            .Classify(x.SwitchingFactor > 1, "p + q > 1");
    }

    [Property]
    public Property UnigramPointHasStationaryEntropyLossAndZeroGradient(MarkovPoint x, bool tied)
    {
        using var scope = NewDisposeScope();
        var chain = new BinaryMarkovChain(x.P, x.Q);
        using var model = Model(tied);
        LandscapePoints.Unigram(model, x.P, x.Q, new Rng(x.Seed));
        var loss = new ExactPopulationLoss(x.P, x.Q, Length);
        double value = loss.Value(model), grad = loss.Gradient(model).Max(Math.Abs);
        return (Math.Abs(value - chain.StationaryEntropy) <= 1e-10).Label($"L = {value} vs H(π) {chain.StationaryEntropy}")
            .And((grad <= 1e-10).Label($"max|∇L| = {grad}"));
    }

    [Property(MaxTest = 30)]   // a Hessian per case
    public Property UnigramPointIsLocalMinimumWhenTiedAndSwitchingFactorAboveOne(MarkovPoint x)
    {
        using var scope = NewDisposeScope();
        using var model = Model(tied: true);
        LandscapePoints.Unigram(model, x.P, x.Q, new Rng(x.Seed));
        var (values, _) = ExactPopulationLoss.Eigen(new ExactPopulationLoss(x.P, x.Q, Length).Hessian(model));
        return (values[0] >= -1e-7).Label($"λmin = {values[0]} ≥ −1e-7")
            .When(x.SwitchingFactor > 1);
    }

    [Property(MaxTest = 30)]   // a Hessian per case
    public Property UnigramPointIsSaddleWithCurvatureTwoCWhenTiedAndSwitchingFactorBelowOne(MarkovPoint x)
    {
        using var scope = NewDisposeScope();
        using var model = Model(tied: true);
        LandscapePoints.Unigram(model, x.P, x.Q, new Rng(x.Seed));
        var (values, _) = ExactPopulationLoss.Eigen(new ExactPopulationLoss(x.P, x.Q, Length).Hessian(model));
        double twoC = 2 * LandscapePoints.CurvatureScale(x.P, x.Q);
        return (Math.Abs(values[0] - twoC) <= 1e-6).Label($"λmin = {values[0]} vs 2c = {twoC}")
            .When(x.SwitchingFactor < 1);
    }

    [Property(MaxTest = 30)]   // a Hessian per case
    public Property UntiedUnigramPointIsSaddleWithCurvatureMinusAbsC(MarkovPoint x)
    {
        using var scope = NewDisposeScope();
        using var model = Model(tied: false);
        LandscapePoints.Unigram(model, x.P, x.Q, new Rng(x.Seed));
        var (values, _) = ExactPopulationLoss.Eigen(new ExactPopulationLoss(x.P, x.Q, Length).Hessian(model));
        double c = LandscapePoints.CurvatureScale(x.P, x.Q);
        return (Math.Abs(values[0] + Math.Abs(c)) <= 1e-6).Label($"λmin = {values[0]} vs −|c| = {-Math.Abs(c)}")
            .Classify(x.SwitchingFactor > 1, "p + q > 1")
            .When(Math.Abs(x.SwitchingFactor - 1) > 1e-9);
    }
}
