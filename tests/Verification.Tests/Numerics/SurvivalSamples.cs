using Verification.Core.Numerics;

namespace Verification.Tests.Numerics;

/// <summary>
/// The textbook two-sample survival data: remission times (weeks) of 42 leukaemia patients, Freireich et al. (1963) as
/// tabulated by Gehan (1965), "A generalized Wilcoxon test for comparing arbitrarily singly-censored samples",
/// Biometrika 52:203–223; the worked example of Kleinbaum &amp; Klein, "Survival Analysis: A Self-Learning Text" (3rd ed.,
/// 2012), ch. 2, and of R's <c>MASS::gehan</c>.
/// </summary>
internal static class SurvivalSamples
{
    /// <summary>6-MP group: 21 patients, 9 relapses, 12 censored (+).</summary>
    public static IReadOnlyList<SurvivalTime> SixMp { get; } = Parse("6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+");

    /// <summary>Placebo group: 21 patients, all relapsed.</summary>
    public static IReadOnlyList<SurvivalTime> Placebo { get; } = Parse("1 1 2 2 3 4 4 5 5 8 8 8 8 11 11 12 12 15 17 22 23");

    public static IReadOnlyList<SurvivalTime> Parse(string times) => times.Split(' ')
        .Select(t => t.EndsWith('+') ? SurvivalTime.Censored(double.Parse(t[..^1])) : SurvivalTime.Observed(double.Parse(t))).ToArray();
}
