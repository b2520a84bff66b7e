// Local to Global (arXiv 2406.03072), §3 basin theorem and Figure 1 (spec local-to-global §3 and §5 row 7): from a
// grid of starts, the b*-flow ends at Γ* or on the unigram line exactly as the energy predicate says.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// On an n×n grid of starts over [−2.75, 2.85]² (off the invariant axes; points with |E − E_s| &lt; 0.05 excluded), the
/// b*-flow integrated to convergence ends where <see cref="Basins.Predict"/> says, at 100% of the points, for
/// (p, q) = (0.2, 0.3) (p+q &lt; 1) and (0.5, 0.8) (p+q &gt; 1). Negative control: the flow of the model with the sign of
/// w|w| flipped. Produces the phase portraits of Figure 1.
/// </summary>
public sealed class BasinTheoremHolds : Claim<BasinTheoremHolds.Settings>
{
    /// <param name="GridSize">n: an n×n grid of starts over [Low, High]²</param>
    /// <param name="SeparatrixMargin">starts with |E − E_s| below this are excluded (the flow there is too slow to decide)</param>
    /// <param name="Low">the grid's lower end; Low ≠ −High keeps the grid off the invariant axes e = 0 and w = 0</param>
    public sealed record Settings(int GridSize, (double P, double Q)[] Chains, double Low = BasinTheoremHolds.Low,
        double High = BasinTheoremHolds.High, double SeparatrixMargin = BasinTheoremHolds.SeparatrixMargin) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) =>
            new(scale switch { Scale.Smoke => 15, Scale.Ci => 29, _ => 57 }, BasinTheoremHolds.Chains);
    }

    public const double SeparatrixMargin = 0.05;
    public const double Low = -2.75, High = 2.85;

    public static readonly (double P, double Q)[] Chains = [(0.2, 0.3), (0.5, 0.8)];

    public override string Id => "LG.basin-theorem-holds";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 basins of attraction, Figure 1 (spec §3)";
    public override string Statement =>
        "The gradient flow of the reduced loss converges to the global minima Γ* from the global basin and to the unigram line from the local basin, with basins given by the energy E relative to the saddle's E_s.";
    public override string NegativeControl => "the flow of the model with the sign of w|w| flipped in the gap (the predicate unchanged)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        int n = settings.GridSize;
        var chains = settings.Chains;
        var obs = new Observations();
        var mismatches = new List<string>();
        var unconverged = new List<string>();
        for (int k = 0; k < chains.Length; k++)
        {
            var (p, q) = chains[k];
            var faithful = new CanonicalModel(p, q);
            var model = construction == Construction.Faithful ? faithful : faithful.WithFlippedGapSign();
            var flow = new ReducedFlow(model);
            var axis = Axis(n, settings.Low, settings.High);
            var map = new double[n, n];
            int counted = 0, agree = 0, excluded = 0;
            for (int row = 0; row < n; row++)
            {
                for (int col = 0; col < n; col++)
                {
                    double e = axis[col], w = axis[row];
                    var c = Basins.TryClassify(flow, [e, w]);
                    map[row, col] = c.End switch { FlowEnd.Global => 1, FlowEnd.Unigram => 0, _ => 0.5 };
                    if (e == 0 || w == 0 || Basins.NearSeparatrix(e, w, settings.SeparatrixMargin)) { excluded++; continue; }
                    counted++;
                    var predicted = Basins.Predict(p + q, e, w).ToEnd();
                    if (c.End is null) unconverged.Add($"({p},{q}) start ({e:G3},{w:G3}): {c.Flow.Describe()}");
                    else if (c.End == predicted) agree++;
                    else mismatches.Add($"({p},{q}) start ({e:G3},{w:G3}) ended {c.End} (loss {c.FinalLoss:F4}), predicted {predicted}");
                }
                context.Report((k + (row + 1.0) / n) / chains.Length);
            }
            string key = $"p={p},q={q}";
            obs.Measure($"{key}.agree", agree).Measure($"{key}.counted", counted).Measure($"{key}.excluded", excluded);
            if (construction == Construction.Faithful) obs.Add(PhasePortrait(faithful, axis, map));
        }
        // every counted start ends in the basin the theorem predicts (unconverged flows decide nothing)
        obs.Expect("mismatches", mismatches.Count, 0, Tolerance.Absolute(0))
            .Expect("first-mismatches", mismatches.Count == 0, string.Join("; ", mismatches.Take(3)))
            .Measure("unconverged", unconverged.Count);
        if (obs.AllPassed && unconverged.Count > 0)
            return obs.Inconclusive($"{unconverged.Count} flows did not converge: " + string.Join("; ", unconverged.Take(2)));
        return obs.Conclude($"every counted start of the {n}×{n} grids ends in its predicted basin, for p+q < 1 and p+q > 1");
    }

    /// <summary>n evenly spaced points of [<paramref name="low"/>, <paramref name="high"/>], both ends included.</summary>
    public static double[] Axis(int n, double low, double high) => Enumerable.Range(0, n).Select(i => low + (high - low) * i / (n - 1)).ToArray();

    /// <summary>The default grid axis over [<see cref="Low"/>, <see cref="High"/>].</summary>
    public static double[] Axis(int n) => Axis(n, Low, High);

    /// <summary>
    /// Figure 1: the basin map (1 = flows to Γ*, 0 = to the unigram line), Γ*, the separatrix E = E_s and a few
    /// trajectories, in the (e, w) plane.
    /// </summary>
    public static Figure PhasePortrait(CanonicalModel model, double[] axis, double[,] map)
    {
        var series = new List<Series>();
        var ws = Axis(PortraitResolution, Low, High);
        foreach (int sign in new[] { 1, -1 })
        {
            var pts = ws.Select(w => (E: sign * Basins.GlobalMinimumE(model, w), W: w))
                .Where(t => double.IsFinite(t.E) && Math.Abs(t.E) <= High).ToArray();
            series.Add(new Series(sign > 0 ? "Γ* (e > 0)" : "Γ* (e < 0)", pts.Select(t => t.E).ToArray(), pts.Select(t => t.W).ToArray(), Group: "Γ*"));
            var sep = ws.Where(w => w < 0).Select(w => (E: sign * Basins.SeparatrixE(w), W: w))
                .Where(t => Math.Abs(t.E) <= High).ToArray();
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
            "e", "w", series, new Heatmap(axis, axis, map, "flows to Γ* (1) / unigram (0)"));
    }

    /// <summary>Points of the figure's Γ* and separatrix curves; t at which its trajectories stop (drawing only).</summary>
    private const int PortraitResolution = 561;
    private const double TrajectoryHorizon = 400;

    public static readonly (double E, double W)[] TrajectoryStarts = [(-2.5, 2.5), (-1.0, 1.5), (0.6, -2.5), (2.5, -2.2), (1.0, -0.4), (-2.0, -1.0)];   // clear of the legend (upper right)
}
