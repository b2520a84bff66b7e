using Verification.Core.Numerics;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Limits;
using Verification.PromptCompression.Oracle;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

public class DistortionTableTests
{
    private static PromptRow Row(string x, BinaryQuery q, int y) => new(x.Select(c => (byte)(c - '0')).ToArray(), q, y);

    private static readonly PromptRow[] Rows =
    [
        Row("01", BinaryQuery.CountOnes, 1),
        Row("01", BinaryQuery.NextBit, 0),
        Row("01", BinaryQuery.NextBit, 0),
        Row("11", BinaryQuery.Parity, 0),
    ];

    [Fact]
    public void AgnosticGroupsAreThePromptsWeightedByRowsAndAveragingTheirQueries()
    {
        var table = DistortionTable.Build(Rows, new OracleBlackBox(2), Loss.ZeroOne, Grouping.QueryAgnostic);
        Assert.Equal(2, table.Problem.Groups.Count);
        var g = table.Problem.Groups[0];
        Assertions.Close(0.75, g.Weight, Tolerance.Rel(1e-15), "P(x = 01)");
        // Candidates of 01: "0", "1", "01". Rows: count-ones y=1, next-bit y=0 twice.
        var d = table.Candidates[0].Zip(g.Distortions).ToDictionary(p => BitString.ToText(p.First), p => p.Second);
        Assert.Equal(1.0 / 3, d["0"], 15);   // count wrong (0), next bit right (0) ×2
        Assert.Equal(2.0 / 3, d["1"], 15);   // count right, next bit wrong ×2
        Assert.Equal(2.0 / 3, d["01"], 15);  // count right, last bit 1 ≠ 0 ×2
        Assert.Equal([0.5, 0.5, 1.0], table.Candidates[0].Select(m => BitString.Length(m) / 2.0));
    }

    [Fact]
    public void AwareGroupsArePromptQueryPairs()
    {
        var table = DistortionTable.Build(Rows, new OracleBlackBox(2), Loss.ZeroOne, Grouping.QueryAware);
        Assert.Equal(3, table.Problem.Groups.Count);
        Assert.Equal([0.25, 0.5, 0.25], table.Problem.Groups.Select(g => g.Weight));
        Assert.Equal(BinaryQuery.NextBit, table.Queries[1]);
        Assert.Equal([0.0, 1.0, 1.0], table.Problem.Groups[1].Distortions);   // "0", "1", "01": last bit vs y = 0
    }

    [Fact]
    public void TheValidationTableHasTheSpecSizeAndCountsItsEvaluations()
    {
        var rows = SyntheticDataset.Generate(SyntheticSplit.Validation, Verification.Core.Seeding.Rng.For(1, "pc.validation"));
        var table = DistortionTable.Build(rows, OracleBlackBox.For(rows), Loss.Log, Grouping.QueryAware);
        Assert.True(table.Problem.Columns > 5_000, $"{table.Problem.Columns} columns");
        Assert.True(table.Evaluations >= table.Problem.Columns);
        Assert.Equal(rows.Average(r => 1.0 / r.Length), table.Problem.MinimumRate, 12);
    }

    [Fact]
    public void AnEmptyDatasetIsRejected() =>
        Assert.Throws<ArgumentException>(() => DistortionTable.Build([], new OracleBlackBox(2), Loss.Log, Grouping.QueryAware));
}
