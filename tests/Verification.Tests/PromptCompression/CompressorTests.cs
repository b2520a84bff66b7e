using Verification.Core.Seeding;
using Verification.PromptCompression.Compressors;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Oracle;

namespace Verification.Tests.PromptCompression;

public class CompressorTests
{
    private static byte[] Bits(string s) => s.Select(c => (byte)(c - '0')).ToArray();

    public static TheoryData<BinaryQuery> DeterministicQueries() => new(BinaryQueries.All.Where(q => q != BinaryQuery.NextBit));

    [Theory]
    [MemberData(nameof(DeterministicQueries))]
    public void IdealQueryLabelsKeepTheAnswerOfEveryPromptUpToLength10(BinaryQuery q)
    {
        for (int n = 1; n <= 10; n++)
        {
            for (int bits = 0; bits < 1 << n; bits++)
            {
                var x = BitString.ToBits((1 << n) | bits);
                var kept = Enumerable.Range(0, n).Where(t => IdealLabels.ForQuery(x, q)[t]).ToArray();
                if (kept.Length == 0) kept = [n - 1];   // Adaptive QuerySelect's fallback
                Assert.Equal(q.Answer(BitString.FromBits(x)), q.Answer(BitString.Subsequence(x, kept)));
            }
        }
    }

    [Fact]
    public void AgnosticLabelsAreTheFirstBitOfEveryRun() =>
        Assert.Equal([true, false, true, false, false, true], IdealLabels.Agnostic(Bits("001110")));

    [Fact]
    public void SelectiveContextKeepsTransitionsFirstAndEverythingAtRatioOne()
    {
        var sc = new SelectiveContext();
        Assert.Equal([2, 5], sc.Compress(Bits("001110"), BinaryQuery.CountOnes, 0.2));
        Assert.Equal(Enumerable.Range(0, 6), sc.Compress(Bits("001110"), BinaryQuery.CountOnes, 1.0));
    }

    [Fact]
    public void LlmLinguaConditionsOnTheLastKeptBit()
    {
        // Ratio 0.4: the 60th percentile of (ln 2, −ln 0.9 ×3, −ln 0.1 ×2) is ln 2, so the first bit and each switch
        // relative to the last kept bit are kept.
        Assert.Equal([0, 2, 5], new LlmLingua().Compress(Bits("001110"), BinaryQuery.CountOnes, 0.4));
    }

    [Fact]
    public void TopKKeepsRoundedRatioTokensInOrder()
    {
        var qs = TopKClassifierCompressor.QuerySelectIdeal();
        Assert.Equal([2, 3], qs.Compress(Bits("001110"), BinaryQuery.CountOnes, 0.3));   // k = round(1.8) = 2
        Assert.Single(qs.Compress(Bits("001110"), BinaryQuery.CountOnes, 0.04));
    }

    [Fact]
    public void AdaptiveQuerySelectFallsBackToTheLastToken()
    {
        Assert.Equal([5], AdaptiveQuerySelect.Ideal().Compress(Bits("001110"), BinaryQuery.CountOnes, 1.0));
        Assert.Equal([2, 3, 4], AdaptiveQuerySelect.Ideal().Compress(Bits("001110"), BinaryQuery.CountOnes, 0.5));
    }

    [Fact]
    public void EveryMethodKeepsAtLeastOneTokenAndAgnosticOnesIgnoreTheQuery()
    {
        var rows = SyntheticDataset.Generate(SyntheticSplit.Smoke, new Rng(2));
        foreach (var m in CompressorEvaluation.StandardMethods())
        {
            foreach (var row in rows)
            {
                foreach (double knob in m.Knobs)
                {
                    var kept = m.Compress(row.Context, row.Query, knob);
                    Assert.NotEmpty(kept);
                    Assert.Equal(kept.Order(), kept);
                    if (!m.QueryAware) Assert.Equal(kept, m.Compress(row.Context, BinaryQuery.NextBit, knob));
                }
            }
        }
    }

    [Fact]
    public void PointsUseTheRealizedRate()
    {
        var rows = SyntheticDataset.Generate(SyntheticSplit.Smoke, new Rng(2));
        var points = CompressorEvaluation.Evaluate(new SelectiveContext(), rows, OracleBlackBox.For(rows), Loss.ZeroOne);
        var atOne = points.Single(p => p.Knob == 1.0);
        Assert.Equal(1.0, atOne.Rate, 12);
        Assert.True(points.Single(p => p.Knob == 0.04).Rate > 0.1, "ties on binary data keep more than 4%");
    }
}
