using Verification.Core.Information;
using Verification.Core.Seeding;

namespace Verification.Core.Markov;

/// <summary>
/// The binary first-order Markov source of Attention with Markov (arXiv 2402.04161, §2; spec §1), shared by the
/// prompt-compression, attention-with-Markov and local-to-global modules. Kernel P = [[1−p, p], [q, 1−q]] with
/// p = P(1|0) and q = P(0|1); the first symbol is drawn from the stationary π = (q, p)/(p+q), so every position is
/// stationary. The switching factor p+q decides persistence (p+q &lt; 1) and, in AM/LG, the loss landscape.
/// </summary>
public sealed class BinaryMarkovChain
{
    public BinaryMarkovChain(double p, double q)
    {
        CheckProbability(p, nameof(p));
        CheckProbability(q, nameof(q));
        if (p == 0 && q == 0)
            throw new ArgumentOutOfRangeException(nameof(p), p,
                "p and q cannot both be 0 (no unique stationary distribution); valid range: p, q in [0, 1] with p + q > 0");
        P = p;
        Q = q;
    }

    /// <summary>p = P(x_{n+1} = 1 | x_n = 0).</summary>
    public double P { get; }

    /// <summary>q = P(x_{n+1} = 0 | x_n = 1).</summary>
    public double Q { get; }

    public double SwitchingFactor => P + Q;

    /// <summary>π0 = q/(p+q).</summary>
    public double Pi0 => Q / (P + Q);

    /// <summary>π1 = p/(p+q).</summary>
    public double Pi1 => P / (P + Q);

    /// <summary>P(next = 1 | current = x).</summary>
    public double ProbabilityOfOne(int x) => x == 0 ? P : 1 - Q;

    /// <summary>Kernel entry P(next = j | current = i).</summary>
    public double Kernel(int i, int j) => j == 1 ? ProbabilityOfOne(i) : 1 - ProbabilityOfOne(i);

    /// <summary>Entropy rate H(x_{n+1} | x_n) = [q·h(p) + p·h(q)]/(p+q), nats.</summary>
    public double EntropyRate => (Q * Entropy.Binary(P) + P * Entropy.Binary(Q)) / (P + Q);

    /// <summary>Stationary (unigram) entropy H(π) = h(p/(p+q)), nats; ≥ the entropy rate, equal iff p+q = 1.</summary>
    public double StationaryEntropy => Entropy.Binary(Pi1);

    /// <summary>A stationary sample path x_1 … x_length (x_1 ~ π).</summary>
    public byte[] Sample(int length, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var x = new byte[length];
        if (length == 0) return x;
        x[0] = rng.Bernoulli(Pi1) ? (byte)1 : (byte)0;
        for (int t = 1; t < length; t++)
            x[t] = rng.Bernoulli(ProbabilityOfOne(x[t - 1])) ? (byte)1 : (byte)0;
        return x;
    }

    /// <summary>
    /// Probability of one exact sequence under the stationary chain: π(x_1) Π P(x_{t+1} | x_t).
    /// </summary>
    public double ProbabilityOf(ReadOnlySpan<byte> x)
    {
        if (x.Length == 0) return 1;
        double prob = x[0] == 1 ? Pi1 : Pi0;
        for (int t = 1; t < x.Length; t++) prob *= Kernel(x[t - 1], x[t]);
        return prob;
    }

    public override string ToString() => $"BinaryMarkovChain(p={P}, q={Q})";

    private static void CheckProbability(double value, string name)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a probability in [0, 1]");
    }
}
