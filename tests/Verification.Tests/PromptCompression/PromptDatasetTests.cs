using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

public class PromptDatasetTests
{
    private const string Good = """{"idx": 0, "context": "110011111", "query": "Count the number of 1s.", "answer": "7"}""";

    [Fact]
    public void ReadsTheReleaseFormatAndRoundTripsTheSyntheticSet()
    {
        var rows = SyntheticDataset.Generate(SyntheticSplit.Smoke, new Rng(5));
        var back = PromptDataset.Parse(new StringReader(PromptDataset.ToJsonl(rows)));
        Assert.Equal(rows.Count, back.Count);
        for (int i = 0; i < rows.Count; i++) Assert.Equal(rows[i].ToString(), back[i].ToString());
        var one = PromptDataset.Parse(new StringReader(Good + "\n\n"));
        Assert.Equal(7, Assert.Single(one).Answer);
    }

    [Theory]
    [InlineData("""{"context": "0120", "query": "Count the number of 1s.", "answer": "1"}""", "field 'context' has the non-binary token '2'")]
    [InlineData("""{"query": "Count the number of 1s.", "answer": "1"}""", "field 'context' is missing")]
    [InlineData("""{"context": "01", "query": "What is the answer?", "answer": "1"}""", "field 'query' is 'What is the answer?', a query the oracle does not know")]
    [InlineData("""{"context": "01", "query": "Is the binary string a palindrome?", "answer": "Maybe"}""", "field 'answer' is 'Maybe'")]
    [InlineData("""{"context": "01", "query": "Compute the parity.", "answer": "2"}""", "field 'answer' is '2'")]
    [InlineData("""{"context": 101, "query": "Compute the parity.", "answer": "0"}""", "field 'context' must be a string")]
    [InlineData("""{"context": "", "query": "Compute the parity.", "answer": "0"}""", "field 'context' has 0 tokens")]
    [InlineData("""{"context": "01",""", "not a JSON object")]
    [InlineData("""[1, 2]""", "not a JSON object")]
    public void AMalformedRowNamesItsLineAndFieldAndNothingIsLoaded(string bad, string expected)
    {
        var text = Good + "\n" + Good + "\n" + bad + "\n" + Good + "\n";
        var e = Assert.Throws<InvalidDataException>(() => PromptDataset.Parse(new StringReader(text), "data.jsonl"));
        Assert.StartsWith("data.jsonl:3: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AnEmptyDatasetIsRejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => PromptDataset.Parse(new StringReader("\n  \n"), "empty.jsonl"));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void AMissingFileIsAClearError()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => PromptDataset.Load(dir["none.jsonl"]));
        Assert.Contains("none.jsonl", e.Message);
    }

    [Fact]
    public void TooLongPromptsAreRejectedWithTheValidRange()
    {
        string context = new('0', PromptDataset.MaxPromptLength + 1);
        var e = Assert.Throws<InvalidDataException>(() => PromptDataset.Parse(new StringReader(
            $$"""{"context": "{{context}}", "query": "Compute the parity.", "answer": "0"}""")));
        Assert.Contains($"1 to {PromptDataset.MaxPromptLength}", e.Message);
    }
}
