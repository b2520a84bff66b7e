using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.PromptCompression.Claims;
using Verification.PromptCompression.Limits;

namespace Verification.Properties;

/// <summary>
/// The distortion-rate LP's theorems (spec prompt-compression.md §7) as FsCheck properties over generated instances.
/// The negative controls live in the registered claims (PC.*), where each is refuted.
/// </summary>
[Properties(Arbitrary = [typeof(PromptCompressionArbitraries)], MaxTest = 150, Replay = PropertySeed.Replay)]
public class PromptCompressionProperties
{
    private static readonly double[] Grid = Enumerable.Range(0, 25).Select(k => k / 24.0).ToArray();

    private static bool Same(double a, double b, double rel) =>
        (double.IsPositiveInfinity(a) && double.IsPositiveInfinity(b)) || Math.Abs(a - b) <= rel * Math.Max(1, Math.Abs(b));

    [Property(MaxTest = 60)]
    public Property DualEqualsPrimalAboveMinimumRateAndPrimalIsInfeasibleBelow(RdInstance instance)
    {
        var problem = instance.Problem();
        var curve = DualDistortionRate.Compute(problem);
        var failures = new List<string>();
        foreach (double r in Grid)
        {
            var status = DistortionRateLp.TrySolve(problem, r, out var lp);
            double dual = curve.Evaluate(r);
            if (r < curve.MinimumRate - 1e-9)
            {
                if (status != LpStatus.Infeasible) failures.Add($"R={r}: {status} below R0={curve.MinimumRate}");
            }
            else if (r > curve.MinimumRate + 1e-9)
            {
                if (status != LpStatus.Optimal) failures.Add($"R={r}: {status}");
                else if (!Same(lp!.Value, dual, 1e-6)) failures.Add($"R={r}: primal {lp.Value} vs dual {dual}");
                else if (dual > curve.SaturationDistortion + 1e-9 && Math.Abs(lp.AchievedRate - r) > 1e-7) failures.Add($"R={r}: rate row slack");
            }
        }
        return (failures.Count == 0).Label(string.Join("; ", failures))
            .Classify(curve.MinimumRate > 0.5, "R0 > 1/2")
            .Classify(problem.Groups.Count == 1, "one group");
    }

    [Property]
    public Property DualObjectiveIsAtMostTheLimitForEveryLambda(RdInstance instance, PositiveInt lambdaTenths, byte rateIndex)
    {
        var problem = instance.Problem();
        var curve = DualDistortionRate.Compute(problem);
        double rate = Grid[rateIndex % Grid.Length];
        double lambda = (lambdaTenths.Get % 1000) / 10.0;
        double g = DualDistortionRate.DualObjective(problem, lambda, rate);
        double atSlope = DualDistortionRate.DualObjective(problem, Math.Min(curve.DualSlope(rate), 1e12), rate);
        bool feasible = rate >= curve.MinimumRate;
        return (g <= curve.Evaluate(rate) + 1e-9).Label($"g({lambda}) = {g} > D*({rate}) = {curve.Evaluate(rate)}")
            .And((!feasible || Same(atSlope, curve.Evaluate(rate), 1e-9)).Label($"g(λ*) = {atSlope} ≠ D* = {curve.Evaluate(rate)}"))
            .Classify(!feasible, "R < R0");
    }

    [Property(MaxTest = 300)]
    public Property DualEqualsBruteForceOverDeterministicPoliciesOnTinyInstances(TinyRdInstance instance)
    {
        var problem = instance.Problem();
        var curve = DualDistortionRate.Compute(problem);
        var bad = Grid.Where(r => !Same(DeterministicPolicyEnvelope.Evaluate(problem, r), curve.Evaluate(r), 1e-12)).ToArray();
        return (bad.Length == 0).Label($"differs at R = {string.Join(", ", bad)}");
    }

