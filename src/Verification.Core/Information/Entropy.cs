namespace Verification.Core.Information;

/// <summary>Shannon entropies in nats (natural log), with 0·log 0 = 0.</summary>
public static class Entropy
{
    /// <summary>h(x) = −x ln x − (1−x) ln(1−x) for x in [0, 1].</summary>
    public static double Binary(double x)
    {
        if (double.IsNaN(x) || x < 0 || x > 1)
            throw new ArgumentOutOfRangeException(nameof(x), x, "a probability must lie in [0, 1]");
        return XLogInvX(x) + XLogInvX(1 - x);
    }

    /// <summary>H(P) = −Σ P_i ln P_i for a probability vector.</summary>
    public static double Of(ReadOnlySpan<double> probabilities)
    {
        double h = 0;
        foreach (var pi in probabilities)
        {
            if (double.IsNaN(pi) || pi < 0 || pi > 1)
                throw new ArgumentOutOfRangeException(nameof(probabilities), pi, "probabilities must lie in [0, 1]");
            h += XLogInvX(pi);
        }
        return h;
    }

    /// <summary>
    /// Plug-in (maximum-likelihood) estimate of a binary sequence's first-order conditional entropy
    /// Ĥ(X_{t+1} | X_t) = Σ_i (n_i / n) h(n_{i1} / n_i) from its transition counts.
    /// </summary>
    public static double PlugInConditional(ReadOnlySpan<byte> sequence)
    {
        if (sequence.Length < 2)
            throw new ArgumentException("a conditional entropy estimate needs at least two symbols", nameof(sequence));
        Span<long> counts = stackalloc long[4];
        for (int t = 0; t + 1 < sequence.Length; t++)
        {
            int a = sequence[t], b = sequence[t + 1];
            if (a > 1 || b > 1)
                throw new ArgumentException($"symbol at position {(a > 1 ? t : t + 1)} is not binary", nameof(sequence));
            counts[2 * a + b]++;
        }
        double n = sequence.Length - 1, h = 0;
        for (int a = 0; a < 2; a++)
        {
            long na = counts[2 * a] + counts[2 * a + 1];
            if (na == 0) continue;
            h += na / n * Binary(counts[2 * a + 1] / (double)na);
        }
        return h;
    }

    private static double XLogInvX(double x) => x <= 0 ? 0 : -x * Math.Log(x);
}
