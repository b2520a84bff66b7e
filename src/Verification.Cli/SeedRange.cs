using System.Globalization;

namespace Verification.Cli;

/// <summary>
/// <c>--seeds</c>: a comma-separated list of seeds and inclusive ranges, <c>1-5</c>, <c>1,3,7</c>, <c>1-3,9</c>.
/// An empty list or part, a reversed range (<c>5-1</c>) and anything non-numeric are usage errors (exit 2).
/// </summary>
public static class SeedRange
{
    /// <summary>At most this many seeds from one range, so a typo (1-100000) is an error, not a week of runs.</summary>
    public const int MaxSeeds = 1000;

    public static IReadOnlyList<int> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new UsageException("--seeds: empty; give a range or list such as 1-5 or 1,3,7");
        var seeds = new List<int>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var dash = part.IndexOf('-', 1 < part.Length ? 1 : 0);
            if (part.Length == 0)
                throw new UsageException($"--seeds: empty item in '{text}'; give a range or list such as 1-5 or 1,3,7");
            if (dash > 0)
            {
                int from = Seed(part[..dash], text), to = Seed(part[(dash + 1)..], text);
                if (to < from)
                    throw new UsageException($"--seeds: range '{part}' is reversed; write {to}-{from}");
                if ((long)to - from + 1 > MaxSeeds)   // long: 0-2147483647 has 2^31 seeds, which overflows an int
                    throw new UsageException($"--seeds: range '{part}' has more than {MaxSeeds} seeds");
                for (long s = from; s <= to; s++) seeds.Add((int)s);   // an int counter never passes int.MaxValue
            }
            else seeds.Add(Seed(part, text));
        }
        return seeds.Distinct().ToList();
    }

    private static int Seed(string s, string text) =>
        int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new UsageException($"--seeds: '{s.Trim()}' in '{text}' is not a non-negative integer; give a range or list such as 1-5 or 1,3,7");
}
