// Attention with Markov (arXiv 2402.04161), §4: the shared shape of the training claims.
using Verification.Core.Claims;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov.Claims;

/// <summary>
/// A training claim: one or more <see cref="TrainingArm"/>s, each of which must have at least its required number of
/// seeds end at the predicted point; the curves go into one figure with the two reference lines. Smoke scale is not
/// supported: a few dozen steps cannot tell a plateau from a minimum.
/// </summary>
public abstract class TrainingClaim : Claim
{
    public override PaperRef Paper => PaperRef.AttentionWithMarkov;
    public override IReadOnlyCollection<Scale> Scales { get; } = [Scale.Ci, Scale.Paper];

    /// <summary>CI: T = 256; paper: T = 1024 (the spec's sizes). Seed counts are set by each claim.</summary>
    public static TrainingConfig Config(Scale scale) => scale == Scale.Paper ? TrainingConfig.Paper : TrainingConfig.Ci;

    /// <summary>The arms of the check on <paramref name="construction"/> (the sabotage changes what is trained).</summary>
    protected abstract IReadOnlyList<TrainingArm> Arms(Scale scale, Construction construction);

    /// <summary>The source the sabotaged runs train on (null: the true chain).</summary>
    protected virtual BinaryMarkovChain? SabotagedSource(TrainingArm arm) => null;

    /// <summary>
    /// The usual sabotaged source: i.i.d. draws with the chain's marginal π (P(1 | anything) = π1), so that the
    /// transitions a model could learn are gone.
    /// </summary>
    protected static BinaryMarkovChain IidWithTheChainsMarginal(TrainingArm arm)
    {
        var chain = new BinaryMarkovChain(arm.P, arm.Q);
        return new BinaryMarkovChain(chain.Pi1, chain.Pi0);
    }

    protected abstract string FigureName { get; }
    protected abstract string FigureTitle { get; }

    /// <summary>
    /// Read off what runs: the trainer's tolerances, the <see cref="TrainingConfig"/> (once when every arm trains with
    /// the same one) and every faithful arm's record under its name (chain, tying, expected point, seeds, required).
    /// </summary>
    public sealed override IReadOnlyDictionary<string, object> Parameters(Scale scale)
    {
        var arms = Arms(scale, Construction.Faithful);
        bool sharedConfig = arms.Select(a => a.Config).Distinct().Count() == 1;
        var parameters = new Dictionary<string, object>(ClaimSettings.ParametersOf(TrainerTolerances.Trainer), StringComparer.Ordinal);
        if (sharedConfig)
            foreach (var (name, value) in ClaimSettings.ParametersOf(arms[0].Config)) parameters[$"config.{name}"] = value;
        foreach (var arm in arms)
            foreach (var (name, value) in ClaimSettings.ParametersOf(arm))
                if (name != "name" && name != "seedStream" && !(sharedConfig && name.StartsWith("config.", StringComparison.Ordinal)))
                    parameters[$"{arm.Name}.{name}"] = value;
        return parameters;
    }

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var arms = Arms(context.Scale, construction);
        var obs = new Observations();
        var curves = new List<Series>();
        var results = new List<SweepResult>();
        for (int k = 0; k < arms.Count; k++)
        {
            var source = construction == Construction.Sabotaged ? SabotagedSource(arms[k]) : null;
            var result = TrainingSweep.Run(context, arms[k], k / (double)arms.Count, (k + 1) / (double)arms.Count, source);
            results.Add(result);
            result.MeasureInto(obs, curves);
            // At least Required of the arm's Seeds runs end at the expected point (a sweep stops once that is unreachable).
            obs.ExpectAtLeast($"{arms[k].Name}.seeds-at-expected", result.Hits, arms[k].Required);
            var skipped = string.Join(", ", arms.Skip(k + 1).Select(a => $"arm {a.Name}")
                .Prepend(result.Sweep.Skipped is string s ? $"{arms[k].Name} {s}" : null).OfType<string>());
            if (skipped.Length > 0 && obs.StopOnceRefuted(skipped)) break;
        }
        obs.Add(TrainingSweep.Figure(FigureName, FigureTitle, arms, curves));
        return obs.Conclude(string.Join("; ", results.Select(r => r.Summary)));
    }
}
