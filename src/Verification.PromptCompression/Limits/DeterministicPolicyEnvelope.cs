// arXiv 2407.15504, §3 (D*(R) as the lower convex envelope of deterministic policies); spec §7 item 3.
namespace Verification.PromptCompression.Limits;

/// <summary>
/// D*(R) by brute force: enumerate every deterministic policy (one candidate per group), then take the best mixture
/// of at most two of them with mean rate ≤ R (exact in the plane). Exponential in the number of groups: for tiny
/// instances only, as the reference the dual algorithm is checked against.
/// </summary>
public static class DeterministicPolicyEnvelope
{
    /// <summary>min over mixtures of at most two deterministic policies with mean rate ≤ <paramref name="rate"/> (+∞ when none is feasible).</summary>
    public static double Evaluate(RateDistortionProblem problem, double rate)
    {
        var points = new List<(double R, double D)> { (0, 0) };
        foreach (var g in problem.Groups)
            points = points.SelectMany(p => Enumerable.Range(0, g.Count)
                .Select(m => (p.R + g.Weight * g.Rates[m], p.D + g.Weight * g.Distortions[m]))).ToList();
        double best = double.PositiveInfinity;
        foreach (var a in points)
        {
            if (a.R > rate + DistortionRateCurve.RateSlack) continue;
            best = Math.Min(best, a.D);
            if (a.R >= rate) continue;
            foreach (var b in points)
                if (b.R > rate) best = Math.Min(best, a.D + (rate - a.R) / (b.R - a.R) * (b.D - a.D));
        }
        return best;
    }
}
