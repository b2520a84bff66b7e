using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core.Claims;
using Verification.Core.Markov;
using Verification.Core.Seeding;
using Verification.Transformers.LocalToGlobal;
using Verification.Transformers.LocalToGlobal.Claims;

namespace Verification.Properties;

/// <summary>
/// The theorems of Local to Global's canonical model (spec local-to-global.md §2–3) as FsCheck properties over chains
/// (p, q) and starts (e, w). Their negative controls are among the registered LG.* claims, refuted there.
/// </summary>
[Properties(Arbitrary = [typeof(LocalToGlobalArbitraries)], MaxTest = 100, Replay = PropertySeed.Replay)]
public class LocalToGlobalProperties
{
    [Property]
    public Property OptimalBiasZeroesTheBiasGradientAndMinimisesTheLoss(LgChain c, LgStart s)
    {
        var m = new CanonicalModel(c.P, c.Q);
        double b = m.OptimalBias(s.E, s.W), grad = m.Gradient(s.E, s.W, b).Db, l = m.Loss(s.E, s.W, b);
        return (Math.Abs(grad) <= 1e-10).Label($"∂L/∂b(b*) = {grad}")
            // For large gaps L is flat in b to machine precision: allow rounding of the loss itself (1e-12 relative;
            // found by FsCheck at (p, q) = (0.225, 0.036), (e, w) = (2.65, 2.62) with a 1e-15 allowance).
            .And((l <= m.Loss(s.E, s.W, b + 1e-3) + 1e-12 * Math.Abs(l) && l <= m.Loss(s.E, s.W, b - 1e-3) + 1e-12 * Math.Abs(l))
                .Label("L(b*) ≤ L(b* ± 1e-3) up to rounding"))
            .Classify(c.SwitchingFactor < 1, "p + q < 1");
    }

    [Property]
    public Property ReducedLossIsAtLeastTheEntropyRate(LgChain c, LgStart s)
    {
        var m = new CanonicalModel(c.P, c.Q);
        double l = m.ReducedLoss(s.E, s.W);
        return (l >= m.EntropyRate - 1e-12).Label($"L̃ = {l} ≥ H* = {m.EntropyRate}")
            .And((m.ReducedLoss(0, s.W) - m.UnigramEntropy is var d && Math.Abs(d) <= 1e-12).Label("L̃(0, w) = H(π)"));
    }

    [Property]
    public Property ClosedFormGradientMatchesCentralDifferences(LgChain c, LgPoint x)
    {
        var m = new CanonicalModel(c.P, c.Q);
        var (de, dw, db) = m.Gradient(x.E, x.W, x.B);
        const double h = 1e-6;
        double fe = (m.Loss(x.E + h, x.W, x.B) - m.Loss(x.E - h, x.W, x.B)) / (2 * h);
        double fw = (m.Loss(x.E, x.W + h, x.B) - m.Loss(x.E, x.W - h, x.B)) / (2 * h);
        double fb = (m.Loss(x.E, x.W, x.B + h) - m.Loss(x.E, x.W, x.B - h)) / (2 * h);
        double tol = 1e-7 * (1 + Math.Abs(m.Loss(x.E, x.W, x.B)));
        return (Math.Abs(de - fe) <= tol).Label($"∂L/∂e {de} vs {fe}")
            .And((Math.Abs(dw - fw) <= tol).Label($"∂L/∂w {dw} vs {fw}"))
            .And((Math.Abs(db - fb) <= tol).Label($"∂L/∂b {db} vs {fb}"));
    }

    [Property(MaxTest = 20)]
    public Property ClosedFormLossEqualsTheMonteCarloCrossEntropy(LgChain c, LgPoint x)
    {
        var m = new CanonicalModel(c.P, c.Q);
        var (f0, f1) = m.Logits(x.E, x.W, x.B);
        var (mean, se) = MonteCarloLoss.Estimate(new BinaryMarkovChain(c.P, c.Q), f0, f1, 32, 256,
            new Rng(Seeds.Derive(5, $"{c}{x}")));
        double z = (mean - m.Loss(x.E, x.W, x.B)) / se;
        return (Math.Abs(z) < ClosedFormLossMatchesMonteCarlo.ZThreshold || se == 0).Label($"MC {mean} ± {se} vs closed form: z = {z}");
    }

    [Property(MaxTest = 40)]
    public Property EnergyIsConservedAlongTheReducedFlow(LgChain c, LgStart s)
    {
        var settings = EnergyIsConserved.Settings.For(Scale.Ci);
        var run = EnergyDrift.Along(new ReducedFlow(new CanonicalModel(c.P, c.Q)), [s.E, s.W], settings.Integrator with { EndTime = 20 });
        return (run.Flow.Status == FlowStatus.ReachedEndTime).Label(run.Flow.Describe())
            .And((run.MaxAbsDrift < settings.EnergyTolerance).Label($"max |ΔE| = {run.MaxAbsDrift}"));
    }

    [Property]
    public Property BasinsDependOnlyOnTheSignOfSwitchingFactorMinusOne(LgChain c, LgStart s)
    {
        var m = new CanonicalModel(c.P, c.Q);
        var end = Basins.TryClassify(new ReducedFlow(m), [s.E, s.W]);
        var predicted = Basins.Predict(c.SwitchingFactor, s.E, s.W).ToEnd();
        return (end.End == predicted).Label($"flow ended {end.End?.ToString() ?? end.Flow.Describe()}, sign-only predicate {predicted}")
            .When(!Basins.NearSeparatrix(s.E, s.W, BasinGrid.SeparatrixMargin))
            .Classify(c.SwitchingFactor < 1, "p + q < 1")
            .Classify(predicted == FlowEnd.Unigram, "unigram basin");
    }

    [Property]
    public Property UnigramLineHessianIsDiag2KappaOnePlus2WAbsW(LgChain c, LgStart s)
    {
        var m = new CanonicalModel(c.P, c.Q);
        var h = Curvature.FiniteDifferenceHessian(m, 0, s.W);
        var predicted = new[,] { { 2 * m.Kappa * (1 + 2 * s.W * Math.Abs(s.W)), 0 }, { 0, 0.0 } };
        double d = Curvature.MaxAbsDifference(h, predicted);
        return (d <= UnigramLineIsCritical.Settings.For(Scale.Ci).HessianTolerance).Label($"|H − diag(2κ(1+2w|w|), 0)| = {d}");
    }

    [Property]
    public Property TheIidChainIsRejectedAsDegenerate(LgChain c)
    {
        bool threw;
        try
        {
            _ = new CanonicalModel(c.P, 1 - c.P);
            threw = false;
        }
        catch (ArgumentOutOfRangeException e)
        {
            threw = e.Message.Contains("i.i.d.");
        }
        return threw.Label($"p = {c.P}, q = 1 − p rejected as i.i.d.");
    }
}
