// Attention with Markov (arXiv 2402.04161), §3, theorem on global minima: what the exact analysis finds at θ*.
using Verification.Core.Markov;
using Verification.Transformers.Models;
using static TorchSharp.torch;

namespace Verification.Transformers.AttentionWithMarkov;

/// <summary>
/// At θ* for one chain and tying (<paramref name="Case"/>): the exact loss L, |L − entropy rate|, max |∇L| and the
/// kernel error max |σ(logit_n) − P(x_{n+1} = 1 | x_n)| over a few contexts.
/// </summary>
public sealed record GlobalMinimumProbe(string Case, double Loss, double LossError, double MaxGradient, double KernelError)
{
    /// <summary>Probes the model's current θ (loss and gradient only: the theorem says nothing of the Hessian at θ*).</summary>
    public static GlobalMinimumProbe At(TheoryTransformer model, ExactPopulationLoss loss, BinaryMarkovChain chain, string key)
    {
        var probe = LandscapeProbe.At(model, loss, withHessian: false);
        return new GlobalMinimumProbe(key, probe.Loss, Math.Abs(probe.Loss - chain.EntropyRate), probe.MaxGradient, KernelErrorOf(model, chain));
    }

    /// <summary>max over x_n ∈ {0, 1} and a few contexts of |σ(logit_n) − P(x_{n+1} = 1 | x_n)|.</summary>
    private static double KernelErrorOf(TheoryTransformer model, BinaryMarkovChain chain)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        int n = model.Config.Length;
        var contexts = new long[4 * n];
        for (int t = 0; t < n; t++)
        {
            contexts[t] = 0;                       // all zeros
            contexts[n + t] = 1;                   // all ones
            contexts[2 * n + t] = t % 2;           // alternating
            contexts[3 * n + t] = t % 3 == 0 ? 1 : 0;
        }
        var x = tensor(contexts, [4, n], device: model.Device);
        var probs = model.call(x).sigmoid().cpu().data<double>().ToArray();
        double worst = 0;
        for (int i = 0; i < contexts.Length; i++)
            worst = Math.Max(worst, Math.Abs(probs[i] - chain.ProbabilityOfOne((int)contexts[i])));
        return worst;
    }
}
