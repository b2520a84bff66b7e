// Pensia, Rajput, Nagle, Vishwakarma, Papailiopoulos, "Optimal Lottery Tickets via SubsetSum" (arXiv 2006.07990),
// §2 (the SubsetSum problem behind Lemma 1, after Lueker 1998): the subset of coefficients whose sum is closest to z.
using System.Numerics;

namespace Verification.LotteryTickets.SubsetSum;

/// <summary>
/// How a solve ended. <see cref="Optimal"/> (closest subset proven) and <see cref="Feasible"/> (a subset within the ε
/// asked for, ε-mode only) carry a solution; <see cref="Infeasible"/> is a proof that no subset is within ε;
/// <see cref="NotOptimal"/> means a limit was hit before a proof.
/// </summary>
public enum SubsetSumStatus { Optimal, Feasible, Infeasible, NotOptimal, TooLarge }

/// <summary>Thrown by <see cref="SubsetSumSolver.Solve"/> when the solver cannot return a proven closest subset.</summary>
public sealed class SubsetSumException(SubsetSumStatus status, string message) : Exception(message)
{
    public SubsetSumStatus Status { get; } = status;
}

/// <summary>
/// A subset of the coefficients, as a bit mask over their indices. <see cref="Sum"/> is recomputed from the mask and
/// the coefficients (never taken from the solver's own arithmetic), so a wrong mask cannot hide behind a right number.
/// </summary>
public sealed class SubsetSumSolution
{
    public SubsetSumSolution(IReadOnlyList<double> coefficients, double target, ulong mask)
    {
        if (coefficients.Count < 64 && mask >> coefficients.Count != 0)
            throw new ArgumentException($"mask selects an index ≥ n = {coefficients.Count}", nameof(mask));
        Target = target;
        Mask = mask;
        double s = 0;
        for (int i = 0; i < coefficients.Count; i++)
            if ((mask >> i & 1) != 0) s += coefficients[i];
        Sum = s;
    }

    public double Target { get; }
    public ulong Mask { get; }
    public double Sum { get; }
    public double Error => Math.Abs(Target - Sum);
    public int Kept => BitOperations.PopCount(Mask);
    public bool Contains(int i) => (Mask >> i & 1) != 0;
}

/// <summary>
/// A solver for "the subset of a_1..a_n whose sum is closest to z". Solvers come in pairs: <see cref="Solve"/> throws a
/// typed exception, <see cref="TrySolve"/> returns the status. Inputs are validated the same way for every solver.
/// </summary>
public abstract class SubsetSumSolver
{
    public abstract string Name { get; }

    /// <summary>The largest n this solver accepts.</summary>
    public abstract int MaxTerms { get; }

    /// <summary>Whether the solver is exact (returns a closest subset) or a heuristic.</summary>
    public abstract bool IsExact { get; }

    public SubsetSumStatus TrySolve(IReadOnlyList<double> coefficients, double target, out SubsetSumSolution? solution)
    {
        Validate(coefficients, target);
        solution = null;
        if (coefficients.Count > MaxTerms) return SubsetSumStatus.TooLarge;
        var status = Run(coefficients, target, out var mask);
        if (status == SubsetSumStatus.Optimal) solution = new SubsetSumSolution(coefficients, target, mask);
        return status;
    }

    public SubsetSumSolution Solve(IReadOnlyList<double> coefficients, double target)
    {
        var status = TrySolve(coefficients, target, out var solution);
        return status switch
        {
            SubsetSumStatus.Optimal => solution!,
            SubsetSumStatus.TooLarge => throw new SubsetSumException(status,
                $"{Name}: n = {coefficients.Count} coefficients is beyond this solver's limit of {MaxTerms}"),
            _ => throw new SubsetSumException(status, $"{Name}: no proven closest subset ({status})"),
        };
    }

    /// <summary>Finds the mask; called with validated input of size ≤ <see cref="MaxTerms"/>.</summary>
    protected abstract SubsetSumStatus Run(IReadOnlyList<double> a, double z, out ulong mask);

    public static void Validate(IReadOnlyList<double> coefficients, double target)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (!double.IsFinite(target))
            throw new ArgumentOutOfRangeException(nameof(target), target, "target z must be a finite number");
        if (coefficients.Count > 63)
            throw new ArgumentOutOfRangeException(nameof(coefficients), coefficients.Count,
                "at most 63 coefficients (a subset is a 64-bit mask)");
        for (int i = 0; i < coefficients.Count; i++)
            if (!double.IsFinite(coefficients[i]))
                throw new ArgumentOutOfRangeException(nameof(coefficients), coefficients[i],
                    $"coefficient a[{i}] must be a finite number");
    }

    /// <summary>Checks an approximation accuracy ε: finite and &gt; 0.</summary>
    public static double CheckEpsilon(double epsilon, string name = "epsilon")
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(name, epsilon, $"{name} must be a finite number > 0");
        return epsilon;
    }
}
