namespace Verification.Core.Seeding;

/// <summary>
/// A seeded xoshiro256** generator. Deterministic by construction: the same seed gives the same stream on every
/// machine, which <see cref="Random"/> does not promise across runtime versions.
/// </summary>
public sealed class Rng
{
    private ulong s0, s1, s2, s3;
    private double? spareNormal;

    public Rng(long seed)
    {
        ulong state = (ulong)seed;
        s0 = Seeds.SplitMix64(ref state);
        s1 = Seeds.SplitMix64(ref state);
        s2 = Seeds.SplitMix64(ref state);
        s3 = Seeds.SplitMix64(ref state);
    }

    /// <summary>The stream <paramref name="stream"/> of run seed <paramref name="seed"/>.</summary>
    public static Rng For(int seed, string stream) => new(Seeds.Derive(seed, stream));

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [a, b).</summary>
    public double Uniform(double a, double b) => a + (b - a) * NextDouble();

    /// <summary>Uniform integer in [0, n), without modulo bias.</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong bound = (ulong)n;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            if (r >= threshold) return (int)(r % bound);
        }
    }

    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Standard normal (Marsaglia polar method).</summary>
    public double Normal()
    {
        if (spareNormal is { } spare)
        {
            spareNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        spareNormal = v * m;
        return u * m;
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
