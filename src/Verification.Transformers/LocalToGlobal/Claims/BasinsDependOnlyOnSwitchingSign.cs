// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 row 8): the basin boundaries depend on the
// chain only through sign(p + q − 1).
using Verification.Core.Claims;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// For random chains (p, q) of each regime (|p + q − 1| ≥ 0.1), the b*-flow from an m×m grid of starts (axes and
/// |E − E_s| &lt; 0.05 excluded) ends where the sign-only predicate says, so every chain of a regime has the same basin
/// map. Negative control: a flow with d(w|w|)/dw taken as 2w instead of 2|w| in ẇ.
/// </summary>
public sealed class BasinsDependOnlyOnSwitchingSign : Claim<BasinsDependOnlyOnSwitchingSign.Settings>
{
    /// <param name="GridSize">m: an m×m grid of starts over [Low, High]² (the basin claim's square)</param>
    /// <param name="MinDistanceFromOne">|p + q − 1| of every drawn chain is at least this (κ ∝ p+q−1: closer to 1 the flow slows down without changing basins)</param>
    /// <param name="MinTransition">p and q are drawn uniform in (MinTransition, 1 − MinTransition)</param>
    public sealed record Settings(int ChainsPerRegime, int GridSize, double MinDistanceFromOne = 0.1, double MinTransition = 0.02,
        double Low = BasinGrid.Low, double High = BasinGrid.High, double SeparatrixMargin = BasinGrid.SeparatrixMargin) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => scale switch { Scale.Smoke => new(2, 7), Scale.Ci => new(6, 11), _ => new(25, 21) };
    }

    public override string Id => "LG.basins-depend-only-on-switching-sign";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 basins of attraction (spec §3)";
    public override string Statement => "The basins of the global and the local minima depend on the chain only through the sign of p + q − 1.";
    public override string NegativeControl => "a flow with d(w|w|)/dw taken as 2w instead of 2|w| in the w-equation";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var chains = RandomChains.PerRegime(context.Rng("chains"), settings.ChainsPerRegime, settings.MinDistanceFromOne, settings.MinTransition);
        var axis = BasinGrid.Axis(settings.GridSize, settings.Low, settings.High);
        var variant = construction == Construction.Faithful ? ReducedFlowVariant.Faithful : ReducedFlowVariant.WrongAbsDerivative;
        var grids = chains.Select(c => BasinGrid.Sweep(new ReducedFlow(new CanonicalModel(c.P, c.Q), variant), axis, settings.SeparatrixMargin,
            integrateExcluded: false).Counted().ToList()).ToList();
        var starts = grids.SelectMany(g => g).ToList();
        // every counted start of every random chain ends in the basin of the sign-only map; a flow that did not converge decides nothing
        var obs = new Observations()
            .Measure("chains", chains.Count)
            .Measure("chains.matching-sign-only-map", grids.Count(g => g.All(s => s.EndsAsPredicted)))
            .Measure("starts.counted", starts.Count)
            .Measure("starts.agree", starts.Count(s => s.EndsAsPredicted))
            .Measure("starts.unconverged", starts.Count(s => !s.Converged))
            .AssumeAll("starts.flows-converged", starts.Select(s => (s.Describe(), s.Converged)))
            .ExpectAll("starts.end-in-sign-only-basin", starts.Select(s => (s.Describe(), !s.Converged || s.EndsAsPredicted)));
        obs.Add(new DataTable("lg-random-chains", ["p", "q", "p+q"], chains.Select(c => (IReadOnlyList<double>)[c.P, c.Q, c.P + c.Q]).ToList()));
        return obs.Conclude($"all {chains.Count} random chains ({settings.ChainsPerRegime} per regime) have the sign-only basin map at all {starts.Count} counted starts");
    }
}
