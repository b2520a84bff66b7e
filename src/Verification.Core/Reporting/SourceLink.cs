using Verification.Core.Claims;

namespace Verification.Core.Reporting;

/// <summary>
/// How report.html links a check to the line that made it (<see cref="CheckRecord.Source"/>): a template with the
/// placeholders <c>{path}</c> (relative to the repository root), <c>{line}</c> and <c>{commit}</c> (the run's commit),
/// e.g. <c>https://github.com/OWNER/REPO/blob/{commit}/{path}#L{line}</c> for a repository's web view. Set with
/// <c>verify --source-link</c> or <see cref="Variable"/>; the default is a relative link from the run folder to the file
/// in the checkout the run was made in (<see cref="RelativeTo"/>), which works when the report is opened there.
/// </summary>
public static class SourceLink
{
    /// <summary>The environment variable read when <c>--source-link</c> is not given.</summary>
    public const string Variable = "VERIFY_SOURCE_LINK";

    /// <summary>The template used when no run folder is known: the path as it is, relative to the repository root.</summary>
    public const string Plain = "{path}#L{line}";

    /// <summary>Throws <see cref="ArgumentException"/> (one line) for a template without <c>{path}</c>.</summary>
    public static string Validate(string template) =>
        template.Contains("{path}", StringComparison.Ordinal) ? template
            : throw new ArgumentException($"a source link template needs {{path}} (and usually {{line}}), e.g. https://github.com/OWNER/REPO/blob/{{commit}}/{{path}}#L{{line}}; got '{template}'");

    /// <summary>
    /// The default template for a report written into <paramref name="runFolder"/>: the relative path from there to the
    /// repository root (the first folder above holding Verification.sln, else above the current folder), then
    /// <c>{path}#L{line}</c>; <see cref="Plain"/> when no repository is found.
    /// </summary>
    public static string RelativeTo(string runFolder)
    {
        var root = RepositoryRoot(runFolder) ?? RepositoryRoot(Directory.GetCurrentDirectory());
        if (root is null) return Plain;
        var relative = Path.GetRelativePath(Path.GetFullPath(runFolder), root).Replace('\\', '/');
        return relative == "." ? Plain : $"{relative}/{Plain}";
    }

    /// <summary>The first folder at or above <paramref name="start"/> holding Verification.sln; null if none.</summary>
    public static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>The link for <paramref name="source"/> (<c>path:line</c>), or null when it has none or is not a path in the repository.</summary>
    public static string? Href(string? template, string? source, string codeVersion)
    {
        if (!SourceLocation.TryParse(source, out var path, out var line) || path.StartsWith('/')) return null;
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return (template ?? Plain).Replace("{path}", escaped, StringComparison.Ordinal)
            .Replace("{line}", line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{commit}", Commit(codeVersion), StringComparison.Ordinal);
    }

    /// <summary>The commit of a code version (<c>1.0.0+&lt;sha&gt;</c>), or <c>HEAD</c> when it names none.</summary>
    public static string Commit(string codeVersion)
    {
        var plus = codeVersion.IndexOf('+');
        var sha = plus < 0 ? "" : new string(codeVersion[(plus + 1)..].TakeWhile(Uri.IsHexDigit).ToArray());
        return sha.Length >= 7 ? sha : "HEAD";
    }

    /// <summary>"StationaryDistributionIsInvariant.cs:32": the file name and line, as a link's text.</summary>
    public static string Short(string source) =>
        SourceLocation.TryParse(source, out var path, out var line) ? $"{path[(path.LastIndexOf('/') + 1)..]}:{line}" : source;
}
