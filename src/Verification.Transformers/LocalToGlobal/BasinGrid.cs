// Local to Global (arXiv 2406.03072), §3 basin theorem and Figure 1 (spec local-to-global §3 and §5 rows 7–8): the
// experiment behind the basin claims — the b*-flow integrated to convergence from a square grid of starts in the
// (e, w) plane, each end set beside the closed-form basin predicate.
using System.Globalization;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>
/// One start of a basin grid: where the predicate says it flows and where the flow went.
/// </summary>
/// <param name="Excluded">on an invariant axis (e = 0 or w = 0) or within the separatrix margin: it decides nothing</param>
/// <param name="Flow">the integrated flow; null for an excluded start the sweep was told not to integrate</param>
public sealed record BasinStart(CanonicalModel Model, double E, double W, Basin Predicted, bool Excluded, FlowClassification? Flow)
{
    /// <summary>"p=0.2,q=0.3,e=-2.35,w=-2.75": the start, as a check's case label.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"p={Model.P:G3},q={Model.Q:G3},e={E:G3},w={W:G3}");

    /// <summary>The integrated flow converged (so its end is a basin, not an unfinished run).</summary>
    public bool Converged => Flow?.End is not null;

    /// <summary>The flow converged where the predicate says.</summary>
    public bool EndsAsPredicted => Flow?.End == Predicted.ToEnd();

    /// <summary>The label with what happened: "… ended Global (loss 0.5446), predicted Unigram".</summary>
    public string Describe() => Flow is null ? $"{Label} not integrated"
        : Flow.End is null ? $"{Label}: {Flow.Flow.Describe()}"
        : string.Create(CultureInfo.InvariantCulture, $"{Label} ended {Flow.End} (loss {Flow.FinalLoss:F4}), predicted {Predicted}");
}

/// <summary>The square grid of starts of Figure 1 and the sweep of the b*-flow over it.</summary>
public static class BasinGrid
{
    /// <summary>The figure's square [Low, High]²; Low ≠ −High keeps the grid off the invariant axes e = 0 and w = 0.</summary>
    public const double Low = -2.75, High = 2.85;

    /// <summary>Starts with |E − E_s| below this are excluded: the flow near the separatrix is too slow to decide.</summary>
    public const double SeparatrixMargin = 0.05;

    /// <summary>n evenly spaced points of [<paramref name="low"/>, <paramref name="high"/>], both ends included.</summary>
    public static double[] Axis(int n, double low = Low, double high = High) =>
        Enumerable.Range(0, n).Select(i => low + (high - low) * i / (n - 1)).ToArray();

    /// <summary>
    /// Integrates <paramref name="flow"/> from every start (e, w) = (axis[col], axis[row]) and labels its end; the
    /// prediction is <see cref="Basins.Predict"/> for the flow's chain. Excluded starts are integrated only when
    /// <paramref name="integrateExcluded"/> (a figure draws them). <paramref name="rowDone"/> gets the fraction of rows done.
    /// </summary>
    public static BasinStart[,] Sweep(CanonicalFlow flow, double[] axis, double separatrixMargin, bool integrateExcluded,
        Action<double>? rowDone = null)
    {
        int n = axis.Length;
        var starts = new BasinStart[n, n];
        for (int row = 0; row < n; row++)
        {
            for (int col = 0; col < n; col++)
            {
                double e = axis[col], w = axis[row];
                bool excluded = e == 0 || w == 0 || Basins.NearSeparatrix(e, w, separatrixMargin);
                var end = excluded && !integrateExcluded ? null : Basins.TryClassify(flow, [e, w]);
                starts[row, col] = new BasinStart(flow.Model, e, w, Basins.Predict(flow.Model.SwitchingFactor, e, w), excluded, end);
            }
            rowDone?.Invoke((row + 1.0) / n);
        }
        return starts;
    }

    /// <summary>The starts that decide (not excluded), row by row.</summary>
    public static IEnumerable<BasinStart> Counted(this BasinStart[,] starts) => starts.Cast<BasinStart>().Where(s => !s.Excluded);

    /// <summary>Figure 1's basin map: 1 where the flow reached Γ*, 0 where it reached the unigram line, ½ otherwise.</summary>
    public static double[,] Map(this BasinStart[,] starts)
    {
        int n = starts.GetLength(0);
        var map = new double[n, n];
        for (int row = 0; row < n; row++)
            for (int col = 0; col < n; col++)
                map[row, col] = starts[row, col].Flow?.End switch { FlowEnd.Global => 1, FlowEnd.Unigram => 0, _ => 0.5 };
        return map;
    }
}
