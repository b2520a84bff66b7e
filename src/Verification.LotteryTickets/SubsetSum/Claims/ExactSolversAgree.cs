// arXiv 2006.07990 §2 and §4 (spec P7): the closest-subset-sum solvers behind the construction and Experiment 1.
using Verification.Core.Claims;
using Verification.Core.Numerics;

namespace Verification.LotteryTickets.SubsetSum.Claims;

/// <summary>
/// Exact solvers agree: meet-in-the-middle equals brute force (|Δerror| ≤ 1e-12) on random instances with n ≤ 16;
/// CP-SAT (integers scaled by K = 10^6) is within its rounding slack (n+1)/K of brute force; at the paper's n = 21,
/// CP-SAT's ε-mode (the paper's hard |w − a·x| ≤ ε model) finds a subset exactly when meet-in-the-middle's optimum
/// is within the tightened ε, and proves infeasibility when it is above ε; greedy is never better than exact and
/// misses ε = 0.01 more often. Errors are always recomputed from the returned subset.
/// Negative control: meet-in-the-middle with an off-by-one that drops the last coefficient.
/// </summary>
public sealed class ExactSolversAgree : Claim<ExactSolversAgree.Settings>
{
    /// <param name="SmallMaxN">brute force is 2^n: n uniform in 1..SmallMaxN for the small instances</param>
    /// <param name="CpSatMaxN">CP-SAT proving optimality costs ~10 ms at n ≤ 12, seconds at n = 21</param>
    /// <param name="PaperN">the paper's coefficients per weight (Experiment 1)</param>
    /// <param name="AgreementTolerance">absolute, on subset-sum errors (the solvers add the same doubles)</param>
    public sealed record Settings(int SmallInstances, int SmallMaxN, int CpSatInstances, int CpSatMaxN, int PaperSizeInstances,
        int CpSatEpsilonInstances, int PaperN = ExactSolversAgree.PaperN, double Epsilon = ExactSolversAgree.Epsilon,
        double AgreementTolerance = ExactSolversAgree.AgreementTolerance, long CpSatScale = CpSatSubsetSum.DefaultScale) : IClaimSettings<Settings>
    {
        public static Settings For(Scale scale) => scale switch
        {
            Scale.Smoke => new(100, 14, 8, 10, 300, 4),
            Scale.Ci => new(400, 16, 30, 12, 3000, 20),
            _ => new(2000, 18, 200, 14, 100_000, 200),
        };
    }

    public override string Id => "SS.exact-solvers-agree";
    public override PaperRef Paper => PaperRef.SubsetSumLottery;
    public override string Section => "§2 (SubsetSum) and §4, Experiment 1 (one SubsetSum per weight)";
    public override string Statement =>
        "Meet-in-the-middle, CP-SAT and brute force find the same closest subset sum (CP-SAT within its integer-scaling slack), and greedy is never better than exact.";
    public override string NegativeControl => "meet-in-the-middle with an off-by-one that never considers the last coefficient";

    protected override Outcome Check(ClaimContext context, Settings s, Construction construction)
    {
        var solvers = new SolverComparison(construction == Construction.Faithful ? new MeetInTheMiddle() : new DropLastElementSolver(new MeetInTheMiddle()),
            new CpSatSubsetSum(s.CpSatScale));
        var (obs, agree) = (new Observations(), Tolerance.Absolute(s.AgreementTolerance));
        // 1. small n: meet-in-the-middle = brute force
        var small = solvers.Small(context.Rng("small"), s.SmallInstances, s.SmallMaxN);
        obs.ExpectAll("small.mitm-vs-brute.max-abs-error-difference", small.Select(r => (r.Label, Math.Abs(r.Fast - r.Brute), 0.0)), agree);
        context.Report(0.2);
        // 2. CP-SAT (optimising) within its rounding slack (n+1)/K above the optimum, never below it; meet-in-the-middle agrees here too
        var withCp = solvers.WithCpSat(context.Rng("cp-sat"), s.CpSatInstances, s.CpSatMaxN);
        obs.Measure("cp-sat.max-error-minus-optimum", withCp.Aggregate(0.0, (worst, r) => Math.Max(worst, r.CpSat - r.Brute)))
            .ExpectAll("cp-sat.within-rounding-slack", withCp.Select(r => (r.Label, r.CpSat, r.Brute + r.CpSatSlack)), Tolerance.AtMost())
            .ExpectAll("cp-sat.not-below-optimum", withCp.Select(r => (r.Label, r.CpSat, r.Brute)), Tolerance.AtLeast(s.AgreementTolerance))
            .ExpectAll("cp-sat.mitm-vs-brute", withCp.Select(r => (r.Label, r.Fast, r.Brute)), agree);
        context.Report(0.5);
        // 3. n = 21: greedy never better than exact, and misses ε more often
        var paper = solvers.PaperSize(context.Rng("paper-size"), s.PaperSizeInstances, s.PaperN);
        int exactMiss = paper.Count(r => r.Fast > s.Epsilon), greedyMiss = paper.Count(r => r.Greedy > s.Epsilon);
        obs.ExpectAll("n21.greedy-not-better-than-exact", paper.Select(r => (r.Label, r.Greedy, r.Fast)), Tolerance.AtLeast(s.AgreementTolerance))
            .Measure("n21.exact.miss-rate", exactMiss / (double)s.PaperSizeInstances).Measure("n21.greedy.miss-rate", greedyMiss / (double)s.PaperSizeInstances)
            .Measure("n21.exact.median-error", SolverComparison.Median(paper.Select(r => r.Fast)))
            .Measure("n21.greedy.median-error", SolverComparison.Median(paper.Select(r => r.Greedy)))
            .ExpectAtLeast("n21.greedy-minus-exact-misses", greedyMiss - exactMiss, 1);
        context.Report(0.7);
        // 4. n = 21: CP-SAT's ε-mode finds a subset (within ε) or proves there is none, as the exact optimum says
        var within = solvers.EpsilonMode(context.Rng("cp-sat-epsilon"), s.CpSatEpsilonInstances, s.PaperN, s.Epsilon, f => context.Report(0.7 + 0.3 * f));
        obs.ExpectAll("n21.cp-sat-epsilon.status-as-optimum-says", within.Where(r => r.Expected is not null).Select(r => (r.Label, r.Status == r.Expected)))
            .ExpectAll("n21.cp-sat-epsilon.found-subset-error", within.Where(r => r.Found).Select(r => (r.Label, r.Error, s.Epsilon)), Tolerance.AtMost())
            .Measure("n21.cp-sat-epsilon.within-rounding-band", within.Count(r => r.Expected is null))
            .Measure("n21.cp-sat-epsilon.feasible", within.Count(r => r.Found));
        if (construction == Construction.Faithful) obs.Add(SolverFigures.Errors(paper, s.PaperN, s.Epsilon));
        return obs.Conclude($"meet-in-the-middle = brute force on {s.SmallInstances + s.CpSatInstances} instances; CP-SAT within (n+1)/K; " +
                            $"ε-mode agrees at n = {s.PaperN}; greedy never better, misses ε = {s.Epsilon} in {greedyMiss}/{s.PaperSizeInstances} vs exact {exactMiss}");
    }

    public const int PaperN = 21;
    public const double Epsilon = 0.01, AgreementTolerance = 1e-12;
}
