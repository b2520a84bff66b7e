namespace Verification.Core.Data;

/// <summary>
/// Where fetched datasets and trained models are cached: <c>$VERIFICATION_CACHE</c>, else
/// <c>$XDG_CACHE_HOME/verification</c>, else <c>~/.cache/verification</c>. Entries are written atomically by their
/// owners and checked when read; a corrupt entry is rebuilt, never trusted. Only the location: what fetches a data set
/// lives with the paper that uses it (MNIST: Verification.LotteryTickets.Data).
/// </summary>
public sealed class DatasetCache(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public static DatasetCache Default()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("VERIFICATION_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitRoot)) return new DatasetCache(explicitRoot);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return new DatasetCache(Path.Combine(baseDir, "verification"));
    }

    /// <summary>A path inside the cache (its folder is created).</summary>
    public string PathFor(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
