// Local to Global (arXiv 2406.03072), §2 (spec local-to-global §2 and §5 row 2): the optimal bias b* in closed form
// (log space) zeroes ∂L/∂b and equals a direct 1-D minimiser of L(e, w, ·).
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// b*(e, w) = e²/2 + ln[(p − q + √((p − q)² + 4pq·eᶜ))/(2q·eᶜ)] zeroes ∂L/∂b (|·| ≤ 1e-10, also where eᶜ overflows)
/// and equals the golden-section minimiser of L(e, w, ·) where |c| ≤ 20 (beyond, L is flat in b to machine precision
/// and a 1-D search cannot locate its minimum): to 1e-6 plus the resolution of a derivative-free search,
/// 4·√(2ε|L|/L″(b*)) (a flat minimum, L″ ≈ 1e-3 at c = −14, cannot be located better by comparing values), and with
/// L(b*) ≤ L(argmin) + 4ε|L|. Negative control: b* without the e²/2 offset of f0.
/// </summary>
public sealed class OptimalBiasIsStationary : Claim<OptimalBiasIsStationary.Settings>
{
    /// <param name="Points">(e, w, search): moderate gaps (1-D search too) and huge ones (eᶜ or e^−c overflows: stationarity only)</param>
    /// <param name="MinimizerTolerance">|b* − argmin| ≤ this + ResolutionFactor·√(2ε|L|/L″(b*)) (what a search by values can resolve)</param>
    /// <param name="SearchTolerance">width of the golden-section search's final interval</param>
    /// <param name="SearchMargin">the search runs over e²/2 ± (|c| + SearchMargin)</param>
    /// <param name="ResolutionFactor">ulps of L (and multiples of the search resolution) allowed between L(b*) and L(argmin)</param>
    public sealed record Settings((double P, double Q)[] Chains, (double E, double W, bool Search)[] Points, double GradientTolerance = 1e-10,
        double MinimizerTolerance = 1e-6, double SearchTolerance = 1e-11, double SearchMargin = 30, double ResolutionFactor = 4) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new([(0.2, 0.3), (0.5, 0.8), (0.1, 0.1), (0.9, 0.9), (0.05, 0.7), (0.95, 0.3)],
            [(0.5, 0.3, true), (1.2, -1.0, true), (2.0, -1.5, true), (-1.0, 0.5, true), (1.5, 1.0, true), (0.8, -0.6, true), (30.0, 3.0, false), (30.0, -3.0, false), (100.0, 2.0, false)]);
    }

    public override string Id => "LG.optimal-bias-is-stationary";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§2 optimal bias (spec §2)";
    public override string Statement =>
        "The closed-form optimal bias b*(e, w) zeroes ∂L/∂b and equals the 1-D minimiser of L(e, w, ·), without overflow for huge gaps.";
    public override string NegativeControl => "b* computed without the e²/2 offset of f0 = b − e²/2 (off by a constant for each e)";

    protected override Outcome Check(ClaimContext context, Settings s, Construction construction)
    {
        var probes = (from chain in s.Chains
                      let model = new CanonicalModel(chain.P, chain.Q)
                      from x in s.Points
                      let bStar = construction == Construction.Faithful ? model.OptimalBias(x.E, x.W) : model.OptimalF0(model.Gap(x.E, x.W))
                      select OptimalBiasSearch.Probe(model, x.E, x.W, bStar, x.Search, s.SearchMargin, s.SearchTolerance, s.MinimizerTolerance, s.ResolutionFactor)).ToList();
        var searched = probes.Where(b => b.Searched).ToList();
        // b* is finite and stationary (∂L/∂b = 0) everywhere, and is the 1-D minimiser where searched: |b* − argmin|
        // within the point's resolution (the worst ratio is ≤ 1), L(b*) above L(argmin) by at most ResolutionFactor·ε|L|
        var obs = new Observations()
            .ExpectAll("bstar-finite", probes.Select(b => (b.Label, double.IsFinite(b.BStar))))
            .ExpectAll("max-abs-dl-db-at-bstar", probes, b => b.Label, b => b.Gradient, s.GradientTolerance, Tolerance.AtMost())
            .Measure("max-abs-bstar-minus-argmin", searched.Max(b => b.Distance))
            .ExpectAll("max-abs-bstar-minus-argmin-over-tolerance", searched, b => b.Label, b => b.Distance / b.Resolution, 1, Tolerance.AtMost())
            .ExpectAll("max-loss-at-bstar-minus-loss-at-argmin-over-eps-loss", searched, b => b.Label, b => b.LossAboveArgmin, s.ResolutionFactor, Tolerance.AtMost())
            .Measure("points.stationarity", probes.Count)
            .Measure("points.search", searched.Count);
        return obs.Conclude(() =>
            $"|∂L/∂b(b*)| ≤ {obs["max-abs-dl-db-at-bstar"]:E1} at {probes.Count} points (gaps up to {new CanonicalModel(0.5, 0.8).Gap(100, 2):E1}); b* within {obs["max-abs-bstar-minus-argmin"]:E1} of the 1-D minimiser at {searched.Count}");
    }
}
