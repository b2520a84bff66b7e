// Survival analysis of right-censored times: the escape steps of tied training runs from the unigram plateau (Attention
// with Markov, arXiv 2402.04161 §4; a run still on the plateau at the end of its schedule is right-censored there).
// Kaplan & Meier (1958), "Nonparametric estimation from incomplete observations", JASA 53:457–481.
namespace Verification.Core.Numerics;

/// <summary>
/// One observed time: the time of the event (<paramref name="Event"/> true), or the time at which observation stopped
/// without it (right-censored: the event, if any, comes later).
/// </summary>
public readonly record struct SurvivalTime(double Time, bool Event)
{
    public static SurvivalTime Observed(double time) => new(time, true);

    public static SurvivalTime Censored(double time) => new(time, false);

    /// <summary>Checks a sample: not empty, every time finite and ≥ 0.</summary>
    public static IReadOnlyList<SurvivalTime> Validate(IReadOnlyList<SurvivalTime> sample, string name)
    {
        ArgumentNullException.ThrowIfNull(sample, name);
        if (sample.Count == 0) throw new ArgumentException("the sample is empty", name);
        foreach (var s in sample)
            if (!double.IsFinite(s.Time) || s.Time < 0)
                throw new ArgumentException($"every time must be finite and ≥ 0 (got {s.Time})", name);
        return sample;
    }
}

/// <summary>One step of the Kaplan–Meier curve: at <paramref name="Time"/>, of <paramref name="AtRisk"/> still at risk,
/// <paramref name="Events"/> had the event; <paramref name="Survival"/> is Ŝ just after it.</summary>
public readonly record struct SurvivalStep(double Time, int AtRisk, int Events, double Survival);

/// <summary>
/// The Kaplan–Meier estimate Ŝ(t) = Π_{t_j ≤ t} (1 − d_j/n_j) over the distinct event times t_j, with n_j the number
/// still at risk just before t_j and d_j the events at t_j. A time censored at t_j counts as at risk at t_j (the
/// usual convention: censoring is taken to follow the events of the same time).
/// </summary>
public sealed class KaplanMeier
{
    private KaplanMeier(IReadOnlyList<SurvivalStep> steps, int count) => (Steps, Count) = (steps, count);

    /// <summary>The curve's steps, one per distinct event time, in time order.</summary>
    public IReadOnlyList<SurvivalStep> Steps { get; }

    /// <summary>The sample size.</summary>
    public int Count { get; }

    public static KaplanMeier Estimate(IReadOnlyList<SurvivalTime> sample)
    {
        SurvivalTime.Validate(sample, nameof(sample));
        var steps = new List<SurvivalStep>();
        double survival = 1;
        foreach (double t in sample.Where(s => s.Event).Select(s => s.Time).Distinct().Order())
        {
            int atRisk = sample.Count(s => s.Time >= t), events = sample.Count(s => s.Event && s.Time == t);
            survival *= 1 - events / (double)atRisk;
            steps.Add(new SurvivalStep(t, atRisk, events, survival));
        }
        return new KaplanMeier(steps, sample.Count);
    }

    /// <summary>Ŝ(t): the fraction estimated still without the event at time t (1 before the first event).</summary>
    public double At(double t)
    {
        double s = 1;
        foreach (var step in Steps)
        {
            if (step.Time > t) break;
            s = step.Survival;
        }
        return s;
    }

    /// <summary>The median: the first event time at which Ŝ ≤ 1/2, or null when Ŝ stays above 1/2 (too many censored).</summary>
    public double? Median => Steps.FirstOrDefault(s => s.Survival <= 0.5) is { AtRisk: > 0 } step ? step.Time : null;

    /// <summary>
    /// The curve as a step function from time 0 to <paramref name="until"/>: (x, y) pairs with the value just before and
    /// at each event time, ready to draw.
    /// </summary>
    public (IReadOnlyList<double> X, IReadOnlyList<double> Y) StepCurve(double until)
    {
        var x = new List<double> { 0 };
        var y = new List<double> { 1 };
        double s = 1;
        foreach (var step in Steps.Where(st => st.Time <= until))
        {
            x.Add(step.Time); y.Add(s);
            x.Add(step.Time); y.Add(step.Survival);
            s = step.Survival;
        }
        x.Add(until); y.Add(s);
        return (x, y);
    }
}
