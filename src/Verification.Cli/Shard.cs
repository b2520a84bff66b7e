namespace Verification.Cli;

/// <summary>One slice of the work list: shard <see cref="Index"/> of <see cref="Count"/> (1-based).</summary>
public sealed record Shard(int Index, int Count)
{
    public static readonly Shard Whole = new(1, 1);

    /// <summary>Parses <c>i/n</c> with 1 ≤ i ≤ n (<c>auto</c> is resolved by <see cref="SchedulerShard"/> instead).</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var i) || !int.TryParse(parts[1], out var n) || n < 1 || i < 1 || i > n)
            throw new UsageException($"--shard: must be i/n with 1 ≤ i ≤ n, e.g. 2/4, or auto (got '{text}')");
        return new Shard(i, n);
    }

    /// <summary>Whether the work item at position <paramref name="k"/> (0-based) of the full list is in this shard.</summary>
    public bool Contains(int k) => k % Count == Index - 1;

    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>
/// The value of <c>--shard</c>: a shard <c>i/n</c> (<see cref="Fixed"/>), or <c>auto</c> (<see cref="Fixed"/> null),
/// which <see cref="VerifyOptions.Resolve"/> reads from the scheduler's environment (<see cref="SchedulerShard"/>).
/// </summary>
public sealed record ShardRequest(Shard? Fixed)
{
    public static readonly ShardRequest Auto = new((Shard?)null);

    public bool IsAuto => Fixed is null;

    public static ShardRequest Parse(string text) =>
        string.Equals(text.Trim(), "auto", StringComparison.OrdinalIgnoreCase) ? Auto : new ShardRequest(Shard.Parse(text));
}
