// Local to Global (arXiv 2406.03072), §2 (spec local-to-global §1 and §5 row 11): the full single-layer transformer
// loaded with the image of (e, w, b) has exactly the canonical logits, and its exact population loss is L(e, w, b).
using Verification.Core.Claims;
using Verification.Core.Numerics;
using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.Transformers.Models;
using static TorchSharp.torch;

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
    public sealed record Settings((double E, double W, double B)[] Points, (double P, double Q)[] Chains,
        int Dim = TransformerBridgeReproducesCanonicalLogits.Dim, int Length = TransformerBridgeReproducesCanonicalLogits.Length,
        int Hidden = TransformerBridgeReproducesCanonicalLogits.Hidden, int Sequences = 8,
        int ExactLength = TransformerBridgeReproducesCanonicalLogits.ExactLength,
        double LogitTolerance = TransformerBridgeReproducesCanonicalLogits.LogitTolerance,
        double LossTolerance = TransformerBridgeReproducesCanonicalLogits.LossTolerance) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => new(TransformerBridgeReproducesCanonicalLogits.Points, TransformerBridgeReproducesCanonicalLogits.Chains);
    }

    public const double LogitTolerance = 1e-5;
    public const double LossTolerance = 1e-12;
    public const int Dim = 8, Length = 16, Hidden = 32, ExactLength = 6;

    public static readonly (double E, double W, double B)[] Points =
        [(1.0, 0.5, -0.3), (1.2, -1.0, 0.4), (-0.8, 0.7, 0.1), (-1.1, -0.9, -0.5), (0.6, 1.3, 0.0), (1.5, -0.2, 0.8)];

    public static readonly (double P, double Q)[] Chains = [(0.2, 0.3), (0.5, 0.8)];

    public override string Id => "LG.transformer-bridge-reproduces-canonical-logits";
    public override PaperRef Paper => PaperRef.LocalToGlobal;
    public override string Section => "§2 canonical reduction (spec §1, exact full-weight construction)";
    public override string Statement =>
        "The full single-layer transformer with rank-one weights e·α, p_n = −(e/2)α, W1 = |w|uαᵀ, W2 = wαuᵀ and W_V = 0 has the canonical logits e²(1+2w|w|)x + b − e²/2 and population loss L(e, w, b).";
    public override string NegativeControl => "the MLP direction u with random-sign entries (the authors' May-2024 lowrank init)";

    protected override Outcome Check(ClaimContext context, Settings settings, Construction construction)
    {
        var variant = construction == Construction.Faithful ? BridgeVariant.Faithful : BridgeVariant.RandomSignU;
        var signs = context.Rng("u-signs");
        var data = context.Rng("sequences");
        double worstLogit = 0, worstLoss = 0;
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var gen = new Generator(unchecked((ulong)context.DeriveSeed("init")));
        int length = settings.Length, sequences = settings.Sequences;
        var model32 = new TheoryTransformer(new TheoryTransformerConfig(settings.Dim, length, settings.Hidden, Tied: true), gen, ScalarType.Float32, context.Device.ToTorch());
        var model64 = new TheoryTransformer(new TheoryTransformerConfig(settings.Dim, settings.ExactLength, settings.Hidden, Tied: true), gen, device: context.Device.ToTorch());
        int k = 0, pairs = settings.Chains.Length * settings.Points.Length;
        foreach (var (p, q) in settings.Chains)
        {
            var chain = new BinaryMarkovChain(p, q);
            var canonical = new CanonicalModel(p, q);
            var exact = new ExactPopulationLoss(p, q, settings.ExactLength, context.Device.ToTorch());
            var x = Enumerable.Range(0, sequences).SelectMany(_ => chain.Sample(length, data).Select(v => (long)v)).ToArray();
            var batch = tensor(x, [sequences, length], device: model32.Device);                                            // (B, N)
            foreach (var (e, w, b) in settings.Points)
            {
                TransformerBridge.Load(model32, e, w, b, variant, signs);
                TransformerBridge.Load(model64, e, w, b, variant, signs);
                var (f0, f1) = canonical.Logits(e, w, b);
                float[] logits;
                using (no_grad()) logits = model32.call(batch).cpu().data<float>().ToArray();                 // (B·N)
                double dLogit = 0;
                for (int i = 0; i < x.Length; i++) dLogit = Math.Max(dLogit, Math.Abs(logits[i] - (x[i] == 1 ? f1 : f0)));
                double dLoss = Math.Abs(exact.Value(model64) - canonical.Loss(e, w, b));
                worstLogit = Math.Max(worstLogit, dLogit);
                worstLoss = Math.Max(worstLoss, dLoss);
                context.Report(++k / (double)pairs);
            }
        }
        // the loaded transformer is the canonical model: same logits (float32), same exact population loss (float64)
        var obs = new Observations()
            .Expect("max-abs-logit-minus-canonical.float32", worstLogit, 0, Tolerance.Absolute(settings.LogitTolerance))
            .Expect("max-abs-exact-loss-minus-canonical-loss.float64", worstLoss, 0, Tolerance.Absolute(settings.LossTolerance))
            .Measure("points", pairs);
        return obs.Conclude(
            $"logits within {worstLogit:E1} (float32) and exact population loss within {worstLoss:E1} (float64) of the canonical model at {pairs} (chain, θ) pairs");
    }
}
