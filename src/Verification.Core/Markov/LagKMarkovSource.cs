using Verification.Core.Seeding;

namespace Verification.Core.Markov;

/// <summary>
/// The "lag-k switching" source of Attention with Markov's higher-order experiments (arXiv 2402.04161 v1, authors'
/// code Markov-LLM-k; spec attention-with-markov.md §1): x_i ~ P(p,q)[x_{i−k}, ·], i.e. k interleaved independent
/// first-order chains, so the marginal (π) and the entropy rate are those of <see cref="BinaryMarkovChain"/>.
/// Unlike the original generator, the first k symbols are drawn from the stationary π1 = p/(p+q) (the original
/// swapped π0 and π1) and every one of the requested symbols is drawn (the original stopped one step early, so its
/// last target was always 0). Shared by the AM and LG modules.
/// </summary>
public sealed class LagKMarkovSource
{
    public LagKMarkovSource(double p, double q, int lag)
    {
        if (lag < 1) throw new ArgumentOutOfRangeException(nameof(lag), lag, "lag k must be ≥ 1 (k = 1 is the first-order chain)");
        Chain = new BinaryMarkovChain(p, q);
        Lag = lag;
    }

    /// <summary>The first-order chain that each of the k interleaved sub-chains follows.</summary>
    public BinaryMarkovChain Chain { get; }

    /// <summary>k: x_i depends on x_{i−k} only.</summary>
    public int Lag { get; }

    /// <summary>Entropy rate H(x_i | x_{i−k}) = the first-order chain's, nats.</summary>
    public double EntropyRate => Chain.EntropyRate;

    /// <summary>H(π), the loss of a predictor that ignores the input.</summary>
    public double StationaryEntropy => Chain.StationaryEntropy;

    /// <summary>A stationary sample x_1 … x_length: x_1 … x_k ~ π i.i.d., then x_i ~ P[x_{i−k}, ·].</summary>
    public byte[] Sample(int length, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var x = new byte[length];
        for (int t = 0; t < length; t++)
        {
            double probOne = t < Lag ? Chain.Pi1 : Chain.ProbabilityOfOne(x[t - Lag]);
            x[t] = rng.Bernoulli(probOne) ? (byte)1 : (byte)0;
        }
        return x;
    }

    /// <summary>Probability of one exact sequence: Π_{t≤k} π(x_t) · Π_{t&gt;k} P(x_t | x_{t−k}).</summary>
    public double ProbabilityOf(ReadOnlySpan<byte> x)
    {
        double prob = 1;
        for (int t = 0; t < x.Length; t++)
        {
            if (x[t] > 1) throw new ArgumentException($"symbol at position {t} is not binary", nameof(x));
            prob *= t < Lag ? (x[t] == 1 ? Chain.Pi1 : Chain.Pi0) : Chain.Kernel(x[t - Lag], x[t]);
        }
        return prob;
    }

    public override string ToString() => $"LagKMarkovSource(p={Chain.P}, q={Chain.Q}, k={Lag})";
}
