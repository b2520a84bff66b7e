// arXiv 2407.15504, §5.1 (synthetic dataset); query texts as in the public release (toy_dataset/mc_data).
namespace Verification.PromptCompression.Data;

/// <summary>The seven queries of the synthetic set.</summary>
public enum BinaryQuery { CountOnes, CountZeros, Parity, LongestRun, Palindrome, Transitions, NextBit }

/// <summary>Query texts, answers f_q(m) and answer alphabets.</summary>
public static class BinaryQueries
{
    public static IReadOnlyList<BinaryQuery> All { get; } = Enum.GetValues<BinaryQuery>();

    /// <summary>The query text of the paper's public data release.</summary>
    public static string Text(this BinaryQuery q) => q switch
    {
        BinaryQuery.CountOnes => "Count the number of 1s.",
        BinaryQuery.CountZeros => "Count the number of 0s.",
        BinaryQuery.Parity => "Compute the parity.",
        BinaryQuery.LongestRun => "What is the length of the longest subsequence of 0s or 1s?",
        BinaryQuery.Palindrome => "Is the binary string a palindrome?",
        BinaryQuery.Transitions => "Count the number of transitions from 0 to 1 and 1 to 0.",
        BinaryQuery.NextBit => "Predict the next bit.",
        _ => throw new ArgumentOutOfRangeException(nameof(q), q, "unknown query"),
    };

    public static bool TryParse(string text, out BinaryQuery query)
    {
        foreach (var q in All)
        {
            if (string.Equals(q.Text(), text.Trim(), StringComparison.Ordinal))
            {
                query = q;
                return true;
            }
        }
        query = default;
        return false;
    }

    /// <summary>Whether answers are yes/no or a bit (alphabet of 2) rather than a count.</summary>
    public static bool IsBinaryAnswer(this BinaryQuery q) => q is BinaryQuery.Parity or BinaryQuery.Palindrome or BinaryQuery.NextBit;

    /// <summary>
    /// The oracle's answer f_q(m) as a code: counts as themselves, Yes = 1 / No = 0, bits as themselves. For the
    /// next bit, the oracle predicts the last bit of m (the chain's most likely continuation, P = 0.9).
    /// </summary>
    public static int Answer(this BinaryQuery q, int key)
    {
        int n = BitString.Length(key);
        switch (q)
        {
            case BinaryQuery.CountOnes: return BitString.Ones(key);
            case BinaryQuery.CountZeros: return n - BitString.Ones(key);
            case BinaryQuery.Parity: return BitString.Ones(key) & 1;
            case BinaryQuery.NextBit: return BitString.Bit(key, n - 1);
            case BinaryQuery.LongestRun:
            {
                int best = 0, run = 0;
                for (int t = 0; t < n; t++)
                {
                    run = t > 0 && BitString.Bit(key, t) == BitString.Bit(key, t - 1) ? run + 1 : 1;
                    best = Math.Max(best, run);
                }
                return best;
            }
            case BinaryQuery.Palindrome:
            {
                for (int t = 0; t < n / 2; t++)
                    if (BitString.Bit(key, t) != BitString.Bit(key, n - 1 - t)) return 0;
                return 1;
            }
            case BinaryQuery.Transitions:
            {
                int bits = BitString.Bits(key);
                int changes = (bits ^ (bits >> 1)) & ((1 << Math.Max(n - 1, 0)) - 1);
                return System.Numerics.BitOperations.PopCount((uint)changes);
            }
            default: throw new ArgumentOutOfRangeException(nameof(q), q, "unknown query");
        }
    }

    /// <summary>f_q(x) for a prompt of any length (the training split has prompts longer than a key holds).</summary>
    public static int Answer(this BinaryQuery q, ReadOnlySpan<byte> x)
    {
        if (x.Length <= BitString.MaxLength) return q.Answer(BitString.FromBits(x));
        int ones = 0, changes = 0, best = 0, run = 0;
        bool palindrome = true;
        for (int t = 0; t < x.Length; t++)
        {
            ones += x[t];
            if (t > 0 && x[t] != x[t - 1]) changes++;
            run = t > 0 && x[t] == x[t - 1] ? run + 1 : 1;
            best = Math.Max(best, run);
            if (x[t] != x[x.Length - 1 - t]) palindrome = false;
        }
        return q switch
        {
            BinaryQuery.CountOnes => ones,
            BinaryQuery.CountZeros => x.Length - ones,
            BinaryQuery.Parity => ones & 1,
            BinaryQuery.LongestRun => best,
            BinaryQuery.Palindrome => palindrome ? 1 : 0,
            BinaryQuery.Transitions => changes,
            BinaryQuery.NextBit => x[^1],
            _ => throw new ArgumentOutOfRangeException(nameof(q), q, "unknown query"),
        };
    }

    public static string AnswerText(this BinaryQuery q, int code) =>
        q == BinaryQuery.Palindrome ? (code == 1 ? "Yes" : "No") : code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses an answer text of query <paramref name="q"/>; false when it is not a valid answer.</summary>
    public static bool TryParseAnswer(this BinaryQuery q, string text, out int code)
    {
        code = -1;
        if (q == BinaryQuery.Palindrome)
        {
            code = text == "Yes" ? 1 : text == "No" ? 0 : -1;
            return code >= 0;
        }
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out code))
            return false;
        return !q.IsBinaryAnswer() || code is 0 or 1;
    }
}
