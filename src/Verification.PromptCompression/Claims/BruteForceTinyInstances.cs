// arXiv 2407.15504, §3 (D*(R) as the lower convex envelope of deterministic policies); spec §7 item 3.
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.PromptCompression.Limits;

namespace Verification.PromptCompression.Claims;

/// <summary>
/// On random tiny instances (≤ 3 groups × ≤ 5 candidates) the dual algorithm equals the lower convex envelope of
/// the (rate, distortion) points of all deterministic policies, computed by enumeration. Negative control: the dual
/// algorithm without the hull step (edges between consecutive per-rate minima, sorted and walked).
/// </summary>
public sealed class BruteForceTinyInstances : Claim<BruteForceTinyInstances.Settings>
{
    /// <param name="Instances">random tiny instances</param>
    /// <param name="RatesChecked">D* is compared at R = k/RatesChecked, k = 0 … RatesChecked</param>
    /// <param name="AbsoluteTolerance">|dual − brute force| at every (instance, rate)</param>
    /// <param name="MaxGroups">1 … MaxGroups groups, with weights from counts 1 … MaxCount</param>
    /// <param name="MaxCandidates">1 … MaxCandidates candidates per group, rates k/RateDenominator (k = 1 … RateDenominator)</param>
    /// <param name="DistortionDenominator">distortions on a 1/DistortionDenominator grid in [0, 2], coarse so that ties and collinear points occur</param>
    public sealed record Settings(int Instances, int RatesChecked = 20, double AbsoluteTolerance = 1e-12,
        int MaxGroups = 3, int MaxCount = 5, int MaxCandidates = 5, int RateDenominator = 5, int DistortionDenominator = 8)
        : IClaimSettings<Settings>, ITinyInstanceShape
    {
        public static Settings For(Scale scale) => new(scale == Scale.Smoke ? 40 : 400);
    }

    public override string Id => "PC.brute-force-tiny-instances";
    public override PaperRef Paper => PaperRef.PromptCompression;
    public override string Section => "§3.2, Algorithm 1; spec §7.3";
    public override string Statement =>
        "On tiny instances the dual algorithm's D*(R) equals the lower convex envelope of all deterministic policies, at every rate.";
    public override string NegativeControl => "the dual algorithm without the lower-convex-hull step";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var options = new DualOptions(SkipHull: construction == Construction.Sabotaged);
        var errors = TinyInstances.DualVersusBruteForce(context.Rng("pc.brute-force"), settings, settings.Instances, settings.RatesChecked, options, context.Report);
        var obs = new Observations().Measure("instances", settings.Instances);
        // ∀ (instance, rate): dual = brute-force envelope; the check reports the worst error and where it occurred
        obs.ExpectAll("max-abs-dual-minus-brute-force", errors.Select(e => (e.Case, e.Error, 0.0)), Tolerance.Absolute(settings.AbsoluteTolerance));
        return obs.Conclude(() => $"dual = brute force on {settings.Instances} instances × {settings.RatesChecked + 1} rates (max error {obs["max-abs-dual-minus-brute-force"]:E1})");
    }
}
