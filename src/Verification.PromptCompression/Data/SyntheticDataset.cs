// arXiv 2407.15504, §5.1 and the public generator (toy_dataset/mc_data/generate_binary_dataset.py); spec §4.
using Verification.Core.Markov;
using Verification.Core.Seeding;

namespace Verification.PromptCompression.Data;

/// <summary>Sizes of one split of the synthetic set.</summary>
public sealed record SyntheticSplit(int RowsPerQuery, int MinLength, int MaxLength)
{
    /// <summary>The paper's validation split (1,400 rows), on which D* and the methods are evaluated.</summary>
    public static SyntheticSplit Validation { get; } = new(200, 4, 10);

    /// <summary>The paper's training split (14,000 rows), lengths 2–32.</summary>
    public static SyntheticSplit Train { get; } = new(2000, 2, 32);

    /// <summary>A small split for the smoke run (the same construction, 20 rows per query).</summary>
    public static SyntheticSplit Smoke { get; } = new(20, 4, 10);
}

/// <summary>
/// The synthetic set: binary prompts from the chain [[0.9, 0.1], [0.1, 0.9]] with a uniform first bit, seven
/// queries, answers from the prompt (the next bit sampled from the chain). For the palindrome query half of the
/// prompts are forced palindromes: a chain prefix of length ⌊L/2⌋ followed by its mirror.
/// </summary>
public static class SyntheticDataset
{
    /// <summary>P(switch) = 0.1 both ways: π = (1/2, 1/2), so the first bit is uniform as in the paper.</summary>
    public static BinaryMarkovChain Chain { get; } = new(0.1, 0.1);

    /// <summary>The longest prompt generated (the paper's training split goes to 32).</summary>
    public const int MaxLength = 64;

    public static IReadOnlyList<PromptRow> Generate(SyntheticSplit split, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (split.RowsPerQuery <= 0)
            throw new ArgumentOutOfRangeException(nameof(split), split.RowsPerQuery, "RowsPerQuery must be ≥ 1");
        if (split.MinLength < 2 || split.MaxLength < split.MinLength || split.MaxLength > MaxLength)
            throw new ArgumentOutOfRangeException(nameof(split), $"{split.MinLength}..{split.MaxLength}",
                $"lengths must satisfy 2 ≤ MinLength ≤ MaxLength ≤ {MaxLength}");
        var rows = new List<PromptRow>(split.RowsPerQuery * BinaryQueries.All.Count);
        foreach (var q in BinaryQueries.All)
        {
            for (int i = 0; i < split.RowsPerQuery; i++)
            {
                int length = split.MinLength + rng.NextInt(split.MaxLength - split.MinLength + 1);
                byte[] x;
                if (q == BinaryQuery.Palindrome && rng.Bernoulli(0.5))
                {
                    var half = Chain.Sample(Math.Max(1, length / 2), rng);
                    x = [.. half, .. half.Reverse()];
                }
                else
                {
                    x = Chain.Sample(length, rng);
                }
                int answer = q == BinaryQuery.NextBit
                    ? (rng.Bernoulli(Chain.ProbabilityOfOne(x[^1])) ? 1 : 0)
                    : q.Answer((ReadOnlySpan<byte>)x);
                rows.Add(new PromptRow(x, q, answer));
            }
        }
        return rows;
    }
}
