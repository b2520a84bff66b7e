// arXiv 2407.15504, §6, Figure 1 (headline: the query-aware optimum lies far below the query-agnostic one).
using Verification.Core.Claims;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// Headline finding, measured: at mid rates (R = 0.4, 0.5, 0.6) the query-aware limit is at most half the
/// query-agnostic limit, for log and 0/1 loss. Negative control: "aware" groups keyed by the prompt only (the query
/// dropped from the group key), i.e. a compressor that does not actually see the query.
/// </summary>
public sealed class AwareLimitWellBelowAgnostic : Claim
{
    /// <summary>Fixed before the CI run; "well below" = at most half.</summary>
    public const double MaxRatio = 0.5;

    public override string Id => "PC.aware-limit-well-below-agnostic";
    public override IReadOnlyList<string> DependsOn => ["PC.query-aware-is-infimal-convolution"];
    public override PaperRef Paper => PaperRef.PromptCompression;
    public override string Section => "§6, Figure 1";
    public override string Statement =>
        "On the synthetic set the query-aware limit is at most half the query-agnostic limit at rates 0.4, 0.5 and 0.6, for log loss and 0/1 loss.";
    public override string NegativeControl => "the aware table grouped by prompt only (the query dropped from the group key)";

    public static IReadOnlyList<double> MidRates { get; } = [0.4, 0.5, 0.6];

    public override IReadOnlyDictionary<string, object> Parameters(Scale scale) => new Dictionary<string, object>
    {
        ["rows"] = SyntheticExperiment.SplitFor(scale).RowsPerQuery * 7,
        ["rates"] = string.Join(", ", MidRates),
        ["max ratio aware/agnostic"] = MaxRatio,
    };

    protected override Outcome Check(ClaimContext context, Construction construction)
    {
        var experiment = SyntheticExperiment.For(context);
        var obs = new Observations();
        var failures = new List<string>();
        double worst = 0;
        foreach (var loss in SyntheticExperiment.Losses)
        {
            var agnostic = experiment.Curve(loss, Grouping.QueryAgnostic);
            var aware = construction == Construction.Faithful
                ? experiment.Curve(loss, Grouping.QueryAware)
                : experiment.Curve(loss, Grouping.QueryAgnostic);   // group key without the query
            foreach (double r in MidRates)
            {
                double a = aware.Evaluate(r), b = agnostic.Evaluate(r), ratio = a / b;
                worst = Math.Max(worst, ratio);
                obs.Measure($"{loss.ToCli()}.R={r}.aware", a);
                obs.Measure($"{loss.ToCli()}.R={r}.agnostic", b);
                obs.Measure($"{loss.ToCli()}.R={r}.ratio", ratio, null, MaxRatio);
                if (!(ratio <= MaxRatio)) failures.Add($"{loss.ToCli()} at R = {r}: aware/agnostic = {ratio:F3}");
            }
        }
        obs.Measure("max-ratio", worst, MaxRatio);
        return obs.Decide(failures.Count == 0,
            $"aware/agnostic ≤ {worst:F3} ≤ {MaxRatio} at R ∈ {{0.4, 0.5, 0.6}}, both losses",
            $"aware/agnostic above {MaxRatio}: {string.Join("; ", failures)}");
    }
}
