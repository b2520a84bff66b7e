using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core.Information;
using Verification.Core.Markov;
using Verification.Core.Markov.Claims;
using Verification.Core.Seeding;

namespace Verification.Properties;

/// <summary>
/// The Markov machinery's theorems (spec attention-with-markov.md §1) as FsCheck properties over (p, q).
/// Each has its negative control among the registered claims (MC.*), refuted there.
/// </summary>
[Properties(Arbitrary = [typeof(MarkovArbitraries)], MaxTest = 300, Replay = PropertySeed.Replay)]
public class MarkovProperties
{
    [Property]
    public Property StationaryDistributionIsInvariantUnderTheKernel(SwitchingProbabilities s)
    {
        var c = new BinaryMarkovChain(s.P, s.Q);
        double next1 = c.Pi0 * c.Kernel(0, 1) + c.Pi1 * c.Kernel(1, 1);
        return (Math.Abs(next1 - c.Pi1) <= 1e-12).Label($"(πP)_1 = {next1} vs π1 = {c.Pi1}")
            .And((Math.Abs(c.Pi0 + c.Pi1 - 1) <= 1e-15).Label("π sums to 1"));
    }

    [Property]
    public Property EntropyRateIsAtMostStationaryEntropyWithEqualityExactlyWhenSwitchingFactorIsOne(SwitchingProbabilities s)
    {
        var c = new BinaryMarkovChain(s.P, s.Q);
        double gap = c.StationaryEntropy - c.EntropyRate;
        bool onLine = Math.Abs(s.P + s.Q - 1) < 1e-12;
        return (gap >= -1e-12).Label($"H(π) − rate = {gap} ≥ 0")
            .And((onLine ? Math.Abs(gap) <= 1e-12 : gap > 1e-12).Label(onLine ? $"equality on p+q=1: gap {gap}" : $"strict off p+q=1: gap {gap}"))
            .Classify(onLine, "p + q = 1")
            .Classify(s.P + s.Q > 1, "p + q > 1");
    }

    [Property(MaxTest = 25)]
    public Property PlugInEntropyRateOfALongChainApproachesTheFormula(SwitchingProbabilities s)
    {
        var c = new BinaryMarkovChain(s.P, s.Q);
        const int n = 200_000;
        double estimate = Entropy.PlugInConditional(c.Sample(n, new Rng(Seeds.Derive(11, s.ToString()))));
        double tol = PlugInEntropyRateConverges.ToleranceFor(c, n);
        return (Math.Abs(estimate - c.EntropyRate) <= tol)
            .Label($"plug-in {estimate} vs rate {c.EntropyRate}, tolerance {tol}")
            .When(Math.Abs(1 - s.P - s.Q) < 0.98);   // near-periodic or near-frozen chains mix too slowly for n
    }
}
