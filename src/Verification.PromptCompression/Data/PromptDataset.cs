// JSONL rows {"context": "0110…", "query": "…", "answer": "…"}: the format of the public release (arXiv 2407.15504).
using System.Text;
using System.Text.Json;

namespace Verification.PromptCompression.Data;

/// <summary>
/// Reads and writes evaluation rows as JSONL. A malformed row is an <see cref="InvalidDataException"/> naming the
/// line and the field; nothing is returned unless every row is valid.
/// </summary>
public static class PromptDataset
{
    /// <summary>The longest prompt the exact candidate enumeration accepts (2^n subsequence masks per prompt).</summary>
    public const int MaxPromptLength = 20;

    public static IReadOnlyList<PromptRow> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"data file '{path}' does not exist", path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, path);
    }

    public static IReadOnlyList<PromptRow> Parse(TextReader reader, string source = "<input>")
    {
        var rows = new List<PromptRow>();
        int lineNumber = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            rows.Add(ParseRow(line, $"{source}:{lineNumber}"));
        }
        if (rows.Count == 0) throw new InvalidDataException($"{source}: the dataset is empty (no rows)");
        return rows;
    }

    private static PromptRow ParseRow(string line, string where)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            // The parser counts lines within this one line (always "LineNumber: 0"): report the file's line and the column.
            throw new InvalidDataException($"{where}: not a JSON object (column {(e.BytePositionInLine ?? 0) + 1}: {e.Message.Split(" LineNumber:")[0].Trim()})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{where}: not a JSON object");
            string context = Field(doc.RootElement, "context", where);
            string queryText = Field(doc.RootElement, "query", where);
            string answerText = Field(doc.RootElement, "answer", where);
            if (context.Length == 0 || context.Length > MaxPromptLength)
                throw new InvalidDataException($"{where}: field 'context' has {context.Length} tokens; valid: 1 to {MaxPromptLength}");
            var x = new byte[context.Length];
            for (int t = 0; t < context.Length; t++)
            {
                x[t] = context[t] switch
                {
                    '0' => 0,
                    '1' => 1,
                    _ => throw new InvalidDataException($"{where}: field 'context' has the non-binary token '{context[t]}' at position {t}; valid tokens: 0, 1"),
                };
            }
            if (!BinaryQueries.TryParse(queryText, out var query))
                throw new InvalidDataException($"{where}: field 'query' is '{queryText}', a query the oracle does not know; valid: " +
                    string.Join(" | ", BinaryQueries.All.Select(q => q.Text())));
            if (!query.TryParseAnswer(answerText, out int answer))
                throw new InvalidDataException($"{where}: field 'answer' is '{answerText}', not an answer to '{query.Text()}' " +
                    (query == BinaryQuery.Palindrome ? "(Yes or No)" : query.IsBinaryAnswer() ? "(0 or 1)" : "(a non-negative integer)"));
            return new PromptRow(x, query, answer);
        }
    }

    private static string Field(JsonElement root, string name, string where)
    {
        if (!root.TryGetProperty(name, out var value))
            throw new InvalidDataException($"{where}: field '{name}' is missing");
        if (value.ValueKind != JsonValueKind.String)
            throw new InvalidDataException($"{where}: field '{name}' must be a string, got {value.ValueKind}");
        return value.GetString()!;
    }

    /// <summary>The rows as JSONL, in the release's format.</summary>
    public static string ToJsonl(IEnumerable<PromptRow> rows)
    {
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            sb.Append(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["context"] = BitString.ToText(r.Context),
                ["query"] = r.Query.Text(),
                ["answer"] = r.Query.AnswerText(r.Answer),
            })).Append('\n');
        }
        return sb.ToString();
    }
}
