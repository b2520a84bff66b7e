// arXiv 2407.15504, §3.2 (the Lagrangian dual of the distortion-rate LP); spec §3, §7 items 2 and 13.
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// The dual objective g(λ) = Σ_u P(u) min_m (D_{u,m} + λ R_{u,m}) − λR of one table at one rate R, next to D*(R):
/// its maximum over a λ grid and its value at λ*(R), the slope of the curve's active segment.
/// </summary>
public sealed record LagrangianAtRate(string Table, double Rate, double DStar, double MaxOnGrid, double AtSlope)
{
    /// <summary>
    /// g at each rate of <paramref name="rates"/>; <paramref name="sign"/> = −1 flips the λR term (the negative
    /// control: g(λ) = … + λR).
    /// </summary>
    public static IEnumerable<LagrangianAtRate> Probe(string table, RateDistortionProblem problem, DistortionRateCurve curve,
        IEnumerable<double> rates, IReadOnlyList<double> lambdas, double sign = 1)
    {
        foreach (double rate in rates)
        {
            double best = double.NegativeInfinity;
            foreach (double lambda in lambdas) best = Math.Max(best, DualDistortionRate.DualObjective(problem, lambda, sign * rate));
            double atSlope = DualDistortionRate.DualObjective(problem, curve.DualSlope(rate), sign * rate);
            yield return new LagrangianAtRate(table, rate, curve.Evaluate(rate), best, atSlope);
        }
    }
}
