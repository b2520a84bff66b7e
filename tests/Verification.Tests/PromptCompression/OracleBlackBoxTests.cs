using Verification.Core.Numerics;
using Verification.PromptCompression.Data;
using Verification.PromptCompression.Oracle;
using Verification.Tests.Support;

namespace Verification.Tests.PromptCompression;

public class OracleBlackBoxTests
{
    private static int Key(string bits) => BitString.FromBits(bits.Select(c => (byte)(c - '0')).ToArray());

    [Theory]
    [InlineData("0110100", BinaryQuery.CountOnes, 3)]
    [InlineData("0110100", BinaryQuery.CountZeros, 4)]
    [InlineData("0110100", BinaryQuery.Parity, 1)]
    [InlineData("0111001", BinaryQuery.LongestRun, 3)]
    [InlineData("0110", BinaryQuery.Palindrome, 1)]
    [InlineData("0111", BinaryQuery.Palindrome, 0)]
    [InlineData("0", BinaryQuery.Palindrome, 1)]
    [InlineData("0110100", BinaryQuery.Transitions, 4)]
    [InlineData("1", BinaryQuery.Transitions, 0)]
    [InlineData("0110100", BinaryQuery.NextBit, 0)]
    [InlineData("0110101", BinaryQuery.NextBit, 1)]
    public void AnswersAreTheQueryOfTheCompressedString(string m, BinaryQuery q, int expected) =>
        Assert.Equal(expected, q.Answer(Key(m)));

    [Fact]
    public void LogLossIsMinusLogOfOneMinusEpsilonPlusSpreadWhenRightAndOfTheSpreadWhenWrong()
    {
        var phi = new OracleBlackBox(maxAnswer: 10, epsilon: 0.01);
        var exact = Tolerance.Rel(1e-14);
        Assertions.Close(-Math.Log(0.99 + 0.01 / 11), Distortion.Of(phi, Loss.Log, Key("0110"), BinaryQuery.CountOnes, 2), exact, "right count");
        Assertions.Close(-Math.Log(0.01 / 11), Distortion.Of(phi, Loss.Log, Key("0110"), BinaryQuery.CountOnes, 3), exact, "wrong count");
        Assertions.Close(-Math.Log(0.005), Distortion.Of(phi, Loss.Log, Key("0110"), BinaryQuery.Parity, 1), exact, "wrong parity");
        Assert.Equal(0, Distortion.Of(phi, Loss.ZeroOne, Key("0110"), BinaryQuery.Palindrome, 1));
        Assert.Equal(1, Distortion.Of(phi, Loss.ZeroOne, Key("0111"), BinaryQuery.Palindrome, 1));
    }

    [Fact]
    public void ProbabilitiesSumToOneOverEachAlphabet()
    {
        var phi = new OracleBlackBox(maxAnswer: 10);
        foreach (var q in BinaryQueries.All)
        {
            double total = Enumerable.Range(0, phi.AlphabetSize(q)).Sum(y => phi.Probability(Key("01101"), q, y));
            Assertions.Close(1, total, Tolerance.Rel(1e-14), q.ToString());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void EpsilonOutsideTheOpenUnitIntervalIsRejected(double epsilon)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OracleBlackBox(10, epsilon));
        Assert.Equal("epsilon", e.ParamName);
    }
}
