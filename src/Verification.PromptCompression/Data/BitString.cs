// Nagle, Girish et al., "Fundamental Limits of Prompt Compression", arXiv 2407.15504, §3 (binary prompts).
namespace Verification.PromptCompression.Data;

/// <summary>
/// A binary string of up to <see cref="MaxLength"/> tokens packed in one int: the key is <c>(1 &lt;&lt; len) | bits</c>
/// with token t in bit t, so that every string (of every length) has exactly one key and keys can index caches.
/// </summary>
public static class BitString
{
    /// <summary>The longest string a key can hold.</summary>
    public const int MaxLength = 30;

    public static int Length(int key) => 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)key);

    public static int Bit(int key, int t) => (key >> t) & 1;

    /// <summary>The bits of <paramref name="key"/> without the length sentinel.</summary>
    public static int Bits(int key) => key & ~(1 << Length(key));

    public static int Ones(int key) => System.Numerics.BitOperations.PopCount((uint)Bits(key));

    public static int FromBits(ReadOnlySpan<byte> x)
    {
        if (x.Length > MaxLength)
            throw new ArgumentOutOfRangeException(nameof(x), x.Length, $"a binary string has at most {MaxLength} tokens here");
        int key = 1 << x.Length;
        for (int t = 0; t < x.Length; t++) key |= x[t] << t;
        return key;
    }

    /// <summary>The key of the subsequence of <paramref name="x"/> at the sorted indices <paramref name="kept"/>.</summary>
    public static int Subsequence(ReadOnlySpan<byte> x, ReadOnlySpan<int> kept)
    {
        int key = 1 << kept.Length;
        for (int i = 0; i < kept.Length; i++) key |= x[kept[i]] << i;
        return key;
    }

    public static byte[] ToBits(int key)
    {
        var x = new byte[Length(key)];
        for (int t = 0; t < x.Length; t++) x[t] = (byte)Bit(key, t);
        return x;
    }

    public static string ToText(int key) => string.Concat(ToBits(key).Select(b => b == 1 ? '1' : '0'));

    public static string ToText(ReadOnlySpan<byte> x)
    {
        var chars = new char[x.Length];
        for (int t = 0; t < x.Length; t++) chars[t] = x[t] == 1 ? '1' : '0';
        return new string(chars);
    }
}
