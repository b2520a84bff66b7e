// Local to Global (arXiv 2406.03072), §2 canonical reduction (spec local-to-global §1 and §5 row 11): the experiment
// behind the bridge claim — the tied single-layer transformer loaded by TransformerBridge, set beside the canonical
// model: its logits on sampled sequences (float32) and its exact population loss (float64, all 2^(N+1) sequences).
using System.Globalization;
using Verification.Core.Markov;
using Verification.Core.Runtime;
using Verification.Core.Seeding;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>One (chain, θ) pair: the largest |logit − f_{x_n}| and |exact loss − L(e, w, b)|.</summary>
public sealed record BridgeComparison(string Label, double MaxAbsLogitError, double AbsLossError)
{
    /// <summary>
    /// For every chain and every (e, w, b): loads <paramref name="logits"/> (float32) and a float64 model of length
    /// <paramref name="exactLength"/> (both tied, drawn in that order from one generator seeded with <paramref name="initSeed"/>) with the bridge image
    /// of (e, w, b), and compares the float32 logits on <paramref name="sequences"/> sampled sequences with the
    /// canonical ones and the float64 exact population loss with the canonical L(e, w, b).
    /// </summary>
    public static List<BridgeComparison> Run(TheoryTransformerConfig logits, int exactLength, int sequences,
        (double P, double Q)[] chains, (double E, double W, double B)[] points, BridgeVariant variant,
        Rng signs, Rng data, long initSeed, Device? device, Action<double>? progress = null)
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var init = new Generator(unchecked((ulong)initSeed));
        int length = logits.Length;
        var model32 = new TheoryTransformer(logits, init, ScalarType.Float32, device);
        var model64 = new TheoryTransformer(logits with { Length = exactLength }, init, device: device);
        var comparisons = new List<BridgeComparison>();
        foreach (var (p, q) in chains)
        {
            var chain = new BinaryMarkovChain(p, q);
            var canonical = new CanonicalModel(p, q);
            var exact = new ExactPopulationLoss(p, q, exactLength, device);
            var x = Enumerable.Range(0, sequences).SelectMany(_ => chain.Sample(length, data).Select(v => (long)v)).ToArray();
            var batch = tensor(x, [sequences, length], device: model32.Device);                                            // (B, N)
            foreach (var (e, w, b) in points)
            {
                TransformerBridge.Load(model32, e, w, b, variant, signs);
                TransformerBridge.Load(model64, e, w, b, variant, signs);
                var (f0, f1) = canonical.Logits(e, w, b);
                float[] out32;
                using (no_grad()) out32 = model32.call(batch).cpu().data<float>().ToArray();                  // (B·N)
                double dLogit = 0;
                for (int i = 0; i < x.Length; i++) dLogit = Math.Max(dLogit, Math.Abs(out32[i] - (x[i] == 1 ? f1 : f0)));
                double dLoss = Math.Abs(exact.Value(model64) - canonical.Loss(e, w, b));
                comparisons.Add(new BridgeComparison(string.Create(CultureInfo.InvariantCulture, $"p={p},q={q},e={e},w={w},b={b}"), dLogit, dLoss));
                progress?.Invoke(comparisons.Count / (double)(chains.Length * points.Length));
            }
        }
        return comparisons;
    }
}