    [Property]
    public Property LimitIsFiniteNonIncreasingAndConvexAboveMinimumRate(RdInstance instance)
    {
        var curve = DualDistortionRate.Compute(instance.Problem());
        double r0 = curve.MinimumRate;
        var d = Enumerable.Range(0, 101).Select(k => curve.Evaluate(Math.Min(1, r0 + (1 - r0) * k / 100.0))).ToArray();
        bool finite = d.All(double.IsFinite);
        bool nonIncreasing = d.Zip(d.Skip(1)).All(p => p.Second <= p.First + 1e-12);
        bool convex = Enumerable.Range(1, d.Length - 2).All(k => d[k + 1] - 2 * d[k] + d[k - 1] >= -1e-12);
        return finite.Label("finite").And(nonIncreasing.Label("non-increasing")).And(convex.Label("convex"));
    }

    [Property]
    public Property EndpointsAreTheMinimumRateAndTheSaturationDistortion(RdInstance instance)
    {
        var problem = instance.Problem();
        var curve = DualDistortionRate.Compute(problem);
        double dAtR0 = problem.Groups.Sum(g => g.Weight * Enumerable.Range(0, g.Count).Where(m => g.Rates[m] == g.Rates.Min()).Min(m => g.Distortions[m]));
        return Same(curve.MinimumRate, problem.MinimumRate, 1e-12).Label("R0 = Σ P(u) min rate")
            .And(Same(curve.Evaluate(curve.MinimumRate), dAtR0, 1e-12).Label($"D*(R0) = {curve.Evaluate(curve.MinimumRate)} vs {dAtR0}"))
            .And(Same(curve.Evaluate(1), problem.SaturationDistortion, 1e-12).Label("D*(1) = Σ P(u) min D"))
            .And(double.IsPositiveInfinity(curve.Evaluate(Math.Max(0, curve.MinimumRate - 1e-3))) || curve.MinimumRate < 1e-3).Label("+∞ below R0");
    }

    [Property]
    public Property PolicyAtAnyFeasibleRateIsBasicAndOptimal(RdInstance instance, byte rateIndex)
    {
        var problem = instance.Problem();
        var curve = DualDistortionRate.Compute(problem);
        double rate = Math.Max(Grid[rateIndex % Grid.Length], curve.MinimumRate);
        var policy = curve.PolicyAt(rate);
        int split = policy.Count(p => p.Support.Count > 1);
        double value = 0, achieved = 0, mass = 0;
        for (int u = 0; u < policy.Count; u++)
        {
            var g = problem.Groups[u];
            foreach (var (m, p) in policy[u].Support)
            {
                value += g.Weight * p * g.Distortions[m];
                achieved += g.Weight * p * g.Rates[m];
                mass += g.Weight * p;
            }
        }
        return (split <= 1).Label($"{split} groups split")
            .And(Same(value, curve.Evaluate(rate), 1e-9).Label($"policy value {value} vs D* {curve.Evaluate(rate)}"))
            .And((achieved <= rate + 1e-9).Label($"policy rate {achieved} > R {rate}"))
            .And(Same(mass, 1, 1e-12).Label("probabilities sum to 1"))
            .Classify(split == 1, "one split group");
    }

    [Property]
    public Property QueryAwareLimitIsAtMostAgnosticWithEqualityForASingleQuery(QueryInstance instance)
    {
        var aware = DualDistortionRate.Compute(instance.Aware());
        var agnostic = DualDistortionRate.Compute(instance.Agnostic());
        bool below = Grid.All(r => !(aware.Evaluate(r) > agnostic.Evaluate(r) + 1e-12));
        bool single = Enumerable.Range(0, instance.Queries).Where(q => instance.QueryWeight(q) > 0).All(q =>
        {
            var a = DualDistortionRate.Compute(instance.Aware(q));
            var b = DualDistortionRate.Compute(instance.Agnostic(q));
            return Grid.All(r => Same(a.Evaluate(r), b.Evaluate(r), 1e-12));
        });
        return below.Label("aware ≤ agnostic").And(single.Label("equality per single query"))
            .Classify(instance.Queries == 1, "one query");
    }

