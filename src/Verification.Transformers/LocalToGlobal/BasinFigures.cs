// Local to Global (arXiv 2406.03072), Figure 1 (spec local-to-global §3, from contour_plot.py): the phase portrait of
// the b*-flow — the basin map of a grid of starts, the global minima Γ*, the separatrix E = E_s and a few trajectories.
using Verification.Core.Claims;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>The figures of the basin claims (drawing only: nothing here decides a verdict).</summary>
public static class BasinFigures
{
    /// <summary>Points of the figure's Γ* and separatrix curves.</summary>
    private const int PortraitResolution = 561;

    /// <summary>t at which the figure's trajectories stop.</summary>
    private const double TrajectoryHorizon = 400;

    /// <summary>Where the figure's trajectories start: clear of the legend (upper right).</summary>
    public static readonly (double E, double W)[] TrajectoryStarts = [(-2.5, 2.5), (-1.0, 1.5), (0.6, -2.5), (2.5, -2.2), (1.0, -0.4), (-2.0, -1.0)];

    /// <summary>
    /// Figure 1: the basin map (1 = flows to Γ*, 0 = to the unigram line, over the grid <paramref name="axis"/>²), Γ*, the
    /// separatrix E = E_s and a few trajectories, in the (e, w) plane over [<see cref="BasinGrid.Low"/>, <see cref="BasinGrid.High"/>]².
    /// </summary>
    public static Figure PhasePortrait(CanonicalModel model, double[] axis, double[,] map)
    {
        var series = new List<Series>();
        var ws = BasinGrid.Axis(PortraitResolution);
        foreach (int sign in new[] { 1, -1 })
        {
            var pts = ws.Select(w => (E: sign * Basins.GlobalMinimumE(model, w), W: w))
                .Where(t => double.IsFinite(t.E) && Math.Abs(t.E) <= BasinGrid.High).ToArray();
            series.Add(new Series(sign > 0 ? "Γ* (e > 0)" : "Γ* (e < 0)", pts.Select(t => t.E).ToArray(), pts.Select(t => t.W).ToArray(), Group: "Γ*"));
            var sep = ws.Where(w => w < 0).Select(w => (E: sign * Basins.SeparatrixE(w), W: w))
                .Where(t => Math.Abs(t.E) <= BasinGrid.High).ToArray();
            series.Add(new Series(sign > 0 ? "separatrix (e > 0)" : "separatrix (e < 0)", sep.Select(t => t.E).ToArray(), sep.Select(t => t.W).ToArray(), SeriesStyle.Dashed, "separatrix"));
        }
        var flow = new ReducedFlow(model);
        foreach (var (e0, w0) in TrajectoryStarts)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            DormandPrince.Integrate(flow, [e0, w0], new IntegratorOptions(EndTime: TrajectoryHorizon), (_, x) => { xs.Add(x[0]); ys.Add(x[1]); });
            int stride = Math.Max(1, xs.Count / 150);
            var idx = Enumerable.Range(0, xs.Count).Where(i => i % stride == 0 || i == xs.Count - 1).ToArray();
            series.Add(new Series($"trajectory from ({e0}, {w0})", idx.Select(i => xs[i]).ToArray(), idx.Select(i => ys[i]).ToArray(), SeriesStyle.LineWithMarkers, "trajectories"));
        }
        return new Figure($"lg-phase-portrait-p{model.P}-q{model.Q}",
            $"b*-flow basins, (p, q) = ({model.P}, {model.Q}), p+q {(model.SwitchingFactor < 1 ? "<" : ">")} 1 (1 = Γ*, 0 = unigram)",
            "e", "w", series, new Heatmap(axis, axis, map, "flows to Γ* (1) / unigram (0)"),
            Caption: "Starts in the yellow basin flow to the bigram minima Γ*, the rest to the unigram line; the dashed separatrix E = E_s bounds the basins.");
    }
}
