// arXiv 2407.15504, §3 (candidate set M_x); spec §1 (subsequences vs all shorter strings of the public release).
using System.Collections.Concurrent;
using Verification.PromptCompression.Data;

namespace Verification.PromptCompression.Limits;

/// <summary>Which compressed prompts M_x a compressor may output.</summary>
public enum CandidateKind
{
    /// <summary>Every distinct non-empty subsequence of x (token-level compression; the default).</summary>
    Subsequences,

    /// <summary>Every binary string of length 1 … n−1, plus x itself (what the public release used).</summary>
    AllShorter,
}

public static class CandidateSets
{
    /// <summary>The longest prompt for <see cref="CandidateKind.AllShorter"/> (2^n − 1 candidates per prompt).</summary>
    public const int MaxAllShorterLength = 16;

    // A memo of a pure function of its key (the sorted candidates of one prompt): what it returns never depends on
    // which claim or registry asked first, so it is not experiment state.
    private static readonly ConcurrentDictionary<(int, CandidateKind), int[]> Cache = new();

    public static bool TryParse(string text, out CandidateKind kind)
    {
        switch (text)
        {
            case "subsequences": kind = CandidateKind.Subsequences; return true;
            case "all-shorter": kind = CandidateKind.AllShorter; return true;
            default: kind = CandidateKind.Subsequences; return false;
        }
    }

    /// <summary>The candidate keys of prompt <paramref name="x"/> (a <see cref="BitString"/> key), sorted; x is always included, the empty string never.</summary>
    public static int[] Of(int x, CandidateKind kind) => Cache.GetOrAdd((x, kind), static k => Enumerate(k.Item1, k.Item2));

    private static int[] Enumerate(int x, CandidateKind kind)
    {
        int n = BitString.Length(x);
        if (n > PromptDataset.MaxPromptLength)
            throw new ArgumentOutOfRangeException(nameof(x), n, $"prompts have at most {PromptDataset.MaxPromptLength} tokens for exact enumeration");
        if (kind == CandidateKind.AllShorter)
        {
            if (n > MaxAllShorterLength)
                throw new ArgumentOutOfRangeException(nameof(x), n,
                    $"all-shorter candidates need prompts of at most {MaxAllShorterLength} tokens (2^n strings each); use subsequences");
            var all = new List<int>((1 << n) - 1);
            for (int len = 1; len < n; len++)
                for (int bits = 0; bits < 1 << len; bits++) all.Add((1 << len) | bits);
            all.Add(x);
            all.Sort();
            return all.ToArray();
        }
        var set = new HashSet<int>();
        for (int mask = 1; mask < 1 << n; mask++)
        {
            int key = 0, len = 0;
            for (int t = 0; t < n; t++)
            {
                if ((mask >> t & 1) == 0) continue;
                key |= BitString.Bit(x, t) << len;
                len++;
            }
            set.Add(key | (1 << len));
        }
        var sorted = set.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
