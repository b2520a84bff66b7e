// Local to Global (arXiv 2406.03072), §3 basin theorem and Figure 1 (spec local-to-global §3 and §5 row 7): from a
// grid of starts, the b*-flow ends at Γ* or on the unigram line exactly as the energy predicate says.
using Verification.Core.Claims;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// On an n×n grid of starts over [−2.75, 2.85]² (off the invariant axes; points with |E − E_s| &lt; 0.05 excluded), the
/// b*-flow integrated to convergence ends where <see cref="Basins.Predict"/> says, at 100% of the points, for
/// (p, q) = (0.2, 0.3) (p+q &lt; 1) and (0.5, 0.8) (p+q &gt; 1). Negative control: the flow of the model with the sign of
/// w|w| flipped. Produces the phase portraits of Figure 1 (<see cref="BasinFigures"/>).
/// </summary>
public sealed class BasinTheoremHolds : Claim<BasinTheoremHolds.Settings>
{
    /// <param name="GridSize">n: an n×n grid of starts over [Low, High]² (<see cref="BasinGrid"/>)</param>
    /// <param name="SeparatrixMargin">starts with |E − E_s| below this are excluded (the flow there is too slow to decide)</param>
    public sealed record Settings(int GridSize, (double P, double Q)[] Chains, double Low = BasinGrid.Low, double High = BasinGrid.High,
        double SeparatrixMargin = BasinGrid.SeparatrixMargin) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(scale switch { Scale.Smoke => 15, Scale.Ci => 29, _ => 57 }, [(0.2, 0.3), (0.5, 0.8)]);
    }

    public override string Id => "LG.basin-theorem-holds";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 basins of attraction, Figure 1 (spec §3)";
    public override string Statement =>
        "The gradient flow of the reduced loss converges to the global minima Γ* from the global basin and to the unigram line from the local basin, with basins given by the energy E relative to the saddle's E_s.";
    public override string NegativeControl => "the flow of the model with the sign of w|w| flipped in the gap (the predicate unchanged)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var obs = new Observations();
        var axis = BasinGrid.Axis(settings.GridSize, settings.Low, settings.High);
        var counted = new List<BasinStart>();
        for (int k = 0; k < settings.Chains.Length; k++)
        {
            var faithful = new CanonicalModel(settings.Chains[k].P, settings.Chains[k].Q);
            var model = construction == Construction.Faithful ? faithful : faithful.WithFlippedGapSign();
            var grid = BasinGrid.Sweep(new ReducedFlow(model), axis, settings.SeparatrixMargin, integrateExcluded: construction == Construction.Faithful,
                rows => context.Report((k + rows) / settings.Chains.Length));
            var decided = grid.Counted().ToList();
            using (obs.Case($"p={faithful.P},q={faithful.Q}"))
                obs.Measure("agree", decided.Count(s => s.EndsAsPredicted)).Measure("counted", decided.Count).Measure("excluded", grid.Length - decided.Count);
            if (construction == Construction.Faithful) obs.Add(BasinFigures.PhasePortrait(faithful, axis, grid.Map()));
            counted.AddRange(decided);
        }
        // every counted start ends in the basin the theorem predicts; a flow that did not converge decides nothing
        return obs.AssumeAll("flows-converged", counted.Select(s => (s.Describe(), s.Converged)))
            .ExpectAll("ends-in-predicted-basin", counted.Select(s => (s.Describe(), !s.Converged || s.EndsAsPredicted)))
            .Measure("unconverged", counted.Count(s => !s.Converged))
            .Conclude($"every counted start of the {settings.GridSize}×{settings.GridSize} grids ends in its predicted basin, for p+q < 1 and p+q > 1");
    }
}
