namespace Verification.Core.Claims;

/// <summary>
/// Where a check or a measurement was made, as <c>path:line</c> with the path relative to the repository root
/// (<c>src/Verification.Markov/Claims/StationaryDistributionIsInvariant.cs:31</c>). It comes from the compiler's caller
/// information (<c>[CallerFilePath]</c>, <c>[CallerLineNumber]</c> on the <see cref="Observations"/> methods): nothing is
/// looked up at run time. The build maps the repository root to <see cref="MappedRoot"/> (<c>&lt;PathMap&gt;</c> in
/// Directory.Build.props), so the path does not depend on where the repository is checked out and results.json stays
/// byte-identical between two checkouts of one commit. A check made by a helper (an experiment class calling
/// <c>obs.Expect</c>) is located at the helper's call.
/// </summary>
public static class SourceLocation
{
    /// <summary>The prefix the compiler writes for the repository root (Directory.Build.props maps the root to it).</summary>
    public const string MappedRoot = "/_/";

    /// <summary>
    /// <c>path:line</c> for a caller's file and line: the path relative to the repository root when the build mapped it
    /// (every project of this repository), otherwise as the compiler gave it; null without caller information.
    /// </summary>
    public static string? Of(string file, int line)
    {
        if (string.IsNullOrEmpty(file) || line <= 0) return null;
        var path = file.Replace('\\', '/');
        if (path.StartsWith(MappedRoot, StringComparison.Ordinal)) path = path[MappedRoot.Length..];
        return $"{path}:{line}";
    }

    /// <summary>Splits <c>path:line</c>; false for anything else.</summary>
    public static bool TryParse(string? source, out string path, out int line)
    {
        path = "";
        line = 0;
        if (source is null) return false;
        int colon = source.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(source.AsSpan(colon + 1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out line) || line <= 0) return false;
        path = source[..colon];
        return true;
    }
}
