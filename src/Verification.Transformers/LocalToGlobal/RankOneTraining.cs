// Local to Global (arXiv 2406.03072), §3–4: "the trained weights are close to rank one", the observation behind the
// canonical reduction to (e, w, b) (spec local-to-global §1, §5 row 15; the authors' code logs σ1²/Σσ² of W_V and W1).
// The full-model runs of FullModelTraining (standard init, exact population loss, the paper's AdamW recipe), watched
// for the spectra of their weight matrices.
using Verification.Core.Claims;
using Verification.Core.Runtime;
using Verification.Transformers.AttentionWithMarkov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>The rank-one energy fraction σ1²/Σσ² of the weight matrices the canonical reduction names: W1, W2 (the MLP), W_V, W_Q.</summary>
public sealed record WeightEnergy(double W1, double W2, double WV, double WQ)
{
    /// <summary>σ1²/Σσ² of a matrix: 1 exactly when it has rank one; ≈ 0.2–0.3 for a 32 × 8 Gaussian one.</summary>
    public static double Fraction(Tensor w)
    {
        using var scope = NewDisposeScope();
        var s = linalg.svdvals(w.detach().to_type(ScalarType.Float64)).pow(2);             // (min(m, n))
        return (s.max() / s.sum()).item<double>();
    }

    public static WeightEnergy Of(TheoryTransformer model) =>
        new(Fraction(model["W_1"]), Fraction(model["W_2"]), Fraction(model["W_V"]), Fraction(model["W_Q"]));
}

/// <summary>A run's energy fractions at the init and at the end, the curve of W1's and W2's on the way, and its final exact loss.</summary>
public sealed record RankOneRun(WeightEnergy Init, WeightEnergy Final, double FinalLoss, IReadOnlyList<double> Steps,
    IReadOnlyList<double> W1, IReadOnlyList<double> W2);

public static class RankOneTraining
{
    /// <summary>
    /// Trains the tied full model from the standard init on (p, q) exactly as <see cref="FullModelTraining.Train"/> does
    /// (same init, objective, optimizer and schedule: from the same seed the same run), recording the energy fractions
    /// every <paramref name="recordEvery"/> steps. Throws <see cref="TrainingDivergedException"/> on NaN.
    /// </summary>
    public static RankOneRun Train(double p, double q, FullTrainingConfig config, long seed, int recordEvery = 20, Device? device = null)
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var loss = new ExactPopulationLoss(p, q, config.Length, device);
        return TrainingLoop.Run(new TrainingJob<TheoryTransformer, RankOneRun>(seed, config.Iterations,
            streams => new TheoryTransformer(new TheoryTransformerConfig(config.Dim, config.Length, config.Hidden, Tied: true), streams.Init, device: device),
            (_, _) => new FullModelTraining.ExactLoss(loss),
            model => new FullModelTraining.OneCycleAdamW(model, config),
            (model, _) => new EnergyRecorder(WeightEnergy.Of(model), loss, recordEvery)));
    }

    /// <summary>W1's and W2's energy fractions at the init and after every k-th step; all four and the exact loss at the end.</summary>
    private sealed class EnergyRecorder(WeightEnergy init, ExactPopulationLoss loss, int every) : ITrainingMonitor<TheoryTransformer, RankOneRun>
    {
        private readonly List<double> steps = [0];
        private readonly List<double> w1 = [init.W1];
        private readonly List<double> w2 = [init.W2];

        public bool AfterStep(TheoryTransformer model, int step, double value)
        {
            if ((step + 1) % every != 0) return false;
            steps.Add(step + 1);
            w1.Add(WeightEnergy.Fraction(model["W_1"]));
            w2.Add(WeightEnergy.Fraction(model["W_2"]));
            return false;
        }

        public RankOneRun Finish(TheoryTransformer model, int done)
        {
            double final = loss.Value(model);
            if (!double.IsFinite(final)) throw new TrainingDivergedException(done, $"final loss {final}");
            return new RankOneRun(init, WeightEnergy.Of(model), final, steps, w1, w2);
        }
    }
}

/// <summary>The seeded runs of <see cref="Claims.TrainedWeightsBecomeRankOne"/>, their measurements and figure.</summary>
public static class RankOneExperiment
{
    /// <summary>
    /// Seeds 1 … <paramref name="seeds"/> on <paramref name="chain"/>, seed s from the stream <c>p=…,q=….seed=s</c> (that
    /// of <see cref="Claims.StandardInitFollowsSwitchingSign"/>, so the same runs), each measured into
    /// <paramref name="obs"/> (energy fractions at the init and the end, final loss) with its W1 and W2 curves. A run
    /// that diverges makes the claim inconclusive.
    /// </summary>
    public static IEnumerable<(string Label, RankOneRun Run)> Runs(ClaimContext context, FullTrainingConfig config,
        (double P, double Q) chain, int seeds, Observations obs, List<Series> curves, double from, double width)
    {
        string key = $"p={chain.P},q={chain.Q}";
        for (int s = 1; s <= seeds; s++)
        {
            RankOneRun run;
            try
            {
                run = RankOneTraining.Train(chain.P, chain.Q, config, context.DeriveSeed($"{key}.seed={s}"), device: context.Device.ToTorch());
            }
            catch (TrainingDivergedException e)
            {
                throw new ClaimInconclusiveException(e.Message);
            }
            string label = $"{key}.seed={s}";
            obs.Measure($"{label}.init.w1", run.Init.W1).Measure($"{label}.init.w2", run.Init.W2)
                .Measure($"{label}.final.w1", run.Final.W1).Measure($"{label}.final.w2", run.Final.W2)
                .Measure($"{label}.final.wv", run.Final.WV).Measure($"{label}.final.wq", run.Final.WQ)
                .Measure($"{label}.final-loss", run.FinalLoss);
            curves.Add(new($"W1 {key} seed {s}", run.Steps, run.W1, SeriesStyle.Line, $"W1 {key}"));
            curves.Add(new($"W2 {key} seed {s}", run.Steps, run.W2, SeriesStyle.Dashed, $"W2 {key}"));
            context.Report(from + width * s / seeds);
            yield return (label, run);
        }
    }

    /// <summary>σ1²/Σσ² of W1 and W2 against the training step, every run.</summary>
    public static Figure Figure(IReadOnlyList<Series> curves) =>
        new("lg-rank-one-energy", "Full transformer, standard init: rank-one energy fraction σ1²/Σσ² of W1 and W2 during training",
            "iteration", "σ1² / Σσ²", curves,
            Caption: "W1 and W2 should climb towards 1 (one singular value carries the energy) as training proceeds.");
}
