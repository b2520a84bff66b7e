// Local to Global (arXiv 2406.03072), §2 (spec local-to-global §2 and §5 row 1): the Monte-Carlo cross-entropy of the
// canonical model's logits on sampled stationary sequences — the independent estimate its closed-form loss is checked
// against.
using Verification.Core.Markov;
using Verification.Core.Seeding;

namespace Verification.Transformers.LocalToGlobal;

/// <summary>The empirical next-token cross-entropy of fixed logits (f0 after a 0, f1 after a 1) on sampled chains.</summary>
public static class MonteCarloLoss
{
    /// <summary>
    /// Mean cross-entropy of predicting x_{n+1} from the logit f_{x_n}, averaged per sequence; returns the mean over
    /// sequences and its standard error (taken over the sequences: the tokens of one sequence are correlated, the
    /// sequences are independent).
    /// </summary>
    public static (double Mean, double StandardError) Estimate(BinaryMarkovChain chain, double f0, double f1,
        int sequences, int length, Rng rng)
    {
        if (sequences < 2) throw new ArgumentOutOfRangeException(nameof(sequences), sequences, "at least 2 sequences are needed for a standard error");
        if (length < 2) throw new ArgumentOutOfRangeException(nameof(length), length, "a sequence needs at least 2 tokens");
        // −log σ(±f) for the four (current, next) cases.
        double[] lossOf = [Nll(f0, 0), Nll(f0, 1), Nll(f1, 0), Nll(f1, 1)];
        double sum = 0, sumSq = 0;
        for (int s = 0; s < sequences; s++)
        {
            var x = chain.Sample(length, rng);
            double l = 0;
            for (int n = 0; n + 1 < length; n++) l += lossOf[2 * x[n] + x[n + 1]];
            l /= length - 1;
            sum += l;
            sumSq += l * l;
        }
        double mean = sum / sequences, variance = Math.Max(0, (sumSq - sequences * mean * mean) / (sequences - 1));
        return (mean, Math.Sqrt(variance / sequences));
    }

    private static double Nll(double f, int next) => next == 1 ? Softplus(-f) : Softplus(f);

    private static double Softplus(double f) => Math.Max(f, 0) + Math.Log(1 + Math.Exp(-Math.Abs(f)));
}
