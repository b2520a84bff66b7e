// Local to Global (arXiv 2406.03072), §3 (spec local-to-global §3 and §5 row 8): the basin boundaries depend on the
// chain only through sign(p + q − 1).
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// For random chains (p, q) of each regime (|p + q − 1| ≥ 0.1), the b*-flow from an m×m grid of starts (axes and
/// |E − E_s| &lt; 0.05 excluded) ends where the sign-only predicate says, so every chain of a regime has the same basin
/// map. Negative control: a flow with d(w|w|)/dw taken as 2w instead of 2|w| in ẇ.
/// </summary>
public sealed class BasinsDependOnlyOnSwitchingSign : Claim<BasinsDependOnlyOnSwitchingSign.Settings>
{
    /// <param name="GridSize">m: an m×m grid of starts over [Low, High]² (the basin claim's square)</param>
    /// <param name="MinDistanceFromOne">|p + q − 1| of every drawn chain is at least this</param>
    /// <param name="MinTransition">p and q are drawn uniform in (MinTransition, 1 − MinTransition)</param>
    public sealed record Settings(int ChainsPerRegime, int GridSize,
        double MinDistanceFromOne = BasinsDependOnlyOnSwitchingSign.MinDistanceFromOne, double MinTransition = 0.02,
        double Low = BasinTheoremHolds.Low, double High = BasinTheoremHolds.High,
        double SeparatrixMargin = BasinTheoremHolds.SeparatrixMargin) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => scale switch
        {
            Scale.Smoke => new(2, 7),
            Scale.Ci => new(6, 11),
            _ => new(25, 21),
        };
    }

    public const double MinDistanceFromOne = 0.1;   // κ ∝ p+q−1: closer to 1 the flow slows down without changing basins

    public override string Id => "LG.basins-depend-only-on-switching-sign";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§3 basins of attraction (spec §3)";
    public override string Statement => "The basins of the global and the local minima depend on the chain only through the sign of p + q − 1.";
    public override string NegativeControl => "a flow with d(w|w|)/dw taken as 2w instead of 2|w| in the w-equation";

    /// <summary>
    /// Random chains: <paramref name="perRegime"/> with p + q &lt; 1 and as many with p + q &gt; 1, p and q uniform in
    /// (<paramref name="minTransition"/>, 1 − <paramref name="minTransition"/>), |p + q − 1| ≥ <paramref name="minDistanceFromOne"/>.
    /// </summary>
    public static List<(double P, double Q)> DrawChains(Verification.Core.Seeding.Rng rng, int perRegime,
        double minDistanceFromOne = MinDistanceFromOne, double minTransition = 0.02)
    {
        var below = new List<(double, double)>();
        var above = new List<(double, double)>();
        while (below.Count < perRegime || above.Count < perRegime)
        {
            double p = rng.Uniform(minTransition, 1 - minTransition), q = rng.Uniform(minTransition, 1 - minTransition);
            if (Math.Abs(p + q - 1) < minDistanceFromOne) continue;
            var list = p + q < 1 ? below : above;
            if (list.Count < perRegime) list.Add((p, q));
        }
        return [.. below, .. above];
    }

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        int perRegime = settings.ChainsPerRegime, m = settings.GridSize;
        var chains = DrawChains(context.Rng("chains"), perRegime, settings.MinDistanceFromOne, settings.MinTransition);
        var axis = BasinTheoremHolds.Axis(m, settings.Low, settings.High);
        var variant = construction == Construction.Faithful ? ReducedFlowVariant.Faithful : ReducedFlowVariant.WrongAbsDerivative;
        int counted = 0, agree = 0, unconverged = 0, chainsAgreeing = 0;
        var mismatches = new List<string>();
        for (int k = 0; k < chains.Count; k++)
        {
            var (p, q) = chains[k];
            var flow = new ReducedFlow(new CanonicalModel(p, q), variant);
            bool all = true;
            foreach (var w in axis)
            {
                foreach (var e in axis)
                {
                    if (e == 0 || w == 0 || Basins.NearSeparatrix(e, w, settings.SeparatrixMargin)) continue;
                    counted++;
                    var c = Basins.TryClassify(flow, [e, w]);
                    var predicted = Basins.Predict(p + q, e, w).ToEnd();
                    if (c.End is null) { unconverged++; all = false; }
                    else if (c.End == predicted) agree++;
                    else
                    {
                        all = false;
                        mismatches.Add($"(p,q)=({p:F3},{q:F3}) start ({e:G3},{w:G3}) ended {c.End}, predicted {predicted}");
                    }
                }
            }
            if (all) chainsAgreeing++;
            context.Report((k + 1.0) / chains.Count);
        }
        // every counted start of every random chain ends in the basin of the sign-only map
        var obs = new Observations()
            .Measure("chains", chains.Count)
            .Measure("chains.matching-sign-only-map", chainsAgreeing)
            .Measure("starts.counted", counted)
            .Measure("starts.agree", agree)
            .Measure("starts.unconverged", unconverged)
            .Expect("starts.mismatches", mismatches.Count == 0,
                $"{mismatches.Count} of {counted}: " + string.Join("; ", mismatches.Take(3)));
        obs.Add(new DataTable("lg-random-chains", ["p", "q", "p+q"], chains.Select(c => (IReadOnlyList<double>)[c.P, c.Q, c.P + c.Q]).ToList()));
        if (obs.AllPassed && unconverged > 0)
            return obs.Inconclusive($"{unconverged} of {counted} flows did not converge");
        return obs.Conclude($"all {chains.Count} random chains ({perRegime} per regime) have the sign-only basin map at all {counted} counted starts");
    }
}
