namespace Verification.Core.Seeding;

/// <summary>
/// Derives independent seeds from one run seed and a stream name, so that adding a stream never shifts another.
/// Uses FNV-1a over the name and SplitMix64 mixing: stable across processes, platforms and .NET versions
/// (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
public static class Seeds
{
    public static long Derive(int seed, string stream)
    {
        ulong h = 14695981039346656037UL;
        foreach (var ch in stream)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        ulong state = h ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        return (long)(SplitMix64(ref state) >> 1);
    }

    internal static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
