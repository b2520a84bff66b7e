namespace Verification.Core.Claims;

/// <summary>
/// The one naming rule for what a claim records in a report: measurement and check names
/// (<see cref="Observations.Measure"/>, <c>Expect…</c>), case labels (<see cref="Observations.Case"/>), figure names
/// and table names. A name is one or more segments separated by single dots; a segment is non-empty and made of
/// lowercase ASCII letters, digits, '-', and, for parameter labels such as <c>p=0.5,q=0.8</c> or <c>p+q&gt;1</c>,
/// '=', ',', '+', '&lt;' and '&gt;'. No spaces, no uppercase, no other symbols (no '|', '*', '(', '_', Greek letters).
/// Examples: <c>loss</c>, <c>max-abs-gap</c>, <c>seed3.l2.escaped</c>, <c>p=0.5,q=0.8.h-pi</c>.
/// </summary>
public static class ReportName
{
    /// <summary>The rule in one line, as error messages quote it.</summary>
    public const string Rule =
        "dot-separated non-empty segments of lowercase ASCII letters, digits and '-' (plus '=', ',', '+', '<', '>' " +
        "for parameter labels such as p=0.5,q=0.8); no spaces, uppercase or other symbols";

    /// <summary>Whether <paramref name="name"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        bool segmentEmpty = true;
        foreach (char c in name)
        {
            if (c == '.')
            {
                if (segmentEmpty) return false;
                segmentEmpty = true;
                continue;
            }
            if (!IsSegmentChar(c)) return false;
            segmentEmpty = false;
        }
        return !segmentEmpty;
    }

    private static bool IsSegmentChar(char c) =>
        c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '=' or ',' or '+' or '<' or '>';

    /// <summary>Returns <paramref name="name"/>, or throws naming it and the rule.</summary>
    /// <param name="name">the name to check</param>
    /// <param name="what">what is named ("measurement", "check", "case", "figure", "table"), for the message</param>
    public static string Require(string name, string what)
    {
        if (!IsValid(name))
            throw new ArgumentException($"{what} name '{name}' breaks the naming rule: {Rule}", nameof(name));
        return name;
    }

    /// <summary>
    /// A display name as a name segment: words split at spaces, symbols and camel-case boundaries, lowercased and
    /// joined by '-' ("LLMLingua-2 (ideal labels)" → "llm-lingua-2-ideal-labels", "CountOnes" → "count-ones").
    /// </summary>
    public static string Kebab(string display)
    {
        var sb = new System.Text.StringBuilder(display.Length + 8);
        for (int i = 0; i < display.Length; i++)
        {
            char c = display[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                bool boundary = char.IsAsciiLetterUpper(c) && i > 0 && sb.Length > 0 && sb[^1] != '-'
                    && (char.IsAsciiLetterLower(display[i - 1]) || char.IsAsciiDigit(display[i - 1])
                        || (char.IsAsciiLetterUpper(display[i - 1]) && i + 1 < display.Length && char.IsAsciiLetterLower(display[i + 1])));
                if (boundary) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }
        if (sb.Length > 0 && sb[^1] == '-') sb.Length--;
        return sb.ToString();
    }
}
