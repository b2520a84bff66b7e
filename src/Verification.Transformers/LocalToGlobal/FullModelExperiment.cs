// Local to Global (arXiv 2406.03072), §4 and Figure 4 (spec local-to-global §4 and §5 rows 12–14): the experiment shared
// by the two full-model training claims — the full single-layer transformer trained seed after seed with the paper's
// AdamW recipe on the exact population loss (FullModelTraining).
using Verification.Core.Claims;
using Verification.Core.Runtime;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>
/// The shared settings of the two full-model training claims: model sizes and optimiser, seeds per chain, and how
/// close the final exact loss must come to the predicted level.
/// </summary>
/// <param name="LossTolerance">spec §5 rows 12–14: final exact loss within 0.02 nats of the predicted level, every seed</param>
public sealed record FullModelSettings(FullTrainingConfig Config, int Seeds, double LossTolerance = FullModelSettings.FinalLossTolerance)
{
    public const double FinalLossTolerance = 0.02;

    /// <summary>CI: N = 6, 400 iterations, 3 seeds; paper: N = 10, 1000 iterations, 5 seeds (the claims do not run at smoke).</summary>
    public static FullModelSettings For(Scale scale) => scale == Scale.Paper ? new(FullTrainingConfig.Paper, 5) : new(FullTrainingConfig.Ci, 3);
}

public static class FullModelExperiment
{
    /// <summary>
    /// Seeds 1 … <see cref="FullModelSettings.Seeds"/> trained on (p, q) from <paramref name="init"/>, seed s from the
    /// stream <c>{stream}.seed={s}</c>, lazily: each run is trained when the enumeration reaches it, so a check that
    /// stops (<see cref="Observations.StopOnceRefuted"/>) trains no more. A run that diverges makes the claim inconclusive.
    /// </summary>
    public static IEnumerable<(int Seed, FullTrainingRun Run)> Runs(ClaimContext context, FullModelSettings settings, double p, double q,
        FullInit init, bool tied, string stream)
    {
        for (int s = 1; s <= settings.Seeds; s++)
        {
            FullTrainingRun run;
            try
            {
                run = FullModelTraining.Train(p, q, settings.Config, init, tied, context.DeriveSeed($"{stream}.seed={s}"), device: context.Device.ToTorch());
            }
            catch (InvalidOperationException e)
            {
                throw new ClaimInconclusiveException(e.Message);
            }
            yield return (s, run);
        }
    }
}
