namespace Verification.Core.Reporting;

/// <summary>
/// Sections of a markdown file that <c>verify docs</c> writes from the committed records, between an opening marker
/// <c>&lt;!-- generated:NAME … --&gt;</c> and <c>&lt;!-- end generated:NAME --&gt;</c>. Everything outside the markers is
/// hand-written and left as it is; everything inside is replaced, so numbers there cannot drift from the records.
/// </summary>
public static class GeneratedSections
{
    public static string Begin(string name) =>
        $"<!-- generated:{name} (written by `verify docs` from the committed records; edits here are overwritten) -->";

    public static string End(string name) => $"<!-- end generated:{name} -->";

    /// <summary>Whether <paramref name="text"/> has the opening marker of <paramref name="name"/>.</summary>
    public static bool Has(string text, string name) => text.Contains($"<!-- generated:{name} ", StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="text"/> with the body of section <paramref name="name"/> replaced by <paramref name="body"/>
    /// (line endings normalised to \n). Throws <see cref="InvalidDataException"/> naming <paramref name="file"/> when the
    /// markers are missing, repeated or out of order.
    /// </summary>
    public static string Replace(string text, string name, string body, string file)
    {
        text = text.ReplaceLineEndings("\n");
        string open = $"<!-- generated:{name} ", close = End(name);
        int start = text.IndexOf(open, StringComparison.Ordinal), end = text.IndexOf(close, StringComparison.Ordinal);
        if (start < 0 || end < 0 || end < start)
            throw new InvalidDataException($"{file}: no section '{name}' (the lines '{Begin(name)}' and '{close}' must enclose it)");
        if (text.IndexOf(open, start + 1, StringComparison.Ordinal) >= 0 || text.IndexOf(close, end + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidDataException($"{file}: section '{name}' appears more than once");
        int lineEnd = text.IndexOf('\n', start);
        if (lineEnd < 0 || lineEnd > end) throw new InvalidDataException($"{file}: the markers of section '{name}' must be on lines of their own");
        return text[..start] + Begin(name) + "\n" + body.ReplaceLineEndings("\n").TrimEnd('\n') + "\n" + text[end..];
    }
}
