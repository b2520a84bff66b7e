// Attention with Markov (arXiv 2402.04161), §4, Figs. "loss2"/"loss-layers" read as escape times (issue #16): how long
// tied training on (p, q) = (0.5, 0.8) sits on the unigram plateau H(π), per arm as a distribution over seeds.
using Verification.Core.Claims;
using Verification.Core.Markov;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>What the escape-time arms train: the tied arms as stated, the same arms untied, or tied on an i.i.d. source.</summary>
public enum PlateauArms
{
    /// <summary>The tied arms on the chain.</summary>
    Tied,

    /// <summary>The same arms untied (no unigram minimum to linger at).</summary>
    Untied,

    /// <summary>The tied arms trained on an i.i.d. source with the chain's π (p' = π1, q' = π0) and evaluated on the chain.</summary>
    TiedOnIid,
}

/// <summary>
/// The escape-time arms of one construction, trained arm by arm (<see cref="Samples"/>), with the curves and survival
/// figures of the arms run. On an i.i.d. source an arm stops once more of its runs stayed on the plateau than
/// <paramref name="atLeast"/> allows of all its seeds (its fraction escaped is then below it whatever follows).
/// </summary>
public sealed class PlateauEscapes(BinaryMarkovChain chain, IReadOnlyList<EscapeArm> arms, PlateauArms kind, double atLeast, int horizon)
{
    private readonly List<EscapeSample> samples = [];
    private readonly List<Series> curves = [];

    /// <summary>The arms, lazily: a caller that stops enumerating trains no further arm.</summary>
    public IEnumerable<EscapeSample> Samples(ClaimContext context)
    {
        var source = kind == PlateauArms.TiedOnIid ? new BinaryMarkovChain(chain.Pi1, chain.Pi0) : null;   // p' + q' = 1
        for (int k = 0; k < arms.Count; k++)
        {
            int seeds = arms[k].Seeds;
            Func<EscapeSample, bool>? decided = kind == PlateauArms.TiedOnIid ? s => s.Runs - s.Escaped > (1 - atLeast) * seeds + 1e-9 : null;
            samples.Add(EscapeTimes.Run(context, arms[k], chain, k / (double)arms.Count, (k + 1) / (double)arms.Count, source, decided, curves));
            yield return samples[^1];
        }
    }

    /// <summary>What a stop after the last sample skipped: the rest of its arm (if it stopped early) and the arms after it.</summary>
    public string Skipped => string.Join(", ", arms.Skip(samples.Count).Select(a => $"arm {a.Name}").Prepend($"{samples[^1].Name}{samples[^1].Stopped}"));

    public string Summary => string.Join("; ", samples.Select(s => s.Summary));

    /// <summary>The survival curves (runs not yet escaped) and the loss curves until each run's escape, with the references.</summary>
    public void AddFigures(Observations obs)
    {
        string what = kind switch { PlateauArms.Untied => "Untied", PlateauArms.TiedOnIid => "Tied, trained on an i.i.d. source with π,", _ => "Tied" };
        obs.Add(EscapeTimes.SurvivalFigure("am-plateau-survival", $"{what} runs on ({chain.P}, {chain.Q}) still on the plateau (not yet at the entropy rate)", samples));
        obs.Add(new Figure("am-plateau-escape-curves", $"{what} training on ({chain.P}, {chain.Q}): test loss until each run's escape",
            "iteration", "test loss (nats)", curves.Concat(TrainingSweep.ReferenceLines(chain.P, chain.Q, horizon)).ToList(),
            Caption: "Each run sits on the H(π) plateau, then drops to the entropy rate (both labelled) at its escape; a curve ends when its run escaped."));
    }
}
