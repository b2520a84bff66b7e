using Verification.Core.Numerics;
using Verification.Core.Seeding;
using Verification.PromptCompression.Data;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

public class SyntheticDatasetTests
{
    private static IReadOnlyList<PromptRow> Validation(int seed = 1) => SyntheticDataset.Generate(SyntheticSplit.Validation, Rng.For(seed, "test"));

    [Fact]
    public void ValidationSplitHas200RowsPerQueryWithLengths4To10()
    {
        var rows = Validation();
        Assert.Equal(1400, rows.Count);
        foreach (var q in BinaryQueries.All) Assert.Equal(200, rows.Count(r => r.Query == q));
        Assert.All(rows, r => Assert.InRange(r.Length, 4, 10));
        Assert.Equal(4, rows.Min(r => r.Length));
        Assert.Equal(10, rows.Max(r => r.Length));
    }

    [Fact]
    public void SameSeedGivesTheSameRowsAndAnotherSeedDiffers()
    {
        Assert.Equal(PromptDataset.ToJsonl(Validation(3)), PromptDataset.ToJsonl(Validation(3)));
        Assert.NotEqual(PromptDataset.ToJsonl(Validation(3)), PromptDataset.ToJsonl(Validation(4)));
    }

    [Fact]
    public void PromptsFollowTheChainWithSwitchProbabilityOneTenthAndAUniformFirstBit()
    {
        var rows = SyntheticDataset.Generate(SyntheticSplit.Train, Rng.For(1, "train")).Where(r => r.Query != BinaryQuery.Palindrome).ToArray();
        long switches = 0, pairs = 0;
        foreach (var r in rows)
            for (int t = 1; t < r.Length; t++)
            {
                pairs++;
                if (r.Context[t] != r.Context[t - 1]) switches++;
            }
        // ≈ 200k pairs: the standard error of the switch frequency is ≈ 7e-4; 5e-3 is > 7 standard errors.
        Assertions.Close(0.1, switches / (double)pairs, Tolerance.Abs(5e-3), "switch frequency");
        Assertions.Close(0.5, rows.Average(r => (double)r.Context[0]), Tolerance.Abs(0.02), "P(first bit = 1)");
    }

    [Fact]
    public void AnswersAreTheQueryOfThePromptExceptTheSampledNextBit()
    {
        var rows = Validation();
        foreach (var r in rows.Where(r => r.Query != BinaryQuery.NextBit)) Assert.Equal(r.Query.Answer(r.Key), r.Answer);
        var next = rows.Where(r => r.Query == BinaryQuery.NextBit).ToArray();
        double persistence = next.Average(r => r.Answer == r.Context[^1] ? 1.0 : 0.0);
        Assert.InRange(persistence, 0.8, 0.97);   // P = 0.9 on 200 rows: ± 3 standard errors ≈ ± 0.064
    }

    [Fact]
    public void AboutHalfOfThePalindromePromptsArePalindromes()
    {
        var rows = Validation().Where(r => r.Query == BinaryQuery.Palindrome).ToArray();
        double yes = rows.Average(r => r.Answer);
        // 50% forced, plus chance palindromes among the others (frequent: the chain is persistent, e.g. 0000).
        Assert.InRange(yes, 0.55, 0.95);
        Assert.All(rows.Where(r => r.Length % 2 == 1), r => Assert.True(r.Answer == 0 || r.Context.SequenceEqual(r.Context.Reverse())));
    }

    [Theory]
    [InlineData(0, 4, 10)]
    [InlineData(10, 1, 10)]
    [InlineData(10, 8, 4)]
    [InlineData(10, 4, 65)]
    public void BadSplitsAreRejected(int rows, int min, int max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticDataset.Generate(new SyntheticSplit(rows, min, max), new Rng(1)));
}