    [Property]
    public Property QueryAwareLimitIsTheInfimalConvolutionOfPerQueryLimits(QueryInstance instance)
    {
        var aware = DualDistortionRate.Compute(instance.Aware());
        var parts = Enumerable.Range(0, instance.Queries).Where(q => instance.QueryWeight(q) > 0)
            .Select(q => (instance.QueryWeight(q), DualDistortionRate.Compute(instance.Aware(q)))).ToArray();
        var merged = DistortionRateCurve.InfimalConvolution(parts);
        var bad = Grid.Where(r => !Same(aware.Evaluate(r), merged.Evaluate(r), 1e-9)).ToArray();
        bool belowAverage = Grid.All(r => !(merged.Evaluate(r) > parts.Sum(p => p.Item1 * p.Item2.Evaluate(r)) + 1e-12));
        return (bad.Length == 0).Label($"differs at R = {string.Join(", ", bad)}")
            .And(belowAverage.Label("inf-convolution ≤ Σ P(q) D*_q(R)"));
    }

    [Property]
    public Property EnlargingTheCandidateSetNeverRaisesTheLimit(RdInstance instance, TinyRdInstance extra)
    {
        var before = DualDistortionRate.Compute(instance.Problem());
        // Add the extra instance's first group's candidates to every group (same rates grid k/n ≤ 1).
        var add = extra.Groups[0];
        var enlarged = new RdInstance(instance.Groups.Select(g => g with
        {
            Kept = [.. g.Kept, .. add.Kept.Select(k => Math.Max(1, k * g.Length / add.Length))],
            Eighths = [.. g.Eighths, .. add.Eighths],
        }).ToArray());
        var after = DualDistortionRate.Compute(enlarged.Problem());
        return Grid.All(r => !(after.Evaluate(r) > before.Evaluate(r) + 1e-12)).Label("enlarged D* ≤ original D*");
    }

    [Property]
    public Property LimitIsInvariantToDuplicationAndPermutationAndEquivariantToScalingAndShifts(RdInstance instance, PositiveInt scale, byte shiftEighths)
    {
        var problem = instance.Problem();
        var curve = DualDistortionRate.Compute(problem);
        var duplicated = DualDistortionRate.Compute(new RdInstance([.. instance.Groups, .. instance.Groups]).Problem());
        var permuted = DualDistortionRate.Compute(new RdInstance(instance.Groups.Reverse().ToArray()).Problem());
        double c = 1 + scale.Get % 7;
        var scaled = DualDistortionRate.Compute(new RateDistortionProblem(problem.Groups.Select(g => g with { Distortions = g.Distortions.Select(d => c * d).ToArray() }).ToArray()));
        double k = shiftEighths / 8.0;
        var shifted = DualDistortionRate.Compute(new RateDistortionProblem(problem.Groups.Select((g, u) => u == 0 ? g with { Distortions = g.Distortions.Select(d => d + k).ToArray() } : g).ToArray()));
        double w0 = problem.Groups[0].Weight;
        return Grid.All(r => Same(duplicated.Evaluate(r), curve.Evaluate(r), 1e-9)).Label("duplicating rows")
            .And(Grid.All(r => Same(permuted.Evaluate(r), curve.Evaluate(r), 1e-9)).Label("permuting groups"))
            .And(Grid.All(r => Same(scaled.Evaluate(r), c * curve.Evaluate(r), 1e-9)).Label($"scaling by {c}"))
            .And(Grid.All(r => Same(shifted.Evaluate(r), curve.Evaluate(r) + w0 * k, 1e-9)).Label($"shifting group 0 by {k}"));
    }

    [Property(MaxTest = 40)]
    public Property LpOverAllCandidatesEqualsLpOverPerRateMinima(RdInstance instance, byte rateIndex)
    {
        var problem = instance.Problem();
        double rate = Math.Max(Grid[rateIndex % Grid.Length], problem.MinimumRate + 1e-6);
        if (rate > 1) rate = 1;
        var full = DistortionRateLp.TrySolve(problem, rate, out var a);
        var pruned = DistortionRateLp.TrySolve(problem.PerRateMinima(), rate, out var b);
        return (full == LpStatus.Optimal && pruned == LpStatus.Optimal && Same(a!.Value, b!.Value, 1e-6))
            .Label($"full {full} {a?.Value} vs pruned {pruned} {b?.Value}");
    }
}
