// arXiv 2407.15504, §5 (LLMLingua-2 labels and the query-dependent labels of QuerySelect); spec §5.
using Verification.PromptCompression.Data;

namespace Verification.PromptCompression.Compressors;

/// <summary>
/// The ideal keep-labels of the synthetic set. Query-agnostic (LLMLingua-2): the first bit of every run.
/// Query-dependent (QuerySelect): the smallest set of tokens that keeps the answer of q.
/// </summary>
public static class IdealLabels
{
    public static bool[] Agnostic(byte[] x) => Enumerable.Range(0, x.Length).Select(t => t == 0 || x[t] != x[t - 1]).ToArray();

    public static bool[] ForQuery(byte[] x, BinaryQuery q)
    {
        int n = x.Length;
        var keep = new bool[n];
        switch (q)
        {
            case BinaryQuery.CountOnes:
                for (int t = 0; t < n; t++) keep[t] = x[t] == 1;
                break;
            case BinaryQuery.CountZeros:
                for (int t = 0; t < n; t++) keep[t] = x[t] == 0;
                break;
            case BinaryQuery.Parity:
            {
                // odd: one '1'; even: one '0', or two '1's when there is no '0'.
                int ones = x.Count(b => b == 1);
                if (ones % 2 == 1) keep[Array.IndexOf(x, (byte)1)] = true;
                else if (ones < n) keep[Array.IndexOf(x, (byte)0)] = true;
                else keep[0] = keep[1] = true;
                break;
            }
            case BinaryQuery.LongestRun:
            {
                int bestStart = 0, bestLength = 0;
                for (int t = 0, start = 0; t < n; t++)
                {
                    if (t > 0 && x[t] != x[t - 1]) start = t;
                    if (t - start + 1 > bestLength) (bestStart, bestLength) = (start, t - start + 1);
                }
                for (int t = bestStart; t < bestStart + bestLength; t++) keep[t] = true;
                break;
            }
            case BinaryQuery.Palindrome:
            {
                // a palindrome: one bit; otherwise two different bits (a non-palindrome has both symbols).
                keep[0] = true;
                if (q.Answer((ReadOnlySpan<byte>)x) == 0) keep[Array.FindIndex(x, b => b != x[0])] = true;
                break;
            }
            case BinaryQuery.Transitions:
                return Agnostic(x);
            case BinaryQuery.NextBit:
                keep[n - 1] = true;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(q), q, "unknown query");
        }
        return keep;
    }
}
