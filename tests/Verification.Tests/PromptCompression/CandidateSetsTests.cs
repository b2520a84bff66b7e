using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;

namespace Verification.Tests.PromptCompression;

public class CandidateSetsTests
{
    private static int Key(string bits) => BitString.FromBits(bits.Select(c => (byte)(c - '0')).ToArray());

    [Fact]
    public void SubsequencesAreDistinctNonEmptyAndIncludeThePrompt()
    {
        var c = CandidateSets.Of(Key("0101"), CandidateKind.Subsequences).Select(BitString.ToText).ToHashSet();
        // Distinct non-empty subsequences of 0101: 0 1 | 00 01 10 11 | 001 010 011 101 | 0101 = 11.
        Assert.Equal(["0", "1", "00", "01", "10", "11", "001", "010", "011", "101", "0101"], c.OrderBy(s => s.Length).ThenBy(s => s));
        Assert.Single(CandidateSets.Of(Key("1"), CandidateKind.Subsequences));
        Assert.Equal(4, CandidateSets.Of(Key("0000"), CandidateKind.Subsequences).Length);
    }

    [Fact]
    public void AllShorterHasEveryStringOfLength1ToNMinus1PlusThePrompt()
    {
        var c = CandidateSets.Of(Key("0110"), CandidateKind.AllShorter);
        Assert.Equal((1 << 4) - 2 + 1, c.Length);
        Assert.Contains(Key("0110"), c);
        Assert.DoesNotContain(Key("1111"), c);
        Assert.All(c, m => Assert.InRange(BitString.Length(m), 1, 4));
        Assert.Superset(CandidateSets.Of(Key("0110"), CandidateKind.Subsequences).ToHashSet(), c.ToHashSet());
    }

    [Fact]
    public void TooLongPromptsForAllShorterAreRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CandidateSets.Of(Key(new string('1', 17)), CandidateKind.AllShorter));
        Assert.Contains("at most 16", e.Message);
    }

    [Theory]
    [InlineData("subsequences", true)]
    [InlineData("all-shorter", true)]
    [InlineData("all", false)]
    public void KindsParseFromTheirCliNames(string text, bool ok) => Assert.Equal(ok, CandidateSets.TryParse(text, out _));
}
