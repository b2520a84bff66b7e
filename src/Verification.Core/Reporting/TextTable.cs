using System.Globalization;
using System.Text;

namespace Verification.Core.Reporting;

/// <summary>Tables for the terminal (columns padded to their widest cell) and for Markdown (escaped cells), one shape for both.</summary>
public static class TextTable
{
    /// <summary>Rows as aligned text lines, each prefixed by <paramref name="indent"/>; trailing spaces dropped.</summary>
    public static string Text(IReadOnlyList<IReadOnlyList<string>> rows, string indent = "  ")
    {
        int columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Count ? Width(r[c]) : 0)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var line = new StringBuilder(indent);
            for (int c = 0; c < row.Count; c++)
                line.Append(row[c]).Append(' ', c == row.Count - 1 ? 0 : widths[c] - Width(row[c]) + 2);
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A Markdown table: the first row is the header; cells escaped unless <paramref name="raw"/> (already Markdown).</summary>
    public static string Markdown(IReadOnlyList<IReadOnlyList<string>> rows, bool raw = false)
    {
        if (rows.Count == 0) return "";
        string Row(IReadOnlyList<string> r) => "| " + string.Join(" | ", r.Select(c => raw ? c : ReportText.Cell(c))) + " |\n";
        var md = new StringBuilder(Row(rows[0]));
        md.Append("|").Append(string.Concat(rows[0].Select(_ => "---|"))).Append('\n');
        foreach (var r in rows.Skip(1)) md.Append(Row(r));
        return md.ToString();
    }

    /// <summary>Text elements, so that π or ≤ count as one column.</summary>
    private static int Width(string s) => new StringInfo(s).LengthInTextElements;
}
