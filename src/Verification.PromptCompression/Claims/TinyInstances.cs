// arXiv 2407.15504, §3.2, Algorithm 1 against brute force; spec §7 item 3.
using Verification.Core.Seeding;
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>The shape of a random tiny instance of the LP (spec §7.3: ≤ 3 groups × ≤ 5 candidates).</summary>
public interface ITinyInstanceShape
{
    /// <summary>1 … MaxGroups groups, with weights from counts 1 … MaxCount.</summary>
    int MaxGroups { get; }
    int MaxCount { get; }

    /// <summary>1 … MaxCandidates candidates per group, rates k/RateDenominator (k = 1 … RateDenominator).</summary>
    int MaxCandidates { get; }
    int RateDenominator { get; }

    /// <summary>Distortions on a 1/DistortionDenominator grid in [0, 2].</summary>
    int DistortionDenominator { get; }
}

/// <summary>
/// Random tiny instances and, on each, the dual algorithm's D*(R) next to the brute-force envelope of all
/// deterministic policies (<see cref="DeterministicPolicyEnvelope"/>) at R = k/steps.
/// </summary>
public static class TinyInstances
{
    /// <summary>A random tiny instance of the shape <paramref name="shape"/> describes.</summary>
    public static RateDistortionProblem Random(Rng rng, ITinyInstanceShape shape)
    {
        int groups = 1 + rng.NextInt(shape.MaxGroups);
        var parts = new List<(double, double[], double[])>();
        for (int u = 0; u < groups; u++)
        {
            int count = 1 + rng.NextInt(shape.MaxCandidates);
            var rates = Enumerable.Range(0, count).Select(_ => (1 + rng.NextInt(shape.RateDenominator)) / (double)shape.RateDenominator).ToArray();
            var distortions = Enumerable.Range(0, count).Select(_ => rng.NextInt(2 * shape.DistortionDenominator + 1) / (double)shape.DistortionDenominator).ToArray();
            parts.Add((1 + rng.NextInt(shape.MaxCount), rates, distortions));
        }
        return RateDistortionProblem.FromCounts(parts);
    }

    /// <summary>
    /// |dual − brute force| at every (instance, R = k/<paramref name="steps"/>), k = 0 … steps, on
    /// <paramref name="instances"/> random instances: 0 where both are +∞ (infeasible), +∞ for a NaN.
    /// </summary>
    public static IEnumerable<(string Case, double Error)> DualVersusBruteForce(Rng rng, ITinyInstanceShape shape, int instances, int steps,
        DualOptions options, Action<double> progress)
    {
        for (int i = 0; i < instances; i++)
        {
            var problem = Random(rng, shape);
            var curve = DualDistortionRate.Compute(problem, options);
            for (int k = 0; k <= steps; k++)
            {
                double rate = k / (double)steps;
                double expected = DeterministicPolicyEnvelope.Evaluate(problem, rate), actual = curve.Evaluate(rate);
                double err = double.IsPositiveInfinity(expected) && double.IsPositiveInfinity(actual) ? 0 : Math.Abs(expected - actual);
                yield return ($"instance={i},r={rate}", double.IsNaN(err) ? double.PositiveInfinity : err);
            }
            if (i % 50 == 0) progress(i / (double)instances);
        }
    }
}
