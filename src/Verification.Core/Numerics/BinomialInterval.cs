// Binomial proportions with their 95% interval: SubsetSum coverage probabilities (arXiv 2006.07990 §2, Lemma 1; spec P1
// asks for the transition points "within binomial 95% intervals") and k of n seeds as recorded (verify --seeds). Wilson score interval (Wilson 1927; Brown, Cai & DasGupta
// 2001 recommend it over the normal interval, which collapses to a point at 0 or n successes).
namespace Verification.Core.Numerics;

/// <summary>A confidence interval [Low, High] for a binomial proportion, with the point estimate.</summary>
public readonly record struct BinomialInterval(double Estimate, double Low, double High)
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>:
    /// (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Inside [0, 1], and not a point at 0 or n successes.
    /// </summary>
    public static BinomialInterval Wilson(int successes, int trials, double z = Z95)
    {
        if (trials < 1)
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "trials must be ≥ 1");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes must be in 0..trials = 0..{trials}");
        if (!(z > 0) || !double.IsFinite(z))
            throw new ArgumentOutOfRangeException(nameof(z), z, "z must be a finite number > 0");
        double n = trials, p = successes / n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        // exactly 0 and 1 at the ends (the formula gives them up to rounding)
        return new BinomialInterval(p, successes == 0 ? 0 : centre - half, successes == trials ? 1 : centre + half);
    }

    /// <summary>
    /// Where a rising probability curve crosses <paramref name="level"/>, with a range from pointwise intervals: the
    /// first index whose interval reaches the level (High ≥ level; the earliest crossing the data allow), the first
    /// whose estimate does, and the first whose whole interval is above it (Low ≥ level). −1 where none does.
    /// </summary>
    public static (int Earliest, int Estimate, int Latest) Crossing(IReadOnlyList<BinomialInterval> curve, double level) =>
        (IndexOf(curve, b => b.High >= level), IndexOf(curve, b => b.Estimate >= level), IndexOf(curve, b => b.Low >= level));

    private static int IndexOf(IReadOnlyList<BinomialInterval> curve, Func<BinomialInterval, bool> reached)
    {
        for (int i = 0; i < curve.Count; i++)
            if (reached(curve[i])) return i;
        return -1;
    }
}
