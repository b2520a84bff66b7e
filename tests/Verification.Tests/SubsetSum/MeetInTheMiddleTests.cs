using Verification.Core.Seeding;
using Verification.LotteryTickets.SubsetSum;

namespace Verification.Tests.SubsetSum;

/// <summary>
/// The meet-in-the-middle solver (arXiv 2006.07990 §4, one instance per weight) down to the subset it returns: the
/// same mask as a plain reference (half sums sorted by sum then mask, one two-pointer chain, first closest pair), on
/// instances full of ties, with one solver reused across sizes, and at the ends of the reachable range.
/// </summary>
public class MeetInTheMiddleTests
{
    /// <summary>Sums accumulated in index order, as the solver's merges do, so that equal sums are equal bit for bit.</summary>
    private static (double Sum, ulong Mask)[] SortedHalf(double[] a, int from, int to) =>
        Enumerable.Range(0, 1 << (to - from)).Select(m =>
        {
            double s = 0;
            for (int k = 0; k < to - from; k++)
                if ((m >> k & 1) != 0) s += a[from + k];
            return (s, (ulong)m);
        }).OrderBy(t => t.s).ThenBy(t => t.Item2).ToArray();

    private static ulong ReferenceMask(double[] a, double z)
    {
        int h = a.Length / 2;
        var left = SortedHalf(a, 0, h);
        var right = SortedHalf(a, h, a.Length);
        double best = double.PositiveInfinity;
        int bestI = 0, bestJ = 0, i = 0, j = right.Length - 1;
        while (i < left.Length && j >= 0)
        {
            double s = left[i].Sum + right[j].Sum;
            if (Math.Abs(z - s) < best) (best, bestI, bestJ) = (Math.Abs(z - s), i, j);
            if (s < z) i++;
            else j--;
        }
        return left[bestI].Mask | right[bestJ].Mask << h;
    }

    [Fact]
    public void ReturnsTheSameSubsetAsTheReferenceEvenAmongTies()
    {
        var rng = new Rng(2020);
        var mitm = new MeetInTheMiddle();
        for (int t = 0; t < 1500; t++)
        {
            int n = rng.NextInt(15);
            bool ties = t % 3 != 0;   // two in three: small integers, so many subsets share a sum and many hit z exactly
            var a = Enumerable.Range(0, n).Select(_ => ties ? rng.NextInt(7) - 3.0 : rng.Uniform(-1, 1)).ToArray();
            double z = ties ? (rng.NextInt(31) - 15) / 2.0 : rng.Uniform(-3, 3);
            var s = mitm.Solve(a, z);
            Assert.True(ReferenceMask(a, z) == s.Mask,
                $"instance {t}: n = {n}, z = {z}, a = [{string.Join(", ", a)}]: mask {s.Mask:x} vs reference {ReferenceMask(a, z):x}");
        }
    }

    [Fact]
    public void OneSolverReusedAcrossSizesAnswersLikeAFreshOne()
    {
        var rng = new Rng(77);
        var reused = new MeetInTheMiddle();
        foreach (int n in new[] { 40, 3, 21, 0, 1, 2, 17, 40, 5, 22, 9 })
        {
            var a = Enumerable.Range(0, n).Select(_ => rng.Uniform(-1, 1)).ToArray();
            double z = rng.Uniform(-2, 2);
            var fresh = new MeetInTheMiddle().Solve(a, z);
            var again = reused.Solve(a, z);
            Assert.True(fresh.Mask == again.Mask, $"n = {n}: reused solver mask {again.Mask:x} vs fresh {fresh.Mask:x}");
            if (n <= 16) Assert.Equal(new BruteForceSubsetSum().Solve(a, z).Error, again.Error, 12);
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(21)]
    public void TargetsBeyondEveryReachableSumGetTheExtremeSubsets(int n)
    {
        var rng = new Rng(n);
        var a = Enumerable.Range(0, n).Select(_ => rng.Uniform(-1, 1)).ToArray();
        ulong positives = 0, negatives = 0;
        for (int i = 0; i < n; i++)
            if (a[i] > 0) positives |= 1UL << i;
            else negatives |= 1UL << i;
        var mitm = new MeetInTheMiddle();
        Assert.Equal(positives, mitm.Solve(a, 100).Mask);
        Assert.Equal(negatives, mitm.Solve(a, -100).Mask);
        Assert.Equal(0UL, mitm.Solve(a.Select(Math.Abs).ToArray(), -100).Mask);
        Assert.Equal((1UL << n) - 1, mitm.Solve(a.Select(Math.Abs).ToArray(), 100).Mask);
    }

    [Fact]
    public void AnExactHitInEitherHalfOfTheScanIsFound()
    {
        // n = 10: 32 left sums, 32 right sums; targets hit by subsets whose left part is small, middling or large
        var a = new[] { 1.0, 2, 4, 8, 16, 32, 64, 128, 256, 512 };
        var mitm = new MeetInTheMiddle();
        foreach (int target in new[] { 0, 1, 31, 32, 33, 500, 991, 1023 })
        {
            var s = mitm.Solve(a, target);
            Assert.Equal((ulong)target, s.Mask);
            Assert.Equal(0, s.Error);
        }
        Assert.Equal(1023UL, mitm.Solve(a, 1023.4).Mask);
        Assert.Equal(0UL, mitm.Solve(a, -0.4).Mask);
        Assert.Equal(512UL, mitm.Solve(a, 511.6).Mask);   // 512 beats 511 by 0.2
    }

    [Fact]
    public void DescribesItselfAsAnExactSolverForFortyTerms()
    {
        var mitm = new MeetInTheMiddle();
        Assert.Equal("meet-in-the-middle", mitm.Name);
        Assert.True(mitm.IsExact);
        Assert.Equal(40, mitm.MaxTerms);
        Assert.Equal(MeetInTheMiddle.Limit, mitm.MaxTerms);
    }
}
