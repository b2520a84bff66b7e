// arXiv 2407.15504, §6, Figure 1 (headline: the query-aware optimum lies far below the query-agnostic one).
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Headline finding, measured: at mid rates (R = 0.4, 0.5, 0.6) the query-aware limit is at most half the
/// query-agnostic limit, for log and 0/1 loss. Negative control: "aware" groups keyed by the prompt only (the query
/// dropped from the group key), i.e. a compressor that does not actually see the query.
/// </summary>
public sealed class AwareLimitWellBelowAgnostic(SyntheticExperiments experiments) : SyntheticClaim<AwareLimitWellBelowAgnostic.Settings>(experiments)
{
    /// <param name="MidRates">the mid rates of the headline comparison</param>
    /// <param name="MaxRatio">aware/agnostic at most this: "well below" = at most half, fixed before the CI run</param>
    public sealed record Settings(SyntheticSplit Split, double[] MidRates, double MaxRatio = 0.5)
        : IClaimSettings<Settings>, ISyntheticSettings
    {
        public static Settings For(Scale scale) => new(SyntheticScale.Split(scale), [0.4, 0.5, 0.6]);
    }

    public override string Id => "PC.aware-limit-well-below-agnostic";
    public override IReadOnlyList<string> DependsOn => ["PC.query-aware-is-infimal-convolution"];
    public override string Section => "§6, Figure 1";
    public override string Statement =>
        "On the synthetic set the query-aware limit is at most half the query-agnostic limit at rates 0.4, 0.5 and 0.6, for log loss and 0/1 loss.";
    public override string NegativeControl => "the aware table grouped by prompt only (the query dropped from the group key)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var experiment = Experiment(context, settings);
        var obs = new Observations();
        double worst = 0;
        foreach (var loss in SyntheticExperiment.Losses)
        {
            var agnostic = experiment.Curve(loss, Grouping.QueryAgnostic);
            var aware = experiment.Curve(loss, construction == Construction.Faithful ? Grouping.QueryAware : Grouping.QueryAgnostic);   // control: group key without the query
            foreach (double r in settings.MidRates)
            {
                string at = $"{loss.ToCli()}.r={r}";
                double ratio = aware.Evaluate(r) / agnostic.Evaluate(r);
                worst = Math.Max(worst, ratio);
                // "well below": aware/agnostic ≤ 1/2 at each mid rate
                obs.Measure($"{at}.aware", aware.Evaluate(r)).Measure($"{at}.agnostic", agnostic.Evaluate(r)).ExpectAtMost($"{at}.ratio", ratio, settings.MaxRatio);
            }
        }
        obs.Measure("max-ratio", worst);
        return obs.Conclude($"aware/agnostic ≤ {worst:F3} ≤ {settings.MaxRatio} at R ∈ {{{string.Join(", ", settings.MidRates)}}}, both losses");
    }
}
