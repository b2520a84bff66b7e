namespace Verification.PromptCompression.Data;

/// <summary>One evaluation row (x, q, y): a binary prompt, a query and the answer code (see <see cref="BinaryQueries"/>).</summary>
public sealed record PromptRow(byte[] Context, BinaryQuery Query, int Answer)
{
    /// <summary>The <see cref="BitString"/> key of the prompt (prompts of at most <see cref="BitString.MaxLength"/> tokens).</summary>
    public int Key => BitString.FromBits(Context);

    public int Length => Context.Length;

    public override string ToString() => $"{BitString.ToText(Context)} | {Query.Text()} | {Query.AnswerText(Answer)}";
}
