// Local to Global (arXiv 2406.03072), §3–4 initialisation theorem (spec local-to-global §3 "Theorems as rebuilt" 2 and
// §5 row 9): the experiment behind the small-initialisation claim — Gaussian starts (e, w) ~ N(0, σ²I) near the
// origin, integrated to convergence, and the fraction in the global basin by the closed-form predicate alone.
using Verification.Core.Seeding;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>Gaussian starts near the origin and where the flow takes them.</summary>
public static class SmallInitialisation
{
    /// <summary>
    /// <paramref name="n"/> starts (e, w) ~ N(0, σ²I), each integrated by <paramref name="flow"/> to convergence and set
    /// beside the predicate. A 3-dimensional flow (the untied model's (e, o, w)) also draws o ~ N(0, σ²), after w.
    /// </summary>
    public static List<BasinStart> Integrate(CanonicalFlow flow, double sigma, int n, Rng rng)
    {
        var starts = new List<BasinStart>(n);
        for (int i = 0; i < n; i++)
        {
            double e = sigma * rng.Normal(), w = sigma * rng.Normal();
            double[] x0 = flow.Dimension == 2 ? [e, w] : [e, sigma * rng.Normal(), w];
            var end = Basins.TryClassify(flow, x0);
            starts.Add(new BasinStart(flow.Model, e, w, Basins.Predict(flow.Model.SwitchingFactor, e, w), Excluded: false, end));
        }
        return starts;
    }

    /// <summary>The fraction of <paramref name="starts"/> whose flow converged to Γ* (learned the bigram).</summary>
    public static double BigramFraction(IReadOnlyCollection<BasinStart> starts) =>
        starts.Count(s => s.Flow?.End == FlowEnd.Global) / (double)starts.Count;

    /// <summary>The fraction of (e, w) ~ N(0, σ²I) in the global basin, by the closed-form predicate.</summary>
    public static double PredictedBigramFraction(double switchingFactor, double sigma, int n, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must be positive");
        int global = 0;
        for (int i = 0; i < n; i++)
        {
            double e = sigma * rng.Normal(), w = sigma * rng.Normal();
            if (Basins.Predict(switchingFactor, e, w) == Basin.Global) global++;
        }
        return global / (double)n;
    }
}
