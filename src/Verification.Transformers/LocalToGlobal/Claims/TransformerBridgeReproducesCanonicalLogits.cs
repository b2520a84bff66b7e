// Local to Global (arXiv 2406.03072), §2 (spec local-to-global §1 and §5 row 11): the full single-layer transformer
// loaded with the image of (e, w, b) has exactly the canonical logits, and its exact population loss is L(e, w, b).
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Transformers.Models;

namespace Verification.Transformers.LocalToGlobal.Claims;

/// <summary>
/// For (e, w, b) of both signs of e and w, the tied transformer (d = 8, N = 16, r = 32, float32, W_V = 0) loaded by
/// <see cref="TransformerBridge"/> outputs logit f_{x_n} at every position of sampled sequences (max |Δ| ≤ 1e-5), and in
/// float64 its exact population loss (all 2^(N+1) sequences, N = 6) equals the canonical L(e, w, b) to 1e-12.
/// Negative control: the MLP direction u with random signs (the authors' `lowrank` init).
/// </summary>
public sealed class TransformerBridgeReproducesCanonicalLogits : Claim<TransformerBridgeReproducesCanonicalLogits.Settings>
{
    /// <param name="Dim">d, N, r of the float32 model whose logits are compared on Sequences sampled sequences</param>
    /// <param name="ExactLength">N of the float64 model whose exact population loss (all 2^(N+1) sequences) is compared</param>
    public sealed record Settings((double E, double W, double B)[] Points, (double P, double Q)[] Chains, int Dim = 8, int Length = 16,
        int Hidden = 32, int Sequences = 8, int ExactLength = 6, double LogitTolerance = 1e-5, double LossTolerance = 1e-12) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) =>
            new([(1.0, 0.5, -0.3), (1.2, -1.0, 0.4), (-0.8, 0.7, 0.1), (-1.1, -0.9, -0.5), (0.6, 1.3, 0.0), (1.5, -0.2, 0.8)], [(0.2, 0.3), (0.5, 0.8)]);
    }

    public override string Id => "LG.transformer-bridge-reproduces-canonical-logits";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§2 canonical reduction (spec §1, exact full-weight construction)";
    public override string Statement =>
        "The full single-layer transformer with rank-one weights e·α, p_n = −(e/2)α, W1 = |w|uαᵀ, W2 = wαuᵀ and W_V = 0 has the canonical logits e²(1+2w|w|)x + b − e²/2 and population loss L(e, w, b).";
    public override string NegativeControl => "the MLP direction u with random-sign entries (the authors' May-2024 lowrank init)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var pairs = BridgeComparison.Run(new TheoryTransformerConfig(settings.Dim, settings.Length, settings.Hidden, Tied: true), settings.ExactLength,
            settings.Sequences, settings.Chains, settings.Points, construction == Construction.Faithful ? BridgeVariant.Faithful : BridgeVariant.RandomSignU,
            context.Rng("u-signs"), context.Rng("sequences"), context.DeriveSeed("init"), context.Device.ToTorch(), context.Report);
        // the loaded transformer is the canonical model: same logits (float32), same exact population loss (float64)
        var obs = new Observations()
            .ExpectAll("max-abs-logit-minus-canonical.float32", pairs, c => c.Label, c => c.MaxAbsLogitError, 0, Tolerance.Absolute(settings.LogitTolerance))
            .ExpectAll("max-abs-exact-loss-minus-canonical-loss.float64", pairs, c => c.Label, c => c.AbsLossError, 0, Tolerance.Absolute(settings.LossTolerance))
            .Measure("points", pairs.Count);
        return obs.Conclude(() =>
            $"logits within {obs["max-abs-logit-minus-canonical.float32"]:E1} (float32) and exact population loss within {obs["max-abs-exact-loss-minus-canonical-loss.float64"]:E1} (float64) of the canonical model at {pairs.Count} (chain, θ) pairs");
    }
}
